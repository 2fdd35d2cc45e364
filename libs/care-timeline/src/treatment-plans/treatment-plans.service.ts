import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  badRequest,
  type CadenceStep,
  type FieldError,
  type Clinic,
  type Patient,
  toPage,
  type Transaction,
  type TreatmentPlan,
} from '@app/shared';
import { CadencesService } from '../cadences/cadences.service.js';
import { FollowupsService, type PlanChange, planCompletedAnchorKey, sessionDueAnchorKey } from '../followups/followups.service.js';
import { PatientsService } from '../patients/patients.service.js';
import { firstSessionDue, nextSessionDue } from './plan-progress.js';
import type { CreateTreatmentPlanDto } from './treatment-plan.dto.js';
import { TreatmentPlansRepository } from './treatment-plans.repository.js';

export interface TreatmentPlanView {
  id: string;
  patientId: string;
  serviceType: string;
  sessions: number;
  intervalDays: number;
  startsAt: Date;
  status: TreatmentPlan['status'];
  sessionsDone: number;
  /** When the next session is due; null once the plan is completed or cancelled. */
  nextDueAt: Date | null;
  externalId: string | null;
  createdAt: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
}

interface Booking {
  patientId: string;
  serviceType: string;
  planId?: string;
}

/**
 * The plan a booking counts towards: the one it names, which must be the patient's, active and of
 * its service type; else the patient's newest active plan for the service type, if any. `plans`
 * holds at least those, newest first.
 */
export function planOfBooking(plans: TreatmentPlan[], booking: Booking): { planId: string | null } | { errors: FieldError[] } {
  const { patientId, serviceType, planId } = booking;
  if (planId === undefined) {
    const active = plans.find((p) => p.patientId === patientId && p.serviceType === serviceType && p.status === 'active');
    return { planId: active?.id ?? null };
  }
  const plan = plans.find((p) => p.id === planId);
  if (!plan || plan.patientId !== patientId)
    return { errors: [{ field: 'planId', reason: "is not one of this patient's treatment plans" }] };
  if (plan.status !== 'active') return { errors: [{ field: 'planId', reason: `names a treatment plan that is ${plan.status}` }] };
  if (plan.serviceType !== serviceType)
    return { errors: [{ field: 'planId', reason: `names a plan for ${plan.serviceType}, not ${serviceType}` }] };
  return { planId: plan.id };
}

const zoneOf = (clinic: Clinic, patient: Pick<Patient, 'timezone'>) => patient.timezone ?? clinic.timezone;

@Injectable()
export class TreatmentPlansService {
  constructor(
    private readonly plans: TreatmentPlansRepository,
    private readonly patients: PatientsService,
    private readonly cadences: CadencesService,
    private readonly followups: FollowupsService,
  ) {}

  /** Creates a plan and plans the nudges for its first session. A repeated externalId answers the existing plan. */
  async create(clinic: Clinic, dto: CreateTreatmentPlanDto): Promise<{ plan: TreatmentPlanView; created: boolean }> {
    const patient = await this.patients.get(clinic.id, dto.patientId);
    const cadence = await this.cadences.requireKnownServiceType(clinic.id, dto.serviceType);
    const startsAt = firstSessionDue(dto.startsOn, zoneOf(clinic, patient), new Date());
    const { plan, created } = await this.followups.inTransaction(async (tx, change) => {
      const result = await this.plans.insertOnce(
        {
          clinicId: clinic.id,
          patientId: patient.id,
          serviceType: dto.serviceType,
          sessions: dto.sessions,
          intervalDays: dto.intervalDays,
          startsAt,
          externalId: dto.externalId ?? null,
        },
        tx,
      );
      if (result.created) {
        await this.followups.planForTreatmentPlan(tx, change, {
          clinic,
          patient,
          planId: result.plan.id,
          serviceType: result.plan.serviceType,
          steps: cadence.steps,
          event: { anchor: 'plan.session-due', at: startsAt, key: sessionDueAnchorKey(result.plan.id, 1) },
        });
      }
      return result;
    });
    return { plan: await this.view(clinic, plan), created };
  }

  async get(clinic: Clinic, id: string): Promise<TreatmentPlanView> {
    return this.view(clinic, await this.find(clinic.id, id));
  }

  /** A page of a patient's plans with their progress, newest first (a plan for a patient of another clinic is never listed). */
  async listForPatient(
    clinic: Clinic,
    patientId: string,
    limit: number,
    afterId?: string,
  ): Promise<{ items: TreatmentPlanView[]; nextCursor?: string }> {
    const page = toPage(await this.plans.listForPatient(clinic.id, patientId, limit + 1, afterId), limit, (plan) => plan);
    if (page.items.length === 0) return { items: [] };
    const patient = await this.patients.get(clinic.id, patientId);
    return { items: await Promise.all(page.items.map((plan) => this.view(clinic, plan, patient))), nextCursor: page.nextCursor };
  }

