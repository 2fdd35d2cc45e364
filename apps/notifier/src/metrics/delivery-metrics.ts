import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DATABASE, type Database, deliveries, followups, METRICS_REGISTRY, scrubText, type SendFollowupJob } from '@app/shared';
import type { Job } from 'bullmq';
import { desc, eq } from 'drizzle-orm';
import { Counter, Histogram, type Registry } from 'prom-client';
import { FollowupProcessor } from '../delivery/followup.processor.js';

type JobResult = { status: 'sent'; deliveryId: string } | { status: 'skipped'; reason: string } | undefined;

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Lateness spans seconds (queue latency) to hours (quiet hours, outages).
const LATENESS_BUCKETS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];

/**
 * Watches the follow-up worker's completed and failed jobs and turns them into metrics and one
 * log line with the job, follow-up and delivery ids. Timings come from the rows the send wrote:
 * the delivery's created/updated times (send latency) against the follow-up's sendAt (lateness).
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
      help: 'Follow-up messages by channel, kind and outcome (sent, skipped, retrying, failed, dead)',
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
    const worker = this.processor.worker;
    worker.on('completed', (job: Job<SendFollowupJob>, result: JobResult) => void this.completed(job, result).catch((error) => this.unobserved(job, error)));
    worker.on('failed', (job: Job<SendFollowupJob> | undefined, error: Error) => {
      if (job) void this.failed(job, error).catch((e) => this.unobserved(job, e));
    });
  }

  private async completed(job: Job<SendFollowupJob>, result: JobResult): Promise<void> {
    const ids = { jobId: job.id, followupId: job.data.followupId };
    if (result?.status === 'sent') {
      const [row] = await this.db
        .select({ delivery: deliveries, followup: followups })
        .from(deliveries)
        .innerJoin(followups, eq(followups.id, deliveries.followupId))
        .where(eq(deliveries.id, result.deliveryId));
      if (!row) return;
      const { delivery, followup } = row;
      const sentAt = delivery.updatedAt.getTime();
      this.messages.inc({ channel: delivery.channel, kind: followup.kind, outcome: 'sent' });
      this.sendDuration.observe({ channel: delivery.channel }, (sentAt - delivery.createdAt.getTime()) / 1000);
      this.lateness.observe({ channel: delivery.channel, kind: followup.kind }, (sentAt - followup.sendAt.getTime()) / 1000);
      this.logger.log({ msg: 'follow-up sent', ...ids, deliveryId: delivery.id, channel: delivery.channel });
      return;
    }
    const reason = result?.status === 'skipped' ? result.reason : 'unknown';
    // A stale or duplicate job, or a hand-back for later, is not an outcome of the message.
    if (reason === 'not-claimable' || reason.startsWith('deferred:')) {
      this.logger.debug({ msg: 'job had nothing to send', ...ids, reason });
      return;
    }
    const followup = await this.findFollowup(job.data.followupId);
    if (followup) this.messages.inc({ channel: followup.channel, kind: followup.kind, outcome: 'skipped' });
    this.logger.log({ msg: 'follow-up skipped', ...ids, reason });
  }

  private async failed(job: Job<SendFollowupJob>, error: Error): Promise<void> {
    const ids = { jobId: job.id, followupId: job.data?.followupId };
    const followup = job.data?.followupId ? await this.findFollowup(job.data.followupId) : undefined;
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
    const outcome = followup.status === 'scheduled' ? 'retrying' : followup.status;
    this.messages.inc({ channel, kind: followup.kind, outcome });
    // A database error's message can quote query parameters (an address): scrubbed like free text.
    this.logger.warn({ msg: 'follow-up not sent', ...ids, deliveryId: delivery?.id, outcome, reason: scrubText(error.message) });
  }

  private async findFollowup(id: string) {
    const [row] = await this.db.select().from(followups).where(eq(followups.id, id));
    return row;
  }

  private unobserved(job: Job | undefined, error: Error): void {
    this.logger.warn({ msg: 'could not record job metrics', jobId: job?.id, reason: scrubText(error.message) });
  }
}
