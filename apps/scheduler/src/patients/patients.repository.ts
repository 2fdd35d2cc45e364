import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Patient, patients } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

@Injectable()
export class PatientsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts unless the clinic already has a patient with the same externalId; `created` tells which. */
  async createOnce(values: typeof patients.$inferInsert): Promise<{ patient: Patient; created: boolean }> {
    const [inserted] = await this.db.insert(patients).values(values).onConflictDoNothing().returning();
    if (inserted) return { patient: inserted, created: true };
    const [existing] = await this.db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, values.clinicId), eq(patients.externalId, values.externalId!)));
    return { patient: existing, created: false };
  }

  async find(clinicId: string, id: string): Promise<Patient | undefined> {
    const [patient] = await this.db.select().from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
    return patient;
  }

  async update(clinicId: string, id: string, values: Partial<typeof patients.$inferInsert>): Promise<Patient | undefined> {
    const [patient] = await this.db
      .update(patients)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
      .returning();
    return patient;
  }
}
