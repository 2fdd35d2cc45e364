import { Inject, Injectable } from '@nestjs/common';
import { consentEvents, DATABASE, type Database, type Patient, patients } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

@Injectable()
export class PatientsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts unless the clinic already has a patient with the same externalId; `created` tells which. */
  async createOnce(values: typeof patients.$inferInsert): Promise<{ patient: Patient; created: boolean }> {
    const inserted = await this.db.transaction(async (tx) => {
      const [row] = await tx.insert(patients).values(values).onConflictDoNothing().returning();
      if (row) {
        await tx.insert(consentEvents).values([
          { clinicId: row.clinicId, patientId: row.id, channel: 'email', granted: row.consentEmail, source: 'api' },
          { clinicId: row.clinicId, patientId: row.id, channel: 'sms', granted: row.consentSms, source: 'api' },
        ]);
      }
      return row;
    });
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

  /** Updates a patient; a consent flag that changes is written to the consent record with it. */
  async update(clinicId: string, id: string, values: Partial<typeof patients.$inferInsert>): Promise<Patient | undefined> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.id, id))).for('update');
      if (!before) return undefined;
      const [patient] = await tx
        .update(patients)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
        .returning();
      const changes = [
        ...(patient.consentEmail !== before.consentEmail ? [{ channel: 'email' as const, granted: patient.consentEmail }] : []),
        ...(patient.consentSms !== before.consentSms ? [{ channel: 'sms' as const, granted: patient.consentSms }] : []),
      ];
      if (changes.length > 0) {
        await tx.insert(consentEvents).values(changes.map((change) => ({ ...change, clinicId, patientId: id, source: 'api' as const })));
      }
      return patient;
    });
  }
}
