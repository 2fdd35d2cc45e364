import { Inject, Injectable } from '@nestjs/common';
import { cadences, type CadenceStep, DATABASE, type Database } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

export type StoredCadence = typeof cadences.$inferSelect;

@Injectable()
export class CadencesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  list(clinicId: string): Promise<StoredCadence[]> {
    return this.db.select().from(cadences).where(eq(cadences.clinicId, clinicId));
  }

  async find(clinicId: string, serviceType: string): Promise<StoredCadence | undefined> {
    const [row] = await this.db
      .select()
      .from(cadences)
      .where(and(eq(cadences.clinicId, clinicId), eq(cadences.serviceType, serviceType)));
    return row;
  }

  /** Drops the clinic's own cadence for a service type; answers whether there was one. */
  async remove(clinicId: string, serviceType: string): Promise<boolean> {
    const rows = await this.db
      .delete(cadences)
      .where(and(eq(cadences.clinicId, clinicId), eq(cadences.serviceType, serviceType)))
      .returning({ serviceType: cadences.serviceType });
    return rows.length > 0;
  }

  async save(clinicId: string, serviceType: string, steps: CadenceStep[]): Promise<StoredCadence> {
    const [row] = await this.db
      .insert(cadences)
      .values({ clinicId, serviceType, steps })
      .onConflictDoUpdate({ target: [cadences.clinicId, cadences.serviceType], set: { steps, updatedAt: sql`now()` } })
      .returning();
    return row;
  }
}
