import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  type Anchor,
  type Appointment,
  cadenceDigest,
  type CadenceStep,
  type CadenceToPlan,
  type Clinic,
  DATABASE,
  type Database,
  type Followup,
  type Patient,
  type Transaction,
} from '@app/shared';
import { CadenceVersionsRepository } from '../cadences/cadence-versions.repository.js';
import {
  type AnchorEvent,
  isTooLate,
  type PlanContext,
  type PlannedFollowup,
  planFollowups,
  sendTimeOf,
} from '../planning/plan-followups.js';
import { FollowupQueueRepository } from './followup-queue.repository.js';
import { type FollowupFilter, type FollowupOwner, FollowupsRepository } from './followups.repository.js';

/** What a change did to the plan, applied to the queue once the transaction has committed. */
export interface PlanChange {
  /** What the queue needs of each follow-up planned or moved: its job id, delay and whether it waits. */
  toEnqueue: Pick<Followup, 'id' | 'version' | 'sendAt' | 'status'>[];
  /** Their send times as they were: a follow-up that was due beyond the send window has no job to remove. */
  toRemove: Pick<Followup, 'id' | 'version' | 'sendAt'>[];
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
    // The language it went out in (null until sent).
    language: followup.language,
    createdAt: followup.createdAt,
    updatedAt: followup.updatedAt,
  };
}

@Injectable()
export class FollowupsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly followups: FollowupsRepository,
    private readonly versions: CadenceVersionsRepository,
    private readonly queue: FollowupQueueRepository,
  ) {}

  /**
   * Runs a database change and then applies its plan change to the queue, for at most a second
   * and never failing the request: once committed, what Redis missed is left to the recovery sweep.
   */
  async inTransaction<T>(work: (tx: Transaction, change: PlanChange) => Promise<T>): Promise<T> {
    const change: PlanChange = { toEnqueue: [], toRemove: [] };
    const result = await this.db.transaction((tx) => work(tx, change));
    await this.queue.apply({ toRemove: change.toRemove, toEnqueue: change.toEnqueue.filter((f) => f.status === 'scheduled') });
    return result;
  }

  async planForAppointment(
    tx: Transaction,
    change: PlanChange,
    input: { clinic: Clinic; patient: Patient; appointment: Appointment; steps: CadenceStep[]; event: AnchorEvent },
  ): Promise<void> {
    const { clinic, patient, appointment, steps } = input;
    await this.insertPlanned(
      tx,
      change,
      { clinicId: clinic.id, serviceType: appointment.serviceType, steps },
      { patientId: patient.id, appointmentId: appointment.id },
      planFollowups(steps, input.event, planContext(clinic, patient)),
    );
  }

  /** The same for a batch of new bookings at once: each one's steps planned, all rows inserted together. */
  async planForAppointments(
    tx: Transaction,
    change: PlanChange,
    inputs: { clinic: Clinic; patient: Patient; appointment: Appointment; steps: CadenceStep[]; events: AnchorEvent[] }[],
  ): Promise<void> {
    // One version look-up per cadence in the batch (most batches book a handful of service types).
    const versionIds = new Map<string, string>();
    const planned: { owner: FollowupOwner; followups: PlannedFollowup[] }[] = [];
    for (const { clinic, patient, appointment, steps, events } of inputs) {
      const context = planContext(clinic, patient);
      const followups = events.flatMap((event) => planFollowups(steps, event, context));
      if (followups.length === 0) continue;
      const cadence = { clinicId: clinic.id, serviceType: appointment.serviceType, steps };
      const key = `${cadence.clinicId} ${cadence.serviceType} ${cadenceDigest(steps)}`;
      let cadenceVersionId = versionIds.get(key);
      if (cadenceVersionId === undefined) versionIds.set(key, (cadenceVersionId = await this.versions.versionOf(cadence, tx)));
      planned.push({ owner: { clinicId: clinic.id, patientId: patient.id, appointmentId: appointment.id, cadenceVersionId }, followups });
    }
    change.toEnqueue.push(...(await this.followups.insertPlannedMany(planned, tx)));
  }

  async planForTreatmentPlan(
    tx: Transaction,
    change: PlanChange,
    input: { clinic: Clinic; patient: Patient; planId: string; serviceType: string; steps: CadenceStep[]; event: AnchorEvent },
  ): Promise<void> {
    const { clinic, patient, steps } = input;
    await this.insertPlanned(
      tx,
      change,
      { clinicId: clinic.id, serviceType: input.serviceType, steps },
      { patientId: patient.id, planId: input.planId },
      planFollowups(steps, input.event, planContext(clinic, patient)),
    );
  }

  /** Inserts what was planned from `cadence`, naming its version (stored if new), and queues it. */
  private async insertPlanned(
    tx: Transaction,
    change: PlanChange,
    cadence: CadenceToPlan,
    owner: Omit<FollowupOwner, 'clinicId' | 'cadenceVersionId'>,
    planned: PlannedFollowup[],
  ): Promise<void> {
    if (planned.length === 0) return;
    const cadenceVersionId = await this.versions.versionOf(cadence, tx);
    change.toEnqueue.push(...(await this.followups.insertPlanned({ ...owner, clinicId: cadence.clinicId, cadenceVersionId }, planned, tx)));
  }

  async cancelForPlan(tx: Transaction, change: PlanChange, planId: string, reason: string, anchor?: Anchor): Promise<void> {
    change.toRemove.push(...(await this.followups.cancelPendingForPlan(planId, reason, tx, anchor)));
  }

  async cancelForAppointment(
    tx: Transaction,
    change: PlanChange,
    appointmentId: string,
    reason: string,
    anchorKey?: string,
  ): Promise<void> {
    change.toRemove.push(...(await this.followups.cancelPending(appointmentId, reason, tx, anchorKey)));
  }

  /** Re-times the pending follow-ups of an anchor that moved, from the steps they were planned with. */
  async moveAnchor(tx: Transaction, change: PlanChange, event: AnchorEvent, context: PlanContext): Promise<void> {
    for (const followup of await this.followups.pendingForAnchor(event.key, tx)) {
      const sendAt = sendTimeOf(followup.step, event, context);
      const tooLate = isTooLate(followup.step, event, sendAt, context.now);
      const moved = await this.followups.move(
        followup.id,
        followup.version,
        sendAt,
        tooLate ? 'skipped' : 'scheduled',
        tooLate ? 'too-late' : null,
        tx,
      );
      if (!moved) continue;
      change.toRemove.push(followup);
      change.toEnqueue.push(moved);
    }
  }

  list(filter: FollowupFilter, limit: number, afterId?: string): Promise<Followup[]> {
    return this.followups.list(filter, limit, afterId);
  }

  /** A failed or dead follow-up goes out again as soon as the send-time checks allow (new version, new job). */
  async retry(clinicId: string, id: string): Promise<{ before: Followup; after: Followup }> {
    const before = await this.followups.find(clinicId, id);
    if (!before) throw new NotFoundException(`follow-up ${id} not found`);
    const after = await this.inTransaction(async (tx, change) => {
      const replanned = await this.followups.replanFailed(clinicId, id, tx);
      if (replanned) change.toEnqueue.push(replanned);
      return replanned;
    });
    if (!after) throw new ConflictException(`only a failed or dead follow-up can be retried; this one is ${before.status}`);
    return { before, after };
  }

  due(clinicId: string, from: Date, to: Date, limit: number) {
    return this.followups.due(clinicId, from, to, limit);
  }

  needingAttention(clinicId: string, limit: number) {
    return this.followups.needingAttention(clinicId, limit);
  }
}
