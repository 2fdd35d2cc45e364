import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Appointment, AppointmentStatus, Clinic } from '@app/shared';
import { CadencesService } from '../cadences/cadences.service.js';
import { bookedAnchorKey, completedAnchorKey, FollowupsService, planContext, startAnchorKey } from '../followups/followups.service.js';
import { PatientsService } from '../patients/patients.service.js';
import { TreatmentPlansService } from '../treatment-plans/treatment-plans.service.js';
import type { CreateAppointmentDto, RescheduleAppointmentDto } from './appointment.dto.js';
import { AppointmentsRepository } from './appointments.repository.js';

export function toAppointmentView({ clinicId: _clinic, ...appointment }: Appointment) {
  return appointment;
}

const CANCEL_REASON: Record<'cancelled' | 'no-show', string> = {
  cancelled: 'appointment-cancelled',
  'no-show': 'no-show',
};

@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly patients: PatientsService,
    private readonly cadences: CadencesService,
    private readonly followups: FollowupsService,
    private readonly plans: TreatmentPlansService,
  ) {}

  /** Books and plans the steps anchored on the start (reminders) and on the booking (confirmation). */
  async book(clinic: Clinic, dto: CreateAppointmentDto): Promise<{ appointment: Appointment; created: boolean }> {
    const patient = await this.patients.get(clinic.id, dto.patientId);
    const cadence = await this.cadences.requireKnownServiceType(clinic.id, dto.serviceType);
    const planId = await this.plans.forBooking(clinic.id, patient.id, dto.serviceType, dto.planId);
    return this.followups.inTransaction(async (tx, change) => {
      const result = await this.appointments.insertOnce(
        {
          clinicId: clinic.id,
          patientId: patient.id,
          serviceType: dto.serviceType,
          startsAt: new Date(dto.startsAt),
          durationMinutes: dto.durationMinutes,
          practitioner: dto.practitioner ?? null,
          externalId: dto.externalId ?? null,
          planId,
        },
        tx,
      );
      if (result.created) {
        const { appointment } = result;
        const planned = { clinic, patient, appointment, steps: cadence.steps };
        await this.followups.planForAppointment(tx, change, {
          ...planned,
          event: { anchor: 'appointment.start', at: appointment.startsAt, key: startAnchorKey(appointment.id) },
        });
        await this.followups.planForAppointment(tx, change, {
          ...planned,
          event: { anchor: 'appointment.booked', at: appointment.createdAt, key: bookedAnchorKey(appointment.id), startsAt: appointment.startsAt },
        });
      }
      return result;
    });
  }

  async get(clinicId: string, id: string): Promise<Appointment> {
    const appointment = await this.appointments.find(clinicId, id);
    if (!appointment) throw new NotFoundException(`appointment ${id} not found`);
    return appointment;
  }

  /**
   * Completes a booked appointment and plans what follows it (aftercare, check-ins) from the
   * clinic's cadence as it is now. A session of a treatment plan moves the plan on. Completing
   * twice plans nothing new.
   */
  async complete(clinic: Clinic, id: string): Promise<Appointment> {
    const current = await this.get(clinic.id, id);
    const patient = await this.patients.get(clinic.id, current.patientId);
    const cadence = await this.cadences.find(clinic.id, current.serviceType);
    return this.followups.inTransaction(async (tx, change) => {
      const appointment = await this.appointments.transition(clinic.id, id, 'completed', tx);
      if (!appointment) return this.settled(clinic.id, id, 'completed', tx);
      await this.followups.cancelForAppointment(tx, change, id, 'appointment-completed', startAnchorKey(id));
      await this.followups.cancelForAppointment(tx, change, id, 'appointment-completed', bookedAnchorKey(id));
      await this.followups.planForAppointment(tx, change, {
        clinic,
        patient,
        appointment,
        steps: cadence?.steps ?? [],
        event: { anchor: 'appointment.completed', at: appointment.completedAt!, key: completedAnchorKey(id) },
      });
      if (appointment.planId) {
        await this.plans.sessionCompleted(tx, change, { clinic, patient, planId: appointment.planId, steps: cadence?.steps ?? [] });
      }
      return appointment;
    });
  }

  /** Cancels or marks a no-show: every pending follow-up of the appointment is cancelled. */
  async close(clinic: Clinic, id: string, to: 'cancelled' | 'no-show'): Promise<Appointment> {
    await this.get(clinic.id, id);
    return this.followups.inTransaction(async (tx, change) => {
      const appointment = await this.appointments.transition(clinic.id, id, to, tx);
      if (!appointment) return this.settled(clinic.id, id, to, tx);
      await this.followups.cancelForAppointment(tx, change, id, CANCEL_REASON[to]);
      return appointment;
    });
  }

  /**
   * Moves a booked appointment; reminders anchored on its start move with it, and a confirmation
   * not sent yet waits a fresh grace period so the patient gets one, with the final time.
   */
  async reschedule(clinic: Clinic, id: string, dto: RescheduleAppointmentDto): Promise<Appointment> {
    const current = await this.get(clinic.id, id);
    const patient = await this.patients.get(clinic.id, current.patientId);
    return this.followups.inTransaction(async (tx, change) => {
      const appointment = await this.appointments.reschedule(
        clinic.id,
        id,
        { ...(dto.startsAt && { startsAt: new Date(dto.startsAt) }), ...(dto.durationMinutes && { durationMinutes: dto.durationMinutes }) },
        tx,
      );
      if (!appointment) throw new ConflictException(`appointment ${id} is ${current.status}; only a booked appointment can be rescheduled`);
      const context = planContext(clinic, patient);
      await this.followups.moveAnchor(tx, change, { anchor: 'appointment.start', at: appointment.startsAt, key: startAnchorKey(id) }, context);
      await this.followups.moveAnchor(
        tx,
        change,
        { anchor: 'appointment.booked', at: context.now, key: bookedAnchorKey(id), startsAt: appointment.startsAt },
        context,
      );
      return appointment;
    });
  }

  /** Repeating a transition is a no-op; asking for a different one on a closed appointment is a conflict. */
  private async settled(clinicId: string, id: string, wanted: AppointmentStatus, tx: Parameters<AppointmentsRepository['find']>[2]): Promise<Appointment> {
    const appointment = (await this.appointments.find(clinicId, id, tx))!;
    if (appointment.status === wanted) return appointment;
    throw new ConflictException(`appointment ${id} is already ${appointment.status}`);
  }
}
