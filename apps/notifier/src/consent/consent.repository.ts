import { Inject, Injectable } from '@nestjs/common';
import {
  type ConsentEvent,
  consentEvents,
  type ConsentSource,
  DATABASE,
  type Database,
  deliveries,
  followups,
  type Patient,
  patients,
  smsSuppressions,
} from '@app/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

/** Consent flags on patients, the consent record, and SMS suppressions. */
@Injectable()
export class ConsentRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  patientsWithPhone(phone: string): Promise<Patient[]> {
    return this.db.select().from(patients).where(eq(patients.phone, phone));
  }

  async patient(id: string): Promise<Patient | undefined> {
    const [row] = await this.db.select().from(patients).where(eq(patients.id, id));
    return row;
  }

  async patientOfDelivery(deliveryId: string): Promise<string | undefined> {
    const [row] = await this.db.select({ patientId: deliveries.patientId }).from(deliveries).where(eq(deliveries.id, deliveryId));
    return row?.patientId;
  }

  async isSuppressed(phone: string, sender: string): Promise<boolean> {
    const [row] = await this.db
      .select({ phone: smsSuppressions.phone })
      .from(smsSuppressions)
      .where(and(eq(smsSuppressions.phone, phone), eq(smsSuppressions.sender, sender)));
    return row !== undefined;
  }

  async suppress(phone: string, sender: string, source: ConsentSource): Promise<void> {
    await this.db.insert(smsSuppressions).values({ phone, sender, source }).onConflictDoNothing();
  }

  async lift(phone: string, sender: string): Promise<void> {
    await this.db.delete(smsSuppressions).where(and(eq(smsSuppressions.phone, phone), eq(smsSuppressions.sender, sender)));
  }

  /**
   * Sets a patient's consent for a channel and records how, in one transaction; when consent is
   * withdrawn, that channel's pending follow-ups are skipped at once. Records nothing when the
   * flag already had that value (a second STOP is not a second withdrawal).
   */
  async setConsent(patient: Patient, channel: 'email' | 'sms', granted: boolean, source: ConsentSource): Promise<boolean> {
    const column = channel === 'email' ? patients.consentEmail : patients.consentSms;
    return this.db.transaction(async (tx) => {
      const changed = await tx
        .update(patients)
        .set({ [channel === 'email' ? 'consentEmail' : 'consentSms']: granted, updatedAt: sql`now()` })
        .where(and(eq(patients.id, patient.id), eq(column, !granted)))
        .returning({ id: patients.id });
      if (changed.length === 0) return false;
      await tx.insert(consentEvents).values({ clinicId: patient.clinicId, patientId: patient.id, channel, granted, source });
      if (!granted) {
        await tx
          .update(followups)
          .set({ status: 'skipped', reason: 'opted-out', updatedAt: sql`now()` })
          .where(and(eq(followups.patientId, patient.id), eq(followups.channel, channel), eq(followups.status, 'scheduled')));
      }
      return true;
    });
  }

  /** The patients whose SMS consent was last withdrawn by the phone itself (STOP or the provider). */
  async withdrawnByPhone(patientIds: string[]): Promise<Set<string>> {
    if (patientIds.length === 0) return new Set();
    const rows = await this.db
      .selectDistinctOn([consentEvents.patientId], { patientId: consentEvents.patientId, granted: consentEvents.granted, source: consentEvents.source })
      .from(consentEvents)
      .where(and(inArray(consentEvents.patientId, patientIds), eq(consentEvents.channel, 'sms')))
      .orderBy(consentEvents.patientId, sql`${consentEvents.createdAt} desc`, sql`${consentEvents.id} desc`);
    return new Set(rows.filter((r) => !r.granted && (r.source === 'sms-stop' || r.source === 'provider-21610')).map((r) => r.patientId));
  }

  history(patientId: string): Promise<ConsentEvent[]> {
    return this.db.select().from(consentEvents).where(eq(consentEvents.patientId, patientId)).orderBy(asc(consentEvents.createdAt), asc(consentEvents.channel), asc(consentEvents.id));
  }
}
