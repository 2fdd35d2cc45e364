import { Inject, Injectable } from '@nestjs/common';
import { type Anchor, type Appointment, type CadenceStep, type Clinic, DATABASE, type Database, type Followup, type Patient } from '@app/shared';
import { type AnchorEvent, isTooLate, type PlanContext, planFollowups, sendTimeOf } from '../cadences/plan-followups.js';
import { FollowupQueueRepository } from './followup-queue.repository.js';
import { type FollowupFilter, FollowupsRepository } from './followups.repository.js';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a change did to the plan, applied to the queue once the transaction has committed. */
export interface PlanChange {
  toEnqueue: Followup[];
  toRemove: Followup[];
}

export const startAnchorKey = (appointmentId: string) => `appointment-${appointmentId}-start`;
export const completedAnchorKey = (appointmentId: string) => `appointment-${appointmentId}-completed`;
export const bookedAnchorKey = (appointmentId: string) => `appointment-${appointmentId}-booked`;
export const sessionDueAnchorKey = (planId: string, session: number) => `plan-${planId}-session-${session}-due`;
export const planCompletedAnchorKey = (planId: string) => `plan-${planId}-completed`;

export function planContext(clinic: Clinic, patient: Pick<Patient, 'timezone'>): PlanContext {
  return { zone: patient.timezone ?? clinic.timezone, quietHours: clinic.quietHours, now: new Date() };
}

export function toFollowupView(followup: Followup) {
  return {
    id: followup.id,
    kind: followup.kind,
    stepKey: followup.stepKey,
    channel: followup.channel,
    sendAt: followup.sendAt,
    status: followup.status,
    ...(followup.reason && { reason: followup.reason }),
    patientId: followup.patientId,
    appointmentId: followup.appointmentId,
    planId: followup.planId,
    sentAt: followup.sentAt,
    createdAt: followup.createdAt,
    updatedAt: followup.updatedAt,
  };
}

@Injectable()
export class FollowupsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly followups: FollowupsRepository,
    private readonly queue: FollowupQueueRepository,
  ) {}

  /** Runs a database change and then applies its plan change to the queue. */
  async inTransaction<T>(work: (tx: Transaction, change: PlanChange) => Promise<T>): Promise<T> {
    const change: PlanChange = { toEnqueue: [], toRemove: [] };
    const result = await this.db.transaction((tx) => work(tx, change));
    await this.queue.remove(change.toRemove);
    await this.queue.enqueue(change.toEnqueue.filter((f) => f.status === 'scheduled'));
    return result;
  }

  async planForAppointment(
    tx: Transaction,
    change: PlanChange,
    input: { clinic: Clinic; patient: Patient; appointment: Appointment; steps: CadenceStep[]; event: AnchorEvent },
  ): Promise<void> {
    const planned = planFollowups(input.steps, input.event, planContext(input.clinic, input.patient));
    const rows = await this.followups.insertPlanned(
      { clinicId: input.clinic.id, patientId: input.patient.id, appointmentId: input.appointment.id },
      planned,
      tx,
    );
    change.toEnqueue.push(...rows);
  }

  async planForTreatmentPlan(
    tx: Transaction,
    change: PlanChange,
    input: { clinic: Clinic; patient: Patient; planId: string; steps: CadenceStep[]; event: AnchorEvent },
  ): Promise<void> {
    const planned = planFollowups(input.steps, input.event, planContext(input.clinic, input.patient));
    const rows = await this.followups.insertPlanned({ clinicId: input.clinic.id, patientId: input.patient.id, planId: input.planId }, planned, tx);
    change.toEnqueue.push(...rows);
  }

  async cancelForPlan(tx: Transaction, change: PlanChange, planId: string, reason: string, anchor?: Anchor): Promise<void> {
    change.toRemove.push(...(await this.followups.cancelPendingForPlan(planId, reason, tx, anchor)));
  }

  async cancelForAppointment(tx: Transaction, change: PlanChange, appointmentId: string, reason: string, anchorKey?: string): Promise<void> {
    change.toRemove.push(...(await this.followups.cancelPending(appointmentId, reason, tx, anchorKey)));
  }

  /** Re-times the pending follow-ups of an anchor that moved, from the steps they were planned with. */
  async moveAnchor(tx: Transaction, change: PlanChange, event: AnchorEvent, context: PlanContext): Promise<void> {
    for (const followup of await this.followups.pendingForAnchor(event.key, tx)) {
      const sendAt = sendTimeOf(followup.step, event, context);
      const tooLate = isTooLate(followup.step, event, sendAt, context.now);
      const moved = await this.followups.move(followup.id, followup.version, sendAt, tooLate ? 'skipped' : 'scheduled', tooLate ? 'too-late' : null, tx);
      if (!moved) continue;
      change.toRemove.push(followup);
      change.toEnqueue.push(moved);
    }
  }

  list(filter: FollowupFilter, limit: number, afterId?: string): Promise<Followup[]> {
    return this.followups.list(filter, limit, afterId);
  }
}
