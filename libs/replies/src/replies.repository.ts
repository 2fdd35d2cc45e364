import { Inject, Injectable } from '@nestjs/common';
import {
  type Clinic,
  clinics,
  continuesFrom,
  DATABASE,
  type Database,
  deliveries,
  type Followup,
  followups,
  type InboundMessage,
  inboundMessages,
  type Patient,
  patients,
  type ReplyStatus,
  type StepKind,
} from '@app/shared';
import { and, desc, eq, gt, inArray, notInArray, type SQL } from 'drizzle-orm';

/** The text of ours a reply answers: what it was, and to whom. */
export interface Conversation {
  clinic: Clinic;
  patient: Patient;
  followup?: Followup;
}

@Injectable()
export class RepliesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Stores a reply once; a provider retry of the same message answers undefined. */
  async receive(values: typeof inboundMessages.$inferInsert): Promise<InboundMessage | undefined> {
    const [row] = await this.db.insert(inboundMessages).values(values).onConflictDoNothing().returning();
    return row;
  }

  async classify(
    id: string,
    values: Partial<Pick<InboundMessage, 'clinicId' | 'patientId' | 'followupId' | 'intent' | 'score' | 'status'>>,
  ): Promise<void> {
    await this.db.update(inboundMessages).set(values).where(eq(inboundMessages.id, id));
  }

  /**
   * The latest text we sent to this number (of one of `kinds`, when given) since `since`:
   * a reply answers the conversation that number is in, which also tells the clinic apart when
   * the number belongs to patients of several clinics.
   */
  async latestTextTo(phone: string, since: Date, kinds?: StepKind[]): Promise<Conversation | undefined> {
    const conditions: SQL[] = [
      eq(deliveries.channel, 'sms'),
      eq(deliveries.to, phone),
      gt(deliveries.createdAt, since),
      // A text still `sending` counts: the patient may answer before its send is recorded.
      notInArray(deliveries.status, ['failed', 'undelivered']),
    ];
    if (kinds) conditions.push(inArray(followups.kind, kinds));
    const [row] = await this.db
      .select({ clinic: clinics, patient: patients, followup: followups })
      .from(deliveries)
      .innerJoin(followups, eq(followups.id, deliveries.followupId))
      .innerJoin(patients, eq(patients.id, deliveries.patientId))
      .innerJoin(clinics, eq(clinics.id, deliveries.clinicId))
      .where(and(...conditions))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(1);
    return row;
  }

  /** A reply with the patient and clinic it was filed under (none when it matched no patient). */
  async replyWithConversation(id: string): Promise<{ reply: InboundMessage; clinic: Clinic; patient: Patient } | undefined> {
    const [row] = await this.db
      .select({ reply: inboundMessages, clinic: clinics, patient: patients })
      .from(inboundMessages)
      .innerJoin(patients, eq(patients.id, inboundMessages.patientId))
      .innerJoin(clinics, eq(clinics.id, inboundMessages.clinicId))
      .where(eq(inboundMessages.id, id));
    return row;
  }

  /** Without a text of ours to answer: the number's patient, when it belongs to exactly one. */
  async onlyPatientWithPhone(phone: string): Promise<Conversation | undefined> {
    const rows = await this.db
      .select({ clinic: clinics, patient: patients })
      .from(patients)
      .innerJoin(clinics, eq(clinics.id, patients.clinicId))
      .where(eq(patients.phone, phone))
      .limit(2);
    return rows.length === 1 ? rows[0] : undefined;
  }

  /** Newest first; `beforeId` continues after the last reply of the previous page. */
  list(clinicId: string, status: ReplyStatus | undefined, limit: number, beforeId?: string): Promise<InboundMessage[]> {
    const conditions: SQL[] = [eq(inboundMessages.clinicId, clinicId)];
    if (status) conditions.push(eq(inboundMessages.status, status));
    if (beforeId) {
      conditions.push(continuesFrom(inboundMessages, beforeId, 'desc'));
    }
    return this.db
      .select()
      .from(inboundMessages)
      .where(and(...conditions))
      .orderBy(desc(inboundMessages.createdAt), desc(inboundMessages.id))
      .limit(limit);
  }

  /** An unread reply becomes read; a handled one stays handled. */
  async markRead(clinicId: string, id: string): Promise<InboundMessage | undefined> {
    await this.db
      .update(inboundMessages)
      .set({ status: 'read' })
      .where(and(eq(inboundMessages.clinicId, clinicId), eq(inboundMessages.id, id), eq(inboundMessages.status, 'unread')));
    const [row] = await this.db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.clinicId, clinicId), eq(inboundMessages.id, id)));
    return row;
  }
}
