import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, PeriodicJobs } from '@app/shared';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { FollowupQueueRepository, PROMOTER_INTERVAL_MS } from '../queue/followup-queue.repository.js';

export interface PromotionReport {
  enqueued: number;
  /** True when Redis had no record of earlier runs (first run, or Redis lost its data): the whole window was enqueued. */
  refilled: boolean;
}

const BATCH = 1_000;

/**
 * The send window (README: Delivery guarantees): Redis holds only follow-ups due within
 * `SEND_WINDOW`. Once a minute this enqueues, in batches, the scheduled follow-ups that came within
 * the window since the last run, read off the due index; the deterministic job ids make a job
 * added twice one job. Each run starts a little before where the last one stopped, so a row
 * committed while the last run read is not missed. Follow-ups planned or moved inside the window
 * are enqueued by whoever planned or moved them, at once.
 */
@Injectable()
export class SendWindowPromoter implements OnModuleInit {
  private readonly logger = new Logger(SendWindowPromoter.name);

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly queue: FollowupQueueRepository,
    private readonly periodicJobs: PeriodicJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Its schedule is kept by the periodic-jobs registry, which puts it back after Redis lost it. */
  onModuleInit(): void {
    this.periodicJobs.register(this.queue.promoterJob());
  }

  async promote(now = new Date()): Promise<PromotionReport> {
    const until = new Date(now.getTime() + this.config.delivery.sendWindowMs);
    const last = await this.queue.promotedUntil();
    const from = last && new Date(Math.min(last.getTime(), until.getTime()) - PROMOTER_INTERVAL_MS);
    let enqueued = 0;
    let after: { id: string; sendAt: Date } | undefined;
    for (;;) {
      const due = await this.claims.dueBetween(from, until, BATCH, after);
      await this.queue.enqueue(due, now.getTime());
      enqueued += due.length;
      if (due.length < BATCH) break;
      after = due[due.length - 1];
    }
    await this.queue.setPromotedUntil(until);
    const report = { enqueued, refilled: !last };
    if (enqueued > 0) this.logger.log(`send window: ${JSON.stringify(report)}`);
    return report;
  }
}
