import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { IsInt, IsUUID, Min } from 'class-validator';
import type { DeliverySettings } from '../config/environment.js';
import { parseJobPayload } from './job-payload.js';

export enum QueueName {
  Followups = 'followups',
  PatientEvents = 'patient-events',
}

/**
 * Each queue's events stream keeps its last 1,000 entries, not BullMQ's 10,000: nothing here reads
 * queue events (the database is the record), and at 10,000 the stream cost about 190 B of Redis
 * for every job inside the send window.
 */
export const QUEUE_STREAMS = { events: { maxLen: 1_000 } };

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
  /** Periodic: enqueues the follow-ups that came within the send window since the last run. */
  PromoteFollowups = 'promote-followups',
  /** A flare-up alert email to a clinic whose first try failed, tried again with a back-off. */
  ClinicAlert = 'clinic-alert',
}

/** A clinic alert job carries the reply's id only; the email is written again from the database. */
export class ClinicAlertJob {
  @IsUUID()
  inboundMessageId: string;
}

/**
 * A follow-up job carries ids only; the notifier re-reads the row when it runs. Its keys are short
 * (`followup`, not `followupId`) so the stored payload stays within 64 bytes: see `followupJobs`.
 */
export class SendFollowupJob {
  @IsUUID()
  followup: string;

  @IsInt()
  @Min(1)
  version: number;
}

/** The payload follow-up jobs had before it was made compact; jobs still in Redis from then run as before. */
class EarlierSendFollowupJob {
  @IsUUID()
  followupId: string;

  @IsInt()
  @Min(1)
  version: number;
}

/** Reads a follow-up job's payload, in today's form or the earlier one (malformed: see parseJobPayload). */
export async function parseFollowupJob(data: unknown): Promise<SendFollowupJob> {
  if (typeof data === 'object' && data !== null && 'followupId' in data && !('followup' in data)) {
    const earlier = await parseJobPayload(EarlierSendFollowupJob, data);
    return Object.assign(new SendFollowupJob(), { followup: earlier.followupId, version: earlier.version });
  }
  return parseJobPayload(SendFollowupJob, data);
}

/** The follow-up a job's payload names, in either form, for logs; undefined when it names none. */
export function followupOfJob(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { followup, followupId } = data as { followup?: unknown; followupId?: unknown };
  const id = followup ?? followupId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Deterministic BullMQ job id for one version of a follow-up: its id without dashes, a dot, the
 * version (no ':' — BullMQ reserves it). Short for the same reason as the payload: it is stored in
 * the job's options and, in the delayed set, once more.
 */
export function followupJobId(followupId: string, version: number): string {
  return `${followupId.replaceAll('-', '')}.${version}`;
}

/**
 * How long finished follow-up jobs are kept (a day of completed ones, a week of failed ones). Set
 * on the follow-up worker rather than in each job: options every job shares would be repeated in
 * every job hash in Redis.
 */
export const FOLLOWUP_JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Whether a follow-up due at `sendAt` belongs in Redis now: due within the send window. */
export function inSendWindow(sendAt: Date, delivery: Pick<DeliverySettings, 'sendWindowMs'>, now = Date.now()): boolean {
  return sendAt.getTime() <= now + delivery.sendWindowMs;
}

/**
 * The partition of the follow-ups queue a follow-up's jobs go to: the first 32 bits of the MD5 of
 * its id, modulo the number of partitions. Stable (every version of a follow-up, every service and
 * replica agree) and even over random UUIDs; MD5 only spreads, it guards nothing.
 */
export function followupPartition(followupId: string, partitions: number): number {
  if (partitions <= 1) return 0;
  return createHash('md5').update(followupId).digest().readUInt32BE(0) % partitions;
}

/**
 * The key prefix of one partition of the follow-ups queue: QUEUE_PREFIX with the partition in its
 * hash tag (`{carecadence}` → `{carecadence-followups-7}`), so a Redis Cluster spreads the
 * partitions over its masters. One partition keeps QUEUE_PREFIX itself: today's layout, unchanged.
 */
export function followupPartitionPrefix(queuePrefix: string, partition: number, partitions: number): string {
  if (partitions <= 1) return queuePrefix;
  return queuePrefix.replace(/^\{([^}]+)\}/, (_, tag: string) => `{${tag}-followups-${partition}}`);
}

/** What a follow-up's job is built from: its id, the version it sends, and when it is due. */
export interface FollowupJobSource {
  id: string;
  version: number;
  sendAt: Date;
}

/**
 * The jobs for follow-ups, as `Queue.addBulk` takes them, whoever adds them (the scheduler when
 * planning, the notifier when deferring, promoting or recovering), so ids and payloads are the same
 * everywhere. Only follow-ups due within the send window get a job: the others wait in the database
 * until the notifier's promoter enqueues them (README: Delivery guarantees).
 *
 * A job carries only its id, payload and delay. Its retries (DELIVERY_ATTEMPTS, back-off) are
 * applied by the notifier's worker when it runs the job (`withDeliveryRetries`), and its retention
 * is the worker's too: so every stored value of the job hash stays within Redis's 64-byte limit for
 * the compact encoding (`hash-max-listpack-value`), and a job waiting inside the window costs about
 * half the memory (decision 0014).
 */
export function followupJobs(
  followups: FollowupJobSource[],
  delivery: Pick<DeliverySettings, 'sendWindowMs'>,
  now = Date.now(),
): { name: JobName.SendFollowup; data: SendFollowupJob; opts: JobsOptions }[] {
  return followups
    .filter((followup) => inSendWindow(followup.sendAt, delivery, now))
    .map((followup) => ({
      name: JobName.SendFollowup,
      data: { followup: followup.id, version: followup.version },
      opts: {
        jobId: followupJobId(followup.id, followup.version),
        delay: Math.max(0, followup.sendAt.getTime() - now),
        // BullMQ writes `"attempts":0` into every job unless told there is nothing to write; the
        // worker gives the job its attempts (withDeliveryRetries).
        attempts: undefined,
      },
    }));
}

/**
 * A follow-up job as the worker runs it: with DELIVERY_ATTEMPTS tries and exponential back-off
 * (half of it jitter), set on the job in hand rather than stored in each job hash. BullMQ decides
 * a retry from the options of the job in hand and counts tries in Redis (`attemptsMade`), so a
 * job keeps its count from one try to the next. A job that carries its own attempts (added before
 * jobs were compact) keeps them.
 */
export function withDeliveryRetries(job: { opts: JobsOptions }, delivery: Pick<DeliverySettings, 'attempts' | 'backoffMs'>): void {
  if (job.opts.attempts) return;
  job.opts.attempts = delivery.attempts;
  job.opts.backoff = { type: 'exponential', delay: delivery.backoffMs, jitter: 0.5 };
}
