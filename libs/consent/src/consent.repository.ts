import { Inject, Injectable } from '@nestjs/common';
import {
  clinics,
  type ConsentEvent,
  consentEvents,
  type ConsentSource,
  DATABASE,
  type Database,
  type Patient,
  patients,
  smsSuppressions,
  type Transaction,
} from '@app/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';

/** The consent record and SMS suppressions (the consent module's tables), and the patients they concern. */
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

  /** The patient's own locale and their clinic's default, for the language a page is written in. */
  async locales(patientId: string): Promise<{ patientLocale: string | null; clinicLocale: string } | undefined> {
    const [row] = await this.db
      .select({ patientLocale: patients.locale, clinicLocale: clinics.defaultLocale })
      .from(patients)
      .innerJoin(clinics, eq(clinics.id, patients.clinicId))
      .where(eq(patients.id, patientId));
    return row;
  }

  async isSuppressed(phone: string, sender: string): Promise<boolean> {
    const [row] = await this.db
      .select({ phone: smsSuppressions.phone })
      .from(smsSuppressions)
      .where(and(eq(smsSuppressions.phone, phone), eq(smsSuppressions.sender, sender)));
    return row !== undefined;
  }

  /**
   * Whether the patient still consents to the channel and, for a text, the number has not opted
   * out of the sender: one statement, for the moment just before a provider is called.
   */
  async consentsNow(patientId: string, channel: 'email' | 'sms', sender: string): Promise<boolean> {
    const [row] = await this.db
      .select({
        consents: channel === 'email' ? patients.consentEmail : patients.consentSms,
        suppressed: sql<boolean>`exists (select 1 from ${smsSuppressions} s where s.phone = ${patients.phone} and s.sender = ${sender})`,
      })
      .from(patients)
      .where(eq(patients.id, patientId));
    return row !== undefined && row.consents && (channel === 'email' || !row.suppressed);
  }

  async suppress(phone: string, sender: string, source: ConsentSource): Promise<void> {
    await this.db.insert(smsSuppressions).values({ phone, sender, source }).onConflictDoNothing();
  }

  async lift(phone: string, sender: string): Promise<void> {
    await this.db.delete(smsSuppressions).where(and(eq(smsSuppressions.phone, phone), eq(smsSuppressions.sender, sender)));
  }

  /** Runs `work` in one transaction: a consent change and its record commit together. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Adds to the consent record: how and when consent for a channel was given or withdrawn. */
  async record(
    tx: Transaction,
    events: { clinicId: string; patientId: string; channel: 'email' | 'sms'; granted: boolean; source: ConsentSource }[],
  ): Promise<void> {
    if (events.length > 0) await tx.insert(consentEvents).values(events);
  }

  /** The patients whose SMS consent was last withdrawn by the phone itself (STOP or the provider). */
  async withdrawnByPhone(patientIds: string[]): Promise<Set<string>> {
    if (patientIds.length === 0) return new Set();
    const rows = await this.db
      .selectDistinctOn([consentEvents.patientId], {
        patientId: consentEvents.patientId,
        granted: consentEvents.granted,
        source: consentEvents.source,
      })
      .from(consentEvents)
      .where(and(inArray(consentEvents.patientId, patientIds), eq(consentEvents.channel, 'sms')))
      .orderBy(consentEvents.patientId, sql`${consentEvents.createdAt} desc`, sql`${consentEvents.id} desc`);
    return new Set(rows.filter((r) => !r.granted && (r.source === 'sms-stop' || r.source === 'provider-21610')).map((r) => r.patientId));
  }

  history(patientId: string): Promise<ConsentEvent[]> {
    return this.db
      .select()
      .from(consentEvents)
      .where(eq(consentEvents.patientId, patientId))
      .orderBy(asc(consentEvents.createdAt), asc(consentEvents.channel), asc(consentEvents.id));
  }
}
