import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { CadenceStep, Clinic, Patient, TreatmentPlan } from '@app/shared';
import { CadencesService } from '../cadences/cadences.service.js';
import { badRequest } from '../common/validation.js';
import {
  FollowupsService,
  type PlanChange,
  planCompletedAnchorKey,
  sessionDueAnchorKey,
  type Transaction,
} from '../followups/followups.service.js';
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
    if (planId === undefined) return (await this.plans.findActive(clinicId, patientId, serviceType))?.id ?? null;
    const plan = await this.plans.find(clinicId, planId);
    if (!plan || plan.patientId !== patientId) throw badRequest([{ field: 'planId', reason: "is not one of this patient's treatment plans" }]);
    if (plan.status !== 'active') throw badRequest([{ field: 'planId', reason: `names a treatment plan that is ${plan.status}` }]);
    if (plan.serviceType !== serviceType) throw badRequest([{ field: 'planId', reason: `names a plan for ${plan.serviceType}, not ${serviceType}` }]);
    return plan.id;
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
      await this.followups.planForTreatmentPlan(tx, change, { clinic, patient, planId, steps, event });
      return;
    }
    const completed = (await this.plans.close(planId, 'completed', tx))!;
    const event = { anchor: 'plan.completed' as const, at: completed.completedAt!, key: planCompletedAnchorKey(planId) };
    await this.followups.planForTreatmentPlan(tx, change, { clinic, patient, planId, steps, event });
  }

  private async find(clinicId: string, id: string): Promise<TreatmentPlan> {
    const plan = await this.plans.find(clinicId, id);
    if (!plan) throw new NotFoundException(`treatment plan ${id} not found`);
    return plan;
  }

  private async view(clinic: Clinic, plan: TreatmentPlan): Promise<TreatmentPlanView> {
    const patient = await this.patients.get(clinic.id, plan.patientId);
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
