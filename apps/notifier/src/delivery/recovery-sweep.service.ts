import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ACCEPTED_DELIVERY_STATUSES, APP_CONFIG, type AppConfig, type Delivery, type Followup } from '@app/shared';
import { SmsChannel } from '../channels/sms/sms.channel.js';
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
 *   the provider took it, or when Twilio lists the SMS whose answer the crash lost; otherwise it goes
 *   back to `scheduled` under a new version and job.
 */
@Injectable()
export class RecoverySweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RecoverySweepService.name);

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: FollowupQueueRepository,
    private readonly sms: SmsChannel,
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
      for (const followup of stuck) {
        await this.resolve(followup, now, report).catch((error: Error) => {
          // Left `sending` for the next sweep: better late than guessed while the provider is down.
          this.logger.warn(`could not resolve followup ${followup.id}: ${error.message}`);
        });
      }
      if (stuck.length < BATCH) return;
    }
  }

  private async resolve(followup: Followup, now: Date, report: SweepReport): Promise<void> {
    const records = await this.deliveries.forFollowup(followup.id);
    if (records.some((record) => ACCEPTED_DELIVERY_STATUSES.includes(record.status))) {
      // The provider took it and we recorded so (status callbacks may have moved it on since);
      // only the follow-up's own update was lost.
      await this.claims.settle(followup.id, 'sent');
      report.recoveredSent++;
      return;
    }
    // A record still `sending` is the crash window: the provider may or may not have the message.
    for (const record of records.filter((r) => r.status === 'sending')) {
      const sid = await this.acceptedSms(record);
      if (sid) {
        await this.deliveries.settle(record.id, { status: 'sent', providerMessageId: sid });
        await this.claims.settle(followup.id, 'sent');
        report.recoveredSent++;
        return;
      }
      // No way to ask an SMTP server: the email is sent again (see README, Delivery guarantees).
      await this.deliveries.settle(record.id, { status: 'failed', error: 'interrupted' });
    }
    const moved = await this.claims.reschedule(followup.id, now, null);
    if (moved) {
      await this.queue.enqueue([moved]);
      report.resent++;
    }
  }

  /** The sid of an SMS Twilio accepted for this record but whose answer never reached us. */
  private async acceptedSms(record: Delivery): Promise<string | undefined> {
    if (record.channel !== 'sms') return undefined;
    // A minute of slack for the clocks of Twilio and the database.
    for (const sid of await this.sms.acceptedSince(record.to, new Date(record.createdAt.getTime() - 60_000))) {
      if (!(await this.deliveries.isRecorded(sid))) return sid;
    }
    return undefined;
  }

  private async requeueMissing(now: Date, report: SweepReport): Promise<void> {
    // Looking one interval ahead re-creates delayed jobs before they are due, so they are not late.
    const until = new Date(now.getTime() + this.config.delivery.sweepIntervalMs);
    let after: Followup | undefined;
    for (;;) {
      const due = await this.claims.dueBy(until, BATCH, after);
      const missing: Followup[] = [];
      const standings = await this.queue.jobStates(due);
      for (const [i, followup] of due.entries()) {
        if (standings[i] === 'missing') missing.push(followup);
        else if (standings[i] === 'finished') {
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
