import { Inject, Injectable } from '@nestjs/common';
import { type CadenceToPlan, cadenceVersionOf, DATABASE, type Database } from '@app/shared';

/** Immutable cadence versions: the steps follow-ups are planned from, each set stored once. */
@Injectable()
export class CadenceVersionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The version holding exactly these steps, stored if new (`cadenceVersionOf`), in `tx` when given. */
  versionOf(cadence: CadenceToPlan, tx: Pick<Database, 'insert' | 'select'> = this.db): Promise<string> {
    return cadenceVersionOf(tx, cadence);
  }
}
