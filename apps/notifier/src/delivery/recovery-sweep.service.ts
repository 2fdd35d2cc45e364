import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Followup } from '@app/shared';
import { DeliveriesRepository } from './deliveries.repository.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';
import { FollowupQueueRepository } from './followup-queue.repository.js';

export interface SweepReport {
  enqueued: number;
  replaced: number;
  recoveredSent: number;
  resent: number;
}

const BATCH = 500;

/**
 * Puts the queue back in line with the database, which is the truth (DESIGN decision 1):
 * - a due `scheduled` follow-up whose job Redis lost (or never got) is enqueued again; the job id
 *   is deterministic, so a job that exists already is not doubled;
 * - a follow-up left `sending` by a worker that died is settled `sent` when its delivery record says
 *   the provider took it, and otherwise goes back to `scheduled` under a new version and job.
 */
@Injectable()
export class RecoverySweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecoverySweepService.name);

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: FollowupQueueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** (Re)creates the schedule at every start, so it comes back after Redis lost its data. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.scheduleSweep();
  }

  async sweep(now = new Date()): Promise<SweepReport> {
    const report: SweepReport = { enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 };
    await this.resolveAbandoned(now, report);
    await this.requeueMissing(now, report);
    if (Object.values(report).some((n) => n > 0)) this.logger.log(`recovery sweep: ${JSON.stringify(report)}`);
    return report;
  }

  private async resolveAbandoned(now: Date, report: SweepReport): Promise<void> {
    const claimedBefore = new Date(now.getTime() - this.config.delivery.stuckSendingMs);
    for (;;) {
      const stuck = await this.claims.abandoned(claimedBefore, BATCH);
      for (const followup of stuck) await this.resolve(followup, now, report);
      if (stuck.length < BATCH) return;
    }
  }

  private async resolve(followup: Followup, now: Date, report: SweepReport): Promise<void> {
    const records = await this.deliveries.forFollowup(followup.id);
    if (records.some((record) => record.status === 'sent')) {
      // The provider took it and we recorded so; only the follow-up's own update was lost.
      await this.claims.settle(followup.id, 'sent');
      report.recoveredSent++;
      return;
    }
    // A record still `sending` is the crash window: the provider may or may not have the message.
    // It is sent again (a rare duplicate beats a missed message; see README, Delivery guarantees).
    for (const record of records.filter((r) => r.status === 'sending')) {
      await this.deliveries.settle(record.id, { status: 'failed', error: 'interrupted' });
    }
    const moved = await this.claims.reschedule(followup.id, now, null);
    if (moved) {
      await this.queue.enqueue([moved]);
      report.resent++;
    }
  }

  private async requeueMissing(now: Date, report: SweepReport): Promise<void> {
    // Looking one interval ahead re-creates delayed jobs before they are due, so they are not late.
    const until = new Date(now.getTime() + this.config.delivery.sweepIntervalMs);
    let after: Followup | undefined;
    for (;;) {
      const due = await this.claims.dueBy(until, BATCH, after);
      const missing: Followup[] = [];
      for (const followup of due) {
        const state = await this.queue.jobState(followup);
        if (state === undefined) missing.push(followup);
        else if (state === 'completed' || state === 'failed') {
          // That job id cannot run again; a new version gets a new job.
          const bumped = await this.claims.bumpScheduled(followup.id, followup.version);
          if (bumped) {
            missing.push(bumped);
            report.replaced++;
          }
        }
      }
      await this.queue.enqueue(missing);
      report.enqueued += missing.length;
      if (due.length < BATCH) return;
      after = due[due.length - 1];
    }
  }
}
