import type { JobsOptions } from 'bullmq';
import { IsInt, IsUUID, Min } from 'class-validator';
import type { DeliverySettings } from '../config/environment.js';

export enum QueueName {
  Followups = 'followups',
  PatientEvents = 'patient-events',
}

/** Jobs the notifier gives the scheduler to record on a patient (durable, unlike request/response). */
export enum PatientEventJobName {
  FlareUp = 'flare-up',
}

export class FlareUpEvent {
  @IsUUID()
  clinicId: string;

  @IsUUID()
  patientId: string;

  @IsUUID()
  inboundMessageId: string;

  @IsInt()
  @Min(1)
  score: number;
}

export enum JobName {
  SendFollowup = 'send-followup',
  /** Periodic: re-enqueues due follow-ups whose job is missing and resolves abandoned sends. */
  RecoverySweep = 'recovery-sweep',
}

/** A follow-up job carries ids only; the notifier re-reads the row when it runs. */
export class SendFollowupJob {
  @IsUUID()
  followupId: string;

  @IsInt()
  @Min(1)
  version: number;
}

export interface JobPayloads {
  [JobName.SendFollowup]: SendFollowupJob;
  [JobName.RecoverySweep]: Record<string, never>;
}

/** Deterministic BullMQ job id for one version of a follow-up (no ':' — BullMQ reserves it). */
export function followupJobId(followupId: string, version: number): string {
  return `followup-${followupId}-v${version}`;
}

/**
 * The jobs for follow-ups, as `Queue.addBulk` takes them, whoever adds them (the scheduler when
 * planning, the notifier when deferring or recovering), so ids, retries and retention are the same
 * everywhere.
 */
export function followupJobs(
  followups: { id: string; version: number; sendAt: Date }[],
  delivery: Pick<DeliverySettings, 'attempts' | 'backoffMs'>,
  now = Date.now(),
): { name: JobName.SendFollowup; data: SendFollowupJob; opts: JobsOptions }[] {
  return followups.map((followup) => ({
    name: JobName.SendFollowup,
    data: { followupId: followup.id, version: followup.version },
    opts: {
      jobId: followupJobId(followup.id, followup.version),
      delay: Math.max(0, followup.sendAt.getTime() - now),
      attempts: delivery.attempts,
      backoff: { type: 'exponential', delay: delivery.backoffMs, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  }));
}
