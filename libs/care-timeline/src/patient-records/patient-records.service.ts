import { Injectable, NotFoundException } from '@nestjs/common';
import type { Appointment, FollowupWithStep, Patient, Transaction } from '@app/shared';
import { PatientRecordsRepository } from './patient-records.repository.js';

/**
 * What other modules may ask of the care timeline, which alone writes patients, appointments and
 * follow-ups (docs/ARCHITECTURE.md, table ownership): the consent module changes a consent flag,
 * the replies module confirms an appointment, the scheduler's other APIs look a patient up.
 */
@Injectable()
export class PatientRecordsService {
  constructor(private readonly records: PatientRecordsRepository) {}

  /** The caller's patient; any id outside the caller's clinic is simply not found. */
  async get(clinicId: string, id: string): Promise<Patient> {
    const patient = await this.records.find(clinicId, id);
    if (!patient) throw new NotFoundException(`patient ${id} not found`);
    return patient;
  }

  /**
   * A follow-up of the caller's clinic with what its message is made of: the step it was planned
   * with, its patient and its appointment (none for a treatment plan's). Not found outside the clinic.
   */
  async followupForMessage(
    clinicId: string,
    id: string,
  ): Promise<{ followup: FollowupWithStep; patient: Patient; appointment?: Appointment }> {
    const found = await this.records.followupWithAppointment(clinicId, id);
    if (!found) throw new NotFoundException(`follow-up ${id} not found`);
    return { ...found, patient: await this.get(clinicId, found.followup.patientId) };
  }

  /**
   * Sets a patient's consent for a channel inside the caller's transaction; withdrawing it skips
   * that channel's pending follow-ups at once. False (and nothing changed) when the flag already
   * had that value, so a second STOP is not a second withdrawal.
   */
  async setConsent(tx: Transaction, patientId: string, channel: 'email' | 'sms', granted: boolean): Promise<boolean> {
    const changed = await this.records.setConsentFlag(tx, patientId, channel, granted);
    if (changed && !granted) await this.records.skipPendingOnChannel(tx, patientId, channel);
    return changed;
  }

  /** YES to a reminder: the appointment is confirmed if it is still booked and ahead; undefined otherwise. */
  confirmAppointment(id: string, now: Date): Promise<Appointment | undefined> {
    return this.records.confirmAppointment(id, now);
  }
}
