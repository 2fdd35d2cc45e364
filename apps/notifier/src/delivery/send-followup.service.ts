import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Followup, SendFollowupJob } from '@app/shared';
import { UnrecoverableError } from 'bullmq';
import { EmailChannel } from '../channels/email/email.channel.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { ConsentService } from '../consent/consent.service.js';
import { renderMessage } from '../rendering/render-message.js';
import { chooseChannel } from './choose-channel.js';
import { classifyError, type ErrorClass } from './classify-error.js';
import { DeliveriesRepository, type SendContext } from './deliveries.repository.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';
import { FollowupQueueRepository } from './followup-queue.repository.js';
import { SEND_CHECKS, type SendCheck } from './send-checks.js';

export type JobOutcome =
  | { status: 'sent'; deliveryId: string }
  | { status: 'skipped'; reason: string }
  | { status: 'deferred'; reason: string; sendAt: string };

/** The provider throttles us: the processor pauses the whole queue for `retryAfterMs`. */
export class ProviderThrottled extends Error {
  constructor(readonly retryAfterMs: number, reason: string) {
    super(reason);
  }
}

/** The notifier is shutting down: the follow-up was handed back untouched for another worker. */
export class HandedBack extends Error {}

type Destination = { channel: 'email' | 'sms'; to: string };
type Attempt = { ok: true; deliveryId: string } | { ok: false; deliveryId: string; verdict: ErrorClass };

/** How long the queue rests after a provider's 429 when the provider does not say. */
const THROTTLE_MS = 1_000;

/**
 * Claim, check, render, send, record: one follow-up becomes exactly one message.
 * The claim makes a duplicate or stale job send nothing; the delivery record is written `sending`
 * before the provider is called and `sent` with the provider's id before the job is acknowledged,
 * so a crash leaves enough behind for the recovery sweep to tell what happened.
 */
