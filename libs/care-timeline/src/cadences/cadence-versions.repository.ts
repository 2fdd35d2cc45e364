import { Inject, Injectable } from '@nestjs/common';
import { cadenceDigest, type CadenceStep, cadenceVersions, DATABASE, type Database } from '@app/shared';
import { and, eq } from 'drizzle-orm';

type Executor = Pick<Database, 'insert' | 'select'>;

export interface CadenceToPlan {
  clinicId: string;
  serviceType: string;
  steps: readonly CadenceStep[];
}

/** Immutable cadence versions: the steps follow-ups are planned from, each set stored once. */
@Injectable()
export class CadenceVersionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * The id of the version holding exactly these steps, stored the first time they are planned
   * from. Usually one indexed read; in the planning transaction, so a version is never left
   * referenced by nothing but a rolled-back plan's rows.
   */
  async versionOf(cadence: CadenceToPlan, tx: Executor = this.db): Promise<string> {
    const digest = cadenceDigest(cadence.steps);
    const same = and(
      eq(cadenceVersions.clinicId, cadence.clinicId),
      eq(cadenceVersions.serviceType, cadence.serviceType),
      eq(cadenceVersions.digest, digest),
    );
    const [found] = await tx.select({ id: cadenceVersions.id }).from(cadenceVersions).where(same);
    if (found) return found.id;
    const [inserted] = await tx
      .insert(cadenceVersions)
      .values({ clinicId: cadence.clinicId, serviceType: cadence.serviceType, digest, steps: [...cadence.steps] })
      .onConflictDoNothing()
      .returning({ id: cadenceVersions.id });
    if (inserted) return inserted.id;
    // Another transaction stored the same steps meanwhile: the insert waited for it to commit, and
    // this new statement sees its row.
    const [stored] = await tx.select({ id: cadenceVersions.id }).from(cadenceVersions).where(same);
    return stored.id;
  }
}
