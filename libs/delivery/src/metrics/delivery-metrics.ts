import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DATABASE,
  type Database,
  deliveries,
  followupOfJob,
  followups,
  JobName,
  METRICS_REGISTRY,
  scrubText,
  type SendFollowupJob,
} from '@app/shared';
import type { Job, Worker } from 'bullmq';
import { desc, eq } from 'drizzle-orm';
import { Counter, Histogram, type Registry } from 'prom-client';
import { countedOutcome, type MessageOutcome, type SendOutcome } from '../send/send-outcome.js';
import { FollowupProcessor } from '../worker/followup.processor.js';

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Lateness spans seconds (queue latency) to hours (quiet hours, outages).
const LATENESS_BUCKETS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];

/**
 * Watches the follow-up worker's completed and failed jobs and turns them into metrics and one
 * log line with the job, follow-up and delivery ids. A completed job is measured from its outcome
 * (send latency: start to the provider's answer; lateness: the answer against the planned sendAt);
 * only a failed job's reads its rows again.
 */
@Injectable()
export class DeliveryMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');
  private readonly messages: Counter<'channel' | 'kind' | 'outcome'>;
  private readonly providerErrors: Counter<'channel' | 'code'>;
  private readonly sendDuration: Histogram<'channel'>;
  private readonly lateness: Histogram<'channel' | 'kind'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(DATABASE) private readonly db: Database,
    private readonly processor: FollowupProcessor,
  ) {
    this.messages = new Counter({
      name: 'carecadence_messages_total',
      help: 'Follow-up messages by channel, kind and outcome (sent, skipped, deferred, retrying, failed, dead)',
      labelNames: ['channel', 'kind', 'outcome'],
      registers: [registry],
    });
    this.providerErrors = new Counter({
      name: 'carecadence_provider_errors_total',
      help: 'Errors from the email and SMS providers by channel and code (smtp-550, twilio-21211, …)',
      labelNames: ['channel', 'code'],
      registers: [registry],
    });
    this.sendDuration = new Histogram({
      name: 'carecadence_send_duration_seconds',
      help: 'Time to hand a message to the provider',
      labelNames: ['channel'],
      buckets: SECONDS_BUCKETS,
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'carecadence_send_lateness_seconds',
      help: 'Time a message went out after its planned sendAt',
      labelNames: ['channel', 'kind'],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    for (const worker of this.processor.workers()) this.observe(worker);
  }

  private observe(worker: Worker): void {
    // Only send-followup jobs are about a message; the recovery sweep reports on its own.
    worker.on('completed', (job: Job<SendFollowupJob>, result: SendOutcome) => {
      if ((job.name as JobName) !== JobName.SendFollowup) return;
      try {
        this.completed(job, result);
      } catch (error) {
        this.unobserved(job, error);
      }
    });
    worker.on('failed', (job: Job<SendFollowupJob> | undefined, error: Error) => {
      if (job?.name === JobName.SendFollowup) void this.failed(job, error).catch((e: unknown) => this.unobserved(job, e));
    });
  }

  /** From the outcome alone: a completed job costs the database nothing more. */
  private completed(job: Job<SendFollowupJob>, result: SendOutcome): void {
    const ids = { jobId: job.id, followupId: followupOfJob(job.data) };
    const outcome = countedOutcome(result);
    if (result.status === 'sent') {
      const sentAt = Date.parse(result.sentAt);
      this.count(result.channel, result.kind, 'sent');
      this.sendDuration.observe({ channel: result.channel }, (sentAt - Date.parse(result.startedAt)) / 1000);
      this.lateness.observe({ channel: result.channel, kind: result.kind }, (sentAt - Date.parse(result.sendAt)) / 1000);
      this.logger.log({ msg: 'follow-up sent', ...ids, deliveryId: result.deliveryId, channel: result.channel });
      return;
    }
    if (!outcome || result.status === 'not-claimed') {
      // A stale or duplicate job is not an outcome of any message.
      this.logger.debug({ msg: 'job had nothing to send', ...ids });
      return;
    }
    this.count(result.channel, result.kind, outcome);
    this.logger.log({
      msg: `follow-up ${outcome}`,
      ...ids,
      reason: result.reason,
      ...(result.status === 'deferred' && { sendAt: result.sendAt }),
    });
  }

  private async failed(job: Job<SendFollowupJob>, error: Error): Promise<void> {
    const ids = { jobId: job.id, followupId: followupOfJob(job.data) };
    const followup = ids.followupId ? await this.findFollowup(ids.followupId) : undefined;
    if (!followup) {
      this.logger.warn({ msg: 'job failed', ...ids, reason: scrubText(error.message) });
      return;
    }
    const [delivery] = await this.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.followupId, followup.id))
      .orderBy(desc(deliveries.updatedAt))
      .limit(1);
    const channel = delivery?.channel ?? followup.channel;
    if (delivery?.error === error.message) this.providerErrors.inc({ channel, code: error.message });
    const outcome: MessageOutcome = followup.status === 'scheduled' ? 'retrying' : (followup.status as MessageOutcome);
    this.count(channel, followup.kind, outcome);
    // A database error's message can quote query parameters (an address): scrubbed like free text.
    this.logger.warn({ msg: 'follow-up not sent', ...ids, deliveryId: delivery?.id, outcome, reason: scrubText(error.message) });
  }

  private count(channel: string, kind: string, outcome: MessageOutcome): void {
    this.messages.inc({ channel, kind, outcome });
  }

  private async findFollowup(id: string) {
    const [row] = await this.db.select().from(followups).where(eq(followups.id, id));
    return row;
  }

  private unobserved(job: Job | undefined, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ msg: 'could not record job metrics', jobId: job?.id, reason: scrubText(reason) });
  }
}
