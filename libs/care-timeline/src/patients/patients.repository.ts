import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Patient, patients } from '@app/shared';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { CONSENT_LEDGER, type ConsentLedger } from './consent-ledger.js';

@Injectable()
export class PatientsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONSENT_LEDGER) private readonly consentLedger: ConsentLedger,
  ) {}

  /** Inserts unless the clinic already has a patient with the same externalId; `created` tells which. */
  async createOnce(values: typeof patients.$inferInsert): Promise<{ patient: Patient; created: boolean }> {
    const inserted = await this.db.transaction(async (tx) => {
      const [row] = await tx.insert(patients).values(values).onConflictDoNothing().returning();
      if (row) {
        await this.consentLedger.recordApiChanges(tx, [
          { clinicId: row.clinicId, patientId: row.id, channel: 'email', granted: row.consentEmail },
          { clinicId: row.clinicId, patientId: row.id, channel: 'sms', granted: row.consentSms },
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

  /**
   * Inserts many patients in one statement (ids made by the caller); those whose externalId the
   * clinic already has, or that repeat one earlier in the same rows, are left out and answered as
   * `existing`, by externalId. Consent of the new ones goes to the consent record in the same
   * transaction.
   */
  async createMany(
    clinicId: string,
    values: (typeof patients.$inferInsert & { id: string })[],
  ): Promise<{ inserted: Patient[]; existing: Map<string, Patient> }> {
    if (values.length === 0) return { inserted: [], existing: new Map() };
    const inserted = await this.db.transaction(async (tx) => {
      const rows = await tx.insert(patients).values(values).onConflictDoNothing().returning();
      await this.consentLedger.recordApiChanges(
        tx,
        rows.flatMap((row) => [
          { clinicId: row.clinicId, patientId: row.id, channel: 'email' as const, granted: row.consentEmail },
          { clinicId: row.clinicId, patientId: row.id, channel: 'sms' as const, granted: row.consentSms },
        ]),
      );
      return rows;
    });
    const made = new Set(inserted.map((row) => row.id));
    const known = [...new Set(values.filter((v) => !made.has(v.id) && v.externalId).map((v) => v.externalId!))];
    const existing =
      known.length === 0
        ? []
        : await this.db
            .select()
            .from(patients)
            .where(and(eq(patients.clinicId, clinicId), inArray(patients.externalId, known)));
    return { inserted, existing: new Map(existing.map((row) => [row.externalId!, row])) };
  }

  /** The clinic's patients among `ids`, by id; the others are not the clinic's (or do not exist). */
  async byIds(clinicId: string, ids: string[]): Promise<Map<string, Patient>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...new Set(ids)])));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Updates a patient; a consent flag that changes goes to the consent record in the same transaction. */
  async update(clinicId: string, id: string, values: Partial<typeof patients.$inferInsert>): Promise<Patient | undefined> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
        .for('update');
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
        await this.consentLedger.recordApiChanges(
          tx,
          changes.map((change) => ({ ...change, clinicId, patientId: id })),
        );
      }
      return patient;
    });
  }

  /**
   * Patients whose first name, last name, full name or email starts with `search` (any case), or
   * whose phone number contains its digits when it looks like a number; by name. The prefix
   * matches use the clinic's lower(...) text_pattern_ops indexes.
   */
  search(clinicId: string, search: string | undefined, limit: number, afterId?: string): Promise<Patient[]> {
    const conditions: SQL[] = [eq(patients.clinicId, clinicId)];
    const term = search?.trim().toLowerCase();
    if (term) {
      const prefix = `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const matches: SQL[] = [
        sql`lower(${patients.firstName}) like ${prefix}`,
        sql`lower(${patients.lastName}) like ${prefix}`,
        sql`lower(${patients.email}) like ${prefix}`,
        sql`lower(${patients.firstName} || ' ' || coalesce(${patients.lastName}, '')) like ${prefix}`,
      ];
      const digits = term.replace(/[\s().+-]/g, '');
      if (/^\d{3,}$/.test(digits)) matches.push(sql`${patients.phone} like ${`%${digits}%`}`);
      conditions.push(or(...matches)!);
    }
    const order = sql`(lower(${patients.firstName}), lower(coalesce(${patients.lastName}, '')), ${patients.id})`;
    if (afterId) {
      conditions.push(sql`${order} > (select lower(first_name), lower(coalesce(last_name, '')), id from patients where id = ${afterId})`);
    }
    return this.db
      .select()
      .from(patients)
      .where(and(...conditions))
      .orderBy(asc(sql`lower(${patients.firstName})`), asc(sql`lower(coalesce(${patients.lastName}, ''))`), asc(patients.id))
      .limit(limit);
  }

  /** Names to show beside alerts and follow-ups, by patient id. */
  async names(clinicId: string, ids: string[]): Promise<Map<string, PatientName>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...new Set(ids)])));
    return new Map(rows.map((row) => [row.id, row]));
  }
}

export interface PatientName {
  id: string;
  firstName: string;
  lastName: string | null;
}
