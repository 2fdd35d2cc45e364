import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ACCEPTED_DELIVERY_STATUSES,
  APP_CONFIG,
  type AppConfig,
  type Followup,
  type FollowupJobSource,
  PeriodicJobs,
  scrubText,
} from '@app/shared';
import { UnrecordedSms } from '../records/unrecorded-sms.js';
import { DeliveriesRepository } from '../records/deliveries.repository.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { FollowupQueueRepository } from '../queue/followup-queue.repository.js';
import { chooseChannel, phoneTheTryMayHaveUsed } from '../send/choose-channel.js';

export interface SweepReport {
  enqueued: number;
  replaced: number;
  recoveredSent: number;
  resent: number;
}

const BATCH = 500;

/**
 * Puts the queue back in line with the database, which is the truth
 * (docs/decisions/0001-database-is-the-source-of-truth.md):
 * - a due `scheduled` follow-up whose job Redis lost (or never got) is enqueued again; the job id
 *   is deterministic, so a job that exists already is not doubled;
 * - a follow-up left `sending` by a worker that died is settled `sent` when its delivery record says
 *   the provider took it, or when Twilio lists the SMS whose answer the crash lost (nothing but the
 *   claim is written before the provider is called); otherwise the cut-short try is recorded
 *   `interrupted` and the follow-up goes back to `scheduled` under a new version and job.
 */
@Injectable()
export class RecoverySweepService implements OnModuleInit {
  private readonly logger = new Logger(RecoverySweepService.name);

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: FollowupQueueRepository,
    private readonly unrecordedSms: UnrecordedSms,
    private readonly periodicJobs: PeriodicJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The registry creates the schedule at start and puts it back whenever Redis loses it. */
  onModuleInit(): void {
    this.periodicJobs.register(this.queue.sweepJob());
  }

  async sweep(now = new Date()): Promise<SweepReport> {
    const report: SweepReport = { enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 };
    await this.resolveAbandoned(now, report);
    await this.requeueMissing(now, report);
    if (Object.values(report).some((n) => n > 0)) this.logger.log(`recovery sweep: ${JSON.stringify(report)}`);
    return report;
  }

  /**
   * A job that found its follow-up `sending` under a lapsed lease (a stalled job run again after
   * its notifier died) resolves it at once, as the sweep would, instead of waiting for the sweep.
   */
  async resolveLapsed(id: string, now = new Date()): Promise<SweepReport> {
    const report: SweepReport = { enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 };
    await this.takeOverAndResolve(id, now, report);
    return report;
  }

  private async resolveAbandoned(now: Date, report: SweepReport): Promise<void> {
    let seen = 0;
    for (;;) {
      const stuck = await this.claims.abandoned(now, BATCH);
      for (const followup of stuck) await this.takeOverAndResolve(followup.id, now, report);
      seen += stuck.length;
      // Rows left `sending` (resolution failed) come back in the next read: stop after one pass.
      if (stuck.length < BATCH || seen >= 10 * BATCH) return;
    }
  }

  /** Takes the lapsed claim over (a live holder renews it, so it is never taken from one), then resolves it. */
  private async takeOverAndResolve(id: string, now: Date, report: SweepReport): Promise<void> {
    const followup = await this.claims.takeOver(id, now);
    if (!followup) return;
    await this.resolve(followup, now, report).catch((error: Error) => {
      // Left `sending` for the next sweep: better late than guessed while the provider is down.
      this.logger.warn(`could not resolve followup ${followup.id}: ${scrubText(error.message)}`);
    });
  }

  private async resolve(followup: Followup, now: Date, report: SweepReport): Promise<void> {
    const records = await this.deliveries.forFollowup(followup.id);
    if (records.some((record) => ACCEPTED_DELIVERY_STATUSES.includes(record.status))) {
      // The provider took it and we recorded so (status callbacks may have moved it on since);
      // only the follow-up's own update was lost.
      await this.claims.settle(followup, 'sent');
      report.recoveredSent++;
      return;
    }
    // A record still `sending` was written before the provider was called by an earlier version:
    // the crash window, where the provider may or may not have the message.
    const legacy = records.filter((r) => r.status === 'sending');
    for (const record of legacy) {
      const sid = await this.acceptedSms(record.channel, record.to, record.createdAt);
      if (sid) {
        await this.deliveries.settle(record.id, { status: 'sent', providerMessageId: sid });
        await this.claims.settle(followup, 'sent');
        report.recoveredSent++;
        return;
      }
      // No way to ask an SMTP server: the email is sent again (see README, Delivery guarantees).
      await this.deliveries.settle(record.id, { status: 'failed', error: 'interrupted' });
    }
    if (legacy.length === 0 && (await this.resolveTryInFlight(followup))) {
      report.recoveredSent++;
      return;
    }
    const moved = await this.claims.reschedule(followup, now, null);
    if (moved) {
      await this.queue.enqueue([moved]);
      report.resent++;
    }
  }

  /**
   * The try a crash cut short left nothing but the claim (`sending` since `updatedAt`). A text
   * Twilio accepted since the claim that no record owns is that try: recorded sent, and the
   * follow-up settled (true). Otherwise the try goes on record as `interrupted`, where the
   * follow-up would go for the patient now, and the follow-up is sent again (false).
   */
  private async resolveTryInFlight(followup: Followup): Promise<boolean> {
    const patient = await this.claims.patientOf(followup);
    if (!patient) return false;
    const claimedAt = followup.updatedAt;
    const attempt = { id: randomUUID(), attempt: followup.attempts, startedAt: claimedAt };
    const phone = phoneTheTryMayHaveUsed(followup, patient);
    const sid = phone && (await this.unrecordedSms.acceptedSince(phone, claimedAt));
    if (phone && sid) {
      const delivery = { ...attempt, channel: 'sms' as const, to: phone, status: 'sent' as const, providerMessageId: sid };
      return this.claims.record({ followup, status: 'sent', delivery });
    }
    const to = chooseChannel(followup.channel, patient);
    if ('skip' in to) return false;
    await this.claims.record({ followup, delivery: { ...attempt, ...to, status: 'failed', error: 'interrupted' } });
    return false;
  }

  /** The sid of an SMS Twilio accepted for `to` since `since` but whose answer never reached us. */
  private async acceptedSms(channel: 'email' | 'sms', to: string, since: Date): Promise<string | undefined> {
    return channel === 'sms' ? this.unrecordedSms.acceptedSince(to, since) : undefined;
  }

  private async requeueMissing(now: Date, report: SweepReport): Promise<void> {
    // Looking one interval ahead re-creates delayed jobs before they are due, so they are not late.
    const until = new Date(now.getTime() + this.config.delivery.sweepIntervalMs);
    let after: FollowupJobSource | undefined;
    for (;;) {
      const due = await this.claims.dueBetween(undefined, until, BATCH, after);
      const missing: FollowupJobSource[] = [];
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
