import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Appointment, AppointmentStatus, Clinic } from '@app/shared';
import { CadencesService } from '../cadences/cadences.service.js';
import { bookedAnchorKey, completedAnchorKey, FollowupsService, planContext, startAnchorKey } from '../followups/followups.service.js';
import { PatientsService } from '../patients/patients.service.js';
import { TreatmentPlansService } from '../treatment-plans/treatment-plans.service.js';
import { randomUUID } from 'node:crypto';
import type { BatchItemResultDto } from '../batch/batch.dto.js';
import { checkItems, refused } from '../batch/batch-items.js';
import type { CadenceView } from '../cadences/cadences.service.js';
import { CreateAppointmentDto, type RescheduleAppointmentDto } from './appointment.dto.js';
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
          event: {
            anchor: 'appointment.booked',
            at: appointment.createdAt,
            key: bookedAnchorKey(appointment.id),
            startsAt: appointment.startsAt,
          },
        });
      }
      return result;
    });
  }

  /**
   * A booking system's batch: each item checked on its own; the patients, cadences and plans the
   * good ones need read once for all; the bookings inserted together and their follow-ups planned
   * together (one statement each, in one transaction), then queued with one round trip. A known
   * externalId answers the booking it names (200), or 409 when that booking is another patient's.
   */
  async bookMany(clinic: Clinic, items: unknown[]): Promise<BatchItemResultDto[]> {
    const { results, valid } = await checkItems(CreateAppointmentDto, items);
    const patients = await this.patients.byIds(
      clinic.id,
      valid.map(({ item }) => item.patientId),
    );
    const cadences = new Map<string, CadenceView | undefined>();
    for (const type of new Set(valid.map(({ item }) => item.serviceType))) cadences.set(type, await this.cadences.find(clinic.id, type));
    const knownTypes = [...cadences.values()].some((c) => c === undefined)
      ? (await this.cadences.list(clinic.id)).map((c) => c.serviceType)
      : [];

    const bookable = valid.filter(({ index, item }) => {
      if (!patients.has(item.patientId)) {
        results[index] = refused(index, 404, [{ field: 'patientId', reason: 'names no patient of this clinic' }]);
        return false;
      }
      if (!cadences.get(item.serviceType)) {
        results[index] = refused(index, 400, [
          { field: 'serviceType', reason: `is not a service type of this clinic; known: ${knownTypes.join(', ')}` },
        ]);
        return false;
      }
      return true;
    });
    const plans = await this.plans.forBookings(
      clinic.id,
      bookable.map(({ item }) => item),
    );
    const rows = bookable.flatMap(({ index, item }, n) => {
      const plan = plans[n];
      if ('errors' in plan) {
        results[index] = refused(index, 400, plan.errors);
        return [];
      }
      const values = {
        id: randomUUID(),
        clinicId: clinic.id,
        patientId: item.patientId,
        serviceType: item.serviceType,
        startsAt: new Date(item.startsAt),
        durationMinutes: item.durationMinutes,
        practitioner: item.practitioner ?? null,
        externalId: item.externalId ?? null,
        planId: plan.planId,
      };
      return [{ index, values }];
    });

    await this.followups.inTransaction(async (tx, change) => {
      const { inserted, existing } = await this.appointments.insertMany(
        clinic.id,
        rows.map((row) => row.values),
        tx,
      );
      const made = new Map(inserted.map((appointment) => [appointment.id, appointment]));
      for (const { index, values } of rows) {
        if (made.has(values.id)) {
          results[index] = { index, status: 201, id: values.id };
          continue;
        }
        const known = existing.get(values.externalId!)!;
        results[index] =
          known.patientId === values.patientId
            ? { index, status: 200, id: known.id }
            : refused(index, 409, [{ field: 'externalId', reason: 'already names a booking of another patient' }]);
      }
      await this.followups.planForAppointments(
        tx,
        change,
        inserted.map((appointment) => ({
          clinic,
          patient: patients.get(appointment.patientId)!,
          appointment,
          steps: cadences.get(appointment.serviceType)!.steps,
          events: [
            { anchor: 'appointment.start' as const, at: appointment.startsAt, key: startAnchorKey(appointment.id) },
            {
              anchor: 'appointment.booked' as const,
              at: appointment.createdAt,
              key: bookedAnchorKey(appointment.id),
              startsAt: appointment.startsAt,
            },
          ],
        })),
      );
    });
    return results;
  }

  async get(clinicId: string, id: string): Promise<Appointment> {
    const appointment = await this.appointments.find(clinicId, id);
    if (!appointment) throw new NotFoundException(`appointment ${id} not found`);
    return appointment;
  }

  /** A patient's visits, latest first (fetch `limit + 1` to know whether a page follows). */
  listForPatient(clinicId: string, patientId: string, limit: number, afterId?: string): Promise<Appointment[]> {
    return this.appointments.listForPatient(clinicId, patientId, limit, afterId);
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
      await this.followups.moveAnchor(
        tx,
        change,
        { anchor: 'appointment.start', at: appointment.startsAt, key: startAnchorKey(id) },
        context,
      );
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
  private async settled(
    clinicId: string,
    id: string,
    wanted: AppointmentStatus,
    tx: Parameters<AppointmentsRepository['find']>[2],
  ): Promise<Appointment> {
    const appointment = (await this.appointments.find(clinicId, id, tx))!;
    if (appointment.status === wanted) return appointment;
    throw new ConflictException(`appointment ${id} is already ${appointment.status}`);
  }
}
