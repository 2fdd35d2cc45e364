import { Inject, Injectable } from '@nestjs/common';
import {
  ACCEPTED_DELIVERY_STATUSES,
  type Appointment,
  appointments,
  type Clinic,
  clinics,
  DATABASE,
  type Database,
  type Delivery,
  deliveries,
  type Followup,
  type Patient,
  patients,
} from '@app/shared';
import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';

export interface SendContext {
  clinic: Clinic;
  patient: Patient;
  appointment?: Appointment;
}

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** What a follow-up needs at send time, read fresh: consent and appointment state may have changed. */
  async sendContext(followup: Followup): Promise<SendContext | undefined> {
    const [row] = await this.db
      .select({ clinic: clinics, patient: patients })
      .from(patients)
      .innerJoin(clinics, eq(clinics.id, patients.clinicId))
      .where(eq(patients.id, followup.patientId));
    if (!row) return undefined;
    const [appointment] = followup.appointmentId
      ? await this.db.select().from(appointments).where(eq(appointments.id, followup.appointmentId))
      : [];
    return { ...row, appointment };
  }

  async start(values: Pick<Delivery, 'clinicId' | 'patientId' | 'followupId' | 'channel' | 'to' | 'attempt'> & Partial<Pick<Delivery, 'fallbackFrom'>>): Promise<Delivery> {
    const [row] = await this.db.insert(deliveries).values({ ...values, status: 'sending' }).returning();
    return row;
  }

  async settle(id: string, values: Partial<Pick<Delivery, 'status' | 'providerMessageId' | 'segments' | 'error'>>): Promise<void> {
    await this.db.update(deliveries).set({ ...values, updatedAt: sql`now()` }).where(eq(deliveries.id, id));
  }

  /** The delivery records of one follow-up, newest first: what recovery reads after a crash. */
  forFollowup(followupId: string): Promise<Delivery[]> {
    return this.db.select().from(deliveries).where(eq(deliveries.followupId, followupId)).orderBy(desc(deliveries.createdAt));
  }

  async isRecorded(providerMessageId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.providerMessageId, providerMessageId)).limit(1);
    return row !== undefined;
  }

  /** When messages on a channel went (or are going) to a patient since `since`: what caps count. */
  async sentTimes(patient: Pick<Patient, 'id' | 'clinicId'>, channel: 'email' | 'sms', since: Date): Promise<Date[]> {
    const rows = await this.db
      .select({ at: deliveries.createdAt })
      .from(deliveries)
      .where(and(eq(deliveries.clinicId, patient.clinicId), eq(deliveries.patientId, patient.id), eq(deliveries.channel, channel), inArray(deliveries.status, ['sending', ...ACCEPTED_DELIVERY_STATUSES]), gte(deliveries.createdAt, since)));
    return rows.map((row) => row.at);
  }

  /** Newest first; `beforeId` continues after the last record of the previous page. */
  listForPatient(clinicId: string, patientId: string, limit: number, beforeId?: string): Promise<Delivery[]> {
    const conditions: SQL[] = [eq(deliveries.clinicId, clinicId), eq(deliveries.patientId, patientId)];
    if (beforeId) {
      conditions.push(sql`(${deliveries.createdAt}, ${deliveries.id}) < (select created_at, id from deliveries where id = ${beforeId})`);
    }
    return this.db
      .select()
      .from(deliveries)
      .where(and(...conditions))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(limit);
  }
}
