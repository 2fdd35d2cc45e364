import { Inject, Injectable } from '@nestjs/common';
import {
  type Appointment,
  appointments,
  DATABASE,
  type Database,
  followups,
  type FollowupWithStep,
  type Patient,
  patients,
  plannedStep,
  type Transaction,
} from '@app/shared';
import { and, eq, gt, sql } from 'drizzle-orm';

/** The writes on patients and appointments another module may ask for (see PatientRecordsService). */
@Injectable()
export class PatientRecordsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async find(clinicId: string, id: string): Promise<Patient | undefined> {
    const [row] = await this.db
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
    return row;
  }

  /** A follow-up of the clinic with its appointment, if it has one. */
  async followupWithAppointment(
    clinicId: string,
    id: string,
  ): Promise<{ followup: FollowupWithStep; appointment?: Appointment } | undefined> {
    const [row] = await this.db
      .select({ followup: followups, step: plannedStep(followups), appointment: appointments })
      .from(followups)
      .leftJoin(appointments, eq(appointments.id, followups.appointmentId))
      .where(and(eq(followups.clinicId, clinicId), eq(followups.id, id)));
    return row && { followup: { ...row.followup, step: row.step }, ...(row.appointment && { appointment: row.appointment }) };
  }

  /** Sets the flag; false when it already had that value. */
  async setConsentFlag(tx: Transaction, patientId: string, channel: 'email' | 'sms', granted: boolean): Promise<boolean> {
    const column = channel === 'email' ? patients.consentEmail : patients.consentSms;
    const changed = await tx
      .update(patients)
      .set({ [channel === 'email' ? 'consentEmail' : 'consentSms']: granted, updatedAt: sql`now()` })
      .where(and(eq(patients.id, patientId), eq(column, !granted)))
      .returning({ id: patients.id });
    return changed.length > 0;
  }

  /** The patient's follow-ups still to go out on a channel are skipped (`opted-out`). */
  async skipPendingOnChannel(tx: Transaction, patientId: string, channel: 'email' | 'sms'): Promise<void> {
    await tx
      .update(followups)
      .set({ status: 'skipped', reason: 'opted-out', updatedAt: sql`now()` })
      .where(and(eq(followups.patientId, patientId), eq(followups.channel, channel), eq(followups.status, 'scheduled')));
  }

  /** Confirmed once, if it is still booked and ahead. */
  async confirmAppointment(id: string, now: Date): Promise<Appointment | undefined> {
    const [row] = await this.db
      .update(appointments)
      .set({ confirmedAt: sql`coalesce(${appointments.confirmedAt}, now())`, updatedAt: sql`now()` })
      .where(and(eq(appointments.id, id), eq(appointments.status, 'booked'), gt(appointments.startsAt, now)))
      .returning();
    return row;
  }
}