  /** Cancels an active plan and every nudge or check-in still pending for it; cancelling twice is a no-op. */
  async cancel(clinic: Clinic, id: string): Promise<TreatmentPlanView> {
    await this.find(clinic.id, id);
    const plan = await this.followups.inTransaction(async (tx, change) => {
      const cancelled = await this.plans.close(id, 'cancelled', tx);
      if (!cancelled) {
        const current = (await this.plans.find(clinic.id, id, tx))!;
        if (current.status === 'cancelled') return current;
        throw new ConflictException(`treatment plan ${id} is already ${current.status}`);
      }
      await this.followups.cancelForPlan(tx, change, id, 'plan-cancelled');
      return cancelled;
    });
    return this.view(clinic, plan);
  }

  /**
   * The plan a new booking counts towards: the one named (which must be the patient's active plan
   * for that service type), else the patient's newest active plan for the service type, else none.
   */
  async forBooking(clinicId: string, patientId: string, serviceType: string, planId: string | undefined): Promise<string | null> {
    const plans =
      planId === undefined ? [await this.plans.findActive(clinicId, patientId, serviceType)] : [await this.plans.find(clinicId, planId)];
    const chosen = planOfBooking(
      plans.filter((plan): plan is TreatmentPlan => plan !== undefined),
      { patientId, serviceType, planId },
    );
    if ('errors' in chosen) throw badRequest(chosen.errors);
    return chosen.planId;
  }

  /** The same for a batch of bookings, with one read: each booking's plan id, or why it cannot be. */
  async forBookings(clinicId: string, bookings: Booking[]): Promise<({ planId: string | null } | { errors: FieldError[] })[]> {
    const plans = await this.plans.activeOrNamed(
      clinicId,
      [...new Set(bookings.map((b) => b.patientId))],
      [...new Set(bookings.flatMap((b) => (b.planId ? [b.planId] : [])))],
    );
    return bookings.map((booking) => planOfBooking(plans, booking));
  }

  /**
   * A session of the plan happened: its pending nudges are dropped, then either the next session's
   * nudges are planned or, after the last session, the plan completes and its check-ins are planned.
   * `steps` is the cadence of the plan's service type (a session always has the plan's service
   * type), read by the caller before the transaction.
   */
  async sessionCompleted(
    tx: Transaction,
    change: PlanChange,
    input: { clinic: Clinic; patient: Patient; planId: string; steps: CadenceStep[] },
  ): Promise<void> {
    const { clinic, patient, planId, steps } = input;
    const plan = await this.plans.lock(planId, tx);
    if (!plan || plan.status !== 'active') return;
    const starts = await this.plans.sessionStarts(planId, tx);
    await this.followups.cancelForPlan(tx, change, planId, 'session-completed', 'plan.session-due');
    const due = nextSessionDue(plan, starts, zoneOf(clinic, patient));
    if (due) {
      const event = { anchor: 'plan.session-due' as const, at: due, key: sessionDueAnchorKey(planId, starts.length + 1) };
      await this.followups.planForTreatmentPlan(tx, change, { clinic, patient, planId, serviceType: plan.serviceType, steps, event });
      return;
    }
    const completed = (await this.plans.close(planId, 'completed', tx))!;
    const event = { anchor: 'plan.completed' as const, at: completed.completedAt!, key: planCompletedAnchorKey(planId) };
    await this.followups.planForTreatmentPlan(tx, change, { clinic, patient, planId, serviceType: plan.serviceType, steps, event });
  }

  private async find(clinicId: string, id: string): Promise<TreatmentPlan> {
    const plan = await this.plans.find(clinicId, id);
    if (!plan) throw new NotFoundException(`treatment plan ${id} not found`);
    return plan;
  }

  private async view(clinic: Clinic, plan: TreatmentPlan, known?: Patient): Promise<TreatmentPlanView> {
    const patient = known ?? (await this.patients.get(clinic.id, plan.patientId));
    const starts = await this.plans.sessionStarts(plan.id);
    const due = plan.status === 'active' ? nextSessionDue(plan, starts, zoneOf(clinic, patient)) : undefined;
    return {
      id: plan.id,
      patientId: plan.patientId,
      serviceType: plan.serviceType,
      sessions: plan.sessions,
      intervalDays: plan.intervalDays,
      startsAt: plan.startsAt,
      status: plan.status,
      sessionsDone: Math.min(starts.length, plan.sessions),
      nextDueAt: due ?? null,
      externalId: plan.externalId,
      createdAt: plan.createdAt,
      completedAt: plan.completedAt,
      cancelledAt: plan.cancelledAt,
    };
  }
}