@Injectable()
export class SendFollowupService {
  private readonly logger = new Logger(SendFollowupService.name);
  private closing = false;

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly queue: FollowupQueueRepository,
    private readonly email: EmailChannel,
    private readonly sms: SmsChannel,
    private readonly consent: ConsentService,
    @Inject(SEND_CHECKS) private readonly checks: SendCheck[],
  ) {}

  /** Stops waiting for send slots: jobs still waiting hand their follow-up back. */
  close(): void {
    this.closing = true;
  }

  async execute(job: SendFollowupJob, options: { finalAttempt: boolean }): Promise<JobOutcome> {
    const followup = await this.claims.claim(job.followupId, job.version);
    if (!followup) return { status: 'skipped', reason: 'not-claimable' };
    let sending = false;
    try {
      const context = await this.deliveries.sendContext(followup);
      if (!context) return await this.skip(followup, 'patient-missing');
      const choice = chooseChannel(followup.channel, context.patient);
      if ('skip' in choice) return await this.skip(followup, choice.skip);
      const verdict = await this.runChecks(followup, context, choice);
      if (verdict) return verdict;

      await this.waitForSendSlot(choice.channel);
      sending = true;
      const attempt = await this.attempt(followup, context, choice);
      if (attempt.ok) return await this.sent(followup, choice.channel, attempt.deliveryId);
      return await this.failed(followup, context, choice, attempt, options);
    } catch (error) {
      // Anything unexpected before the provider was called leaves nothing sent: hand it back.
      if (!sending) await this.claims.release(followup.id);
      throw error;
    }
  }

  private async runChecks(followup: Followup, context: SendContext, to: Destination): Promise<JobOutcome | undefined> {
    for (const check of this.checks) {
      const verdict = await check.check({ followup, ...context, ...to, now: new Date() });
      if (!verdict) continue;
      if ('skip' in verdict) return this.skip(followup, verdict.skip);
      const moved = await this.claims.reschedule(followup.id, verdict.defer, verdict.reason);
      if (moved) await this.queue.enqueue([moved]);
      this.logger.log(`followup ${followup.id} deferred to ${verdict.defer.toISOString()} (${verdict.reason})`);
      return { status: 'deferred', reason: verdict.reason, sendAt: verdict.defer.toISOString() };
    }
    return undefined;
  }

  /** Paces sends to what the channel's sender allows, across every notifier (Redis counter). */
  private async waitForSendSlot(channel: 'email' | 'sms'): Promise<void> {
    for (;;) {
      if (this.closing) throw new HandedBack('shutting down');
      const wait = await this.queue.takeSendSlot(channel);
      if (wait === 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async attempt(followup: Followup, context: SendContext, to: Destination, fallbackFrom?: 'email' | 'sms'): Promise<Attempt> {
    const { clinic, patient, appointment } = context;
    const message = renderMessage(followup.step, clinic, patient, appointment);
    const delivery = await this.deliveries.start({
      clinicId: clinic.id,
      patientId: patient.id,
      followupId: followup.id,
      channel: to.channel,
      to: to.to,
      attempt: followup.attempts,
      fallbackFrom: fallbackFrom ?? null,
    });
    try {
      const sent =
        to.channel === 'email'
          ? await this.email.send({ deliveryId: delivery.id, to: to.to, fromName: clinic.name, replyTo: clinic.email, subject: message.subject, text: message.text })
          : await this.sms.send({ deliveryId: delivery.id, to: to.to, body: message.sms });
      // Recorded before the job is acknowledged: from here on, recovery knows this one went out.
      await this.deliveries.settle(delivery.id, { status: 'sent', providerMessageId: sent.providerMessageId, segments: sent.segments ?? null });
      return { ok: true, deliveryId: delivery.id };
    } catch (error) {
      const verdict = classifyError(error);
      await this.deliveries.settle(delivery.id, { status: 'failed', error: verdict.reason });
      this.logger.warn(`followup ${followup.id} delivery ${delivery.id} failed: ${verdict.reason} (${verdict.transient ? 'transient' : 'permanent'})`);
      return { ok: false, deliveryId: delivery.id, verdict };
    }
  }

  private async sent(followup: Followup, channel: string, deliveryId: string): Promise<JobOutcome> {
    await this.claims.settle(followup.id, 'sent');
    this.logger.log(`followup ${followup.id} sent by ${channel} as delivery ${deliveryId}`);
    return { status: 'sent', deliveryId };
  }

  private async failed(
    followup: Followup,
    context: SendContext,
    to: Destination,
    attempt: Extract<Attempt, { ok: false }>,
    options: { finalAttempt: boolean },
  ): Promise<JobOutcome> {
    const { verdict } = attempt;
    if (verdict.rateLimited) {
      await this.claims.release(followup.id);
      throw new ProviderThrottled(THROTTLE_MS, verdict.reason);
    }
    if (verdict.transient) {
      if (options.finalAttempt) await this.claims.settle(followup.id, 'dead', verdict.reason);
      else await this.claims.release(followup.id);
      throw new Error(verdict.reason);
    }
    // The number opted out with the carrier (21610): recorded as a withdrawal, so nothing else is tried.
    if (verdict.optedOut && to.channel === 'sms') await this.consent.providerReportsUnsubscribed(to.to);
    if (verdict.unreachable && to.channel === 'sms') {
      const fallback = await this.fallbackToEmail(followup, context);
      if (fallback) return fallback;
    }
    await this.claims.settle(followup.id, 'failed', verdict.reason);
    throw new UnrecoverableError(verdict.reason);
  }

  /**
   * An SMS to a number that can never take one (invalid, landline) goes by email instead when the
   * patient has an address and consent, unless the same step already goes out by email.
   */
  private async fallbackToEmail(followup: Followup, context: SendContext): Promise<JobOutcome | undefined> {
    const email = chooseChannel('email', context.patient);
    if ('skip' in email || (await this.claims.hasSibling(followup, 'email'))) return undefined;
    for (const check of this.checks) {
      if (await check.check({ followup, ...context, ...email, now: new Date() })) return undefined;
    }
    const attempt = await this.attempt(followup, context, email, 'sms');
    if (attempt.ok) return this.sent(followup, 'email (fallback from sms)', attempt.deliveryId);
    return undefined;
  }

  private async skip(followup: Followup, reason: string): Promise<JobOutcome> {
    await this.claims.settle(followup.id, 'skipped', reason);
    return { status: 'skipped', reason };
  }
}
