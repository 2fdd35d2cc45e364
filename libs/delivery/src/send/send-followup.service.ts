import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type FollowupWithStep, type Language } from '@app/shared';
import { UnrecoverableError } from 'bullmq';
import { ConsentService } from '@app/consent';
import { EmailChannel } from '../channels/email/email.channel.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { SEND_CHECKS, type SendCheck } from '../checks/send-checks.js';
import { type DeliveryAttempt, FollowupClaimsRepository, type SendContext } from '../claims/followup-claims.repository.js';
import { LeaseKeeper } from '../claims/lease-keeper.js';
import { UnrecordedSms } from '../records/unrecorded-sms.js';
import { FollowupQueueRepository } from '../queue/followup-queue.repository.js';
import { renderMessage } from '../rendering/render-message.js';
import { chooseChannel, phoneTheTryMayHaveUsed } from './choose-channel.js';
import { classifyError, type ErrorClass } from './classify-error.js';
import type { SendOutcome } from './send-outcome.js';

/** The provider throttles us: the processor pauses the whole queue for `retryAfterMs`. */
export class ProviderThrottled extends Error {
  constructor(
    readonly retryAfterMs: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** The notifier is shutting down: the follow-up was handed back untouched for another worker. */
export class HandedBack extends Error {}

type Destination = { channel: 'email' | 'sms'; to: string };
type Attempt = { ok: true; delivery: DeliveryAttempt; language: Language } | { ok: false; delivery: DeliveryAttempt; verdict: ErrorClass };

/**
 * How old the consent read with the claim may be when the provider is called. Past it (the send
 * waited for a pacing slot), consent is read again, and the claim's lease confirmed: a STOP answered
 * while a text waited must stop it, and so must a takeover of a lease that lapsed meanwhile.
 */
export const CONSENT_FRESH_MS = 250;

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
    private readonly leases: LeaseKeeper,
    private readonly queue: FollowupQueueRepository,
    private readonly email: EmailChannel,
    private readonly sms: SmsChannel,
    private readonly unrecordedSms: UnrecordedSms,
    private readonly consent: ConsentService,
    @Inject(SEND_CHECKS) private readonly checks: SendCheck[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stops waiting for send slots: jobs still waiting hand their follow-up back. */
  close(): void {
    this.closing = true;
  }

  /** Sends this version of a follow-up if it can claim it (a job's payload, read by the worker). */
  async execute(job: { followupId: string; version: number }, options: { finalAttempt: boolean }): Promise<SendOutcome> {
    const askedAt = Date.now();
    const claimed = await this.claims.claim(job.followupId, job.version);
    if (!claimed) return { status: 'not-claimed' };
    const { followup, context } = claimed;
    this.leases.hold(followup.leaseToken, askedAt);
    let sending = false;
    try {
      if (!context) return await this.skip(followup, 'patient-missing');
      // A text whose answer was lost on an earlier try may have gone out: Twilio is asked before
      // anything else decides, since a STOP or a switch to email since then must not hide it.
      const earlier = await this.textTakenEarlier(followup, context, options);
      if (earlier) return await this.sent(followup, earlier);
      const choice = chooseChannel(followup.channel, context.patient);
      if ('skip' in choice) return await this.skip(followup, choice.skip);
      const verdict = await this.runChecks(followup, context, choice);
      if (verdict) return verdict;
      const checkedAt = Date.now();

      await this.waitForSendSlot(choice.channel);
      const waited = Date.now() - checkedAt > CONSENT_FRESH_MS;
      // A lease not confirmed for half a lease (renewals failed: PostgreSQL away), or a wait (a
      // pacing slot, Redis away), may have let the claim lapse and be taken over, and recovery
      // may already have asked Twilio and found nothing: only the holder of a lease confirmed
      // now may call the provider. Confirmed, it outlasts the call, so a takeover comes after
      // anything the provider took, and recovery finds it.
      if ((waited || !this.leases.isFresh(followup.leaseToken)) && !(await this.stillHeld(followup))) return { status: 'not-claimed' };
      if (waited && !(await this.consent.consentsNow(followup.patientId, choice.channel))) return await this.skip(followup, 'opted-out');
      sending = true;
      const attempt = await this.attempt(followup, context, choice);
      if (attempt.ok) return await this.sent(followup, attempt);
      return await this.failed(followup, context, choice, attempt, options);
    } catch (error) {
      // Anything unexpected before the provider was called leaves nothing sent: hand it back.
      if (!sending) await this.claims.release(followup);
      throw error;
    } finally {
      this.leases.release(followup.leaseToken);
    }
  }

  private async runChecks(followup: FollowupWithStep, context: SendContext, to: Destination): Promise<SendOutcome | undefined> {
    for (const check of this.checks) {
      const verdict = await check.check({ followup, ...context, ...to, now: new Date() });
      if (!verdict) continue;
      if ('skip' in verdict) return this.skip(followup, verdict.skip);
      const moved = await this.claims.reschedule(followup, verdict.defer, verdict.reason);
      if (moved) await this.queue.enqueue([moved]);
      this.logger.log(`followup ${followup.id} deferred to ${verdict.defer.toISOString()} (${verdict.reason})`);
      return { status: 'deferred', reason: verdict.reason, sendAt: verdict.defer.toISOString(), ...this.about(followup) };
    }
    return undefined;
  }

  /** Renews this claim's lease, and says whether it was still this holder's to renew. */
  private async stillHeld(followup: FollowupWithStep): Promise<boolean> {
    const kept = await this.leases.confirm(followup.leaseToken);
    if (!kept) this.logger.warn(`followup ${followup.id} was taken over before its send: not sent here`);
    return kept;
  }

  /**
   * Paces sends to what the channel's sender allows, across every notifier (Redis counter). No
   * limit set (0): no round trip at all.
   */
  private async waitForSendSlot(channel: 'email' | 'sms'): Promise<void> {
    if (this.config.delivery.perSecond[channel] === 0) return;
    for (;;) {
      if (this.closing) throw new HandedBack('shutting down');
      const wait = await this.queue.takeSendSlot(channel);
      if (wait === 0) return;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /**
   * One try at the provider. Nothing is written before it: the claim (`sending`, with its time) is
   * what recovery reads after a crash. The try is recorded with the follow-up's outcome, in one
   * statement, by the caller.
   */
  private async attempt(
    followup: FollowupWithStep,
    context: SendContext,
    to: Destination,
    fallbackFrom?: 'email' | 'sms',
  ): Promise<Attempt> {
    const { clinic, patient, appointment, facts } = context;
    const message = renderMessage(followup.step, clinic, patient, appointment);
    const delivery = {
      id: randomUUID(),
      channel: to.channel,
      to: to.to,
      attempt: followup.attempts,
      fallbackFrom: fallbackFrom ?? null,
      startedAt: new Date(),
    };
    try {
      const sent =
        to.channel === 'email'
          ? await this.email.send({
              deliveryId: delivery.id,
              followupId: followup.id,
              patientId: patient.id,
              to: to.to,
              fromName: clinic.name,
              replyTo: clinic.email,
              subject: message.subject,
              document: message.email,
              calendar: message.calendar,
            })
          : await this.sms.send({
              deliveryId: delivery.id,
              to: to.to,
              body: message.sms,
              language: message.language,
              optOutHintSentAt: facts.optOutHintSentAt,
            });
      return {
        ok: true,
        language: message.language,
        delivery: {
          ...delivery,
          status: 'sent',
          providerMessageId: sent.providerMessageId,
          segments: sent.segments ?? null,
          hinted: sent.hinted ?? false,
        },
      };
    } catch (error) {
      const verdict = classifyError(error);
      if (to.channel === 'sms' && verdict.answerLost) {
        // Twilio may have taken it before the answer was lost; when it cannot be asked now, the
        // next try asks (smsAnswerLostSince) before sending.
        const taken = await this.unrecordedSms.acceptedSince(to.to, delivery.startedAt).catch(() => undefined);
        if (taken) return this.takenEarlier(followup, message.language, delivery, taken);
      }
      this.logger.warn(
        `followup ${followup.id} delivery ${delivery.id} failed: ${verdict.reason} (${verdict.transient ? 'transient' : 'permanent'})`,
      );
      return { ok: false, verdict, delivery: { ...delivery, status: 'failed', error: verdict.reason } };
    }
  }

  /**
   * The text Twilio took on an earlier try of this follow-up whose answer was lost, if any: asked
   * of Twilio for the patient's number whatever the consent now, and only when such a try is on
   * record (rare), so the common send makes no call.
   */
  private async textTakenEarlier(
    followup: FollowupWithStep,
    context: SendContext,
    options: { finalAttempt: boolean },
  ): Promise<Extract<Attempt, { ok: true }> | undefined> {
    const { clinic, patient, appointment, facts } = context;
    const phone = phoneTheTryMayHaveUsed(followup, patient);
    if (!phone || !facts.smsAnswerLostSince) return undefined;
    let sid: string | undefined;
    try {
      sid = await this.unrecordedSms.acceptedSince(phone, facts.smsAnswerLostSince);
    } catch (error) {
      // Nothing is sent before Twilio answers. The follow-up is handed back (by the caller) and
      // its job fails like a send would: a 429 rests the queue, the last try leaves it `dead`
      // for staff, rather than asking forever.
      const verdict = classifyError(error);
      if (verdict.rateLimited) throw new ProviderThrottled(verdict.retryAfterMs ?? THROTTLE_MS, verdict.reason);
      if (options.finalAttempt) {
        await this.claims.record({ followup, status: 'dead', reason: verdict.reason });
        throw new UnrecoverableError(verdict.reason);
      }
      throw error;
    }
    if (!sid) return undefined;
    const { language } = renderMessage(followup.step, clinic, patient, appointment);
    const delivery = {
      id: randomUUID(),
      channel: 'sms' as const,
      to: phone,
      attempt: followup.attempts,
      fallbackFrom: null,
      startedAt: new Date(),
    };
    return this.takenEarlier(followup, language, delivery, sid);
  }

  /** The text Twilio took on a try whose answer was lost: recorded as this try's, sent. */
  private takenEarlier(
    followup: FollowupWithStep,
    language: Language,
    delivery: Omit<DeliveryAttempt, 'status'>,
    sid: string,
  ): Extract<Attempt, { ok: true }> {
    this.logger.warn(`followup ${followup.id}: Twilio had taken its text (${sid}) though the answer was lost; not sent again`);
    return { ok: true, language, delivery: { ...delivery, status: 'sent', providerMessageId: sid, segments: null, hinted: false } };
  }

  private async sent(followup: FollowupWithStep, { delivery, language }: Extract<Attempt, { ok: true }>): Promise<SendOutcome> {
    // Recorded before the job is acknowledged: from here on, recovery knows this one went out.
    await this.claims.record({ followup, status: 'sent', language, delivery });
    // Every send is logged once, by the worker ("follow-up sent", with job, follow-up and delivery
    // ids): a second line per message here cost as much again. Only a fallback says more.
    if (delivery.fallbackFrom) {
      this.logger.log(
        `followup ${followup.id} sent by ${delivery.channel} (fallback from ${delivery.fallbackFrom}) as delivery ${delivery.id}`,
      );
    }
    return {
      status: 'sent',
      deliveryId: delivery.id,
      channel: delivery.channel,
      kind: followup.kind,
      sendAt: followup.sendAt.toISOString(),
      startedAt: delivery.startedAt.toISOString(),
      sentAt: new Date().toISOString(),
    };
  }

  private async failed(
    followup: FollowupWithStep,
    context: SendContext,
    to: Destination,
    attempt: Extract<Attempt, { ok: false }>,
    options: { finalAttempt: boolean },
  ): Promise<SendOutcome> {
    const { verdict, delivery } = attempt;
    if (verdict.rateLimited) {
      await this.claims.record({ followup, status: 'scheduled', delivery });
      throw new ProviderThrottled(THROTTLE_MS, verdict.reason);
    }
    if (verdict.transient) {
      if (options.finalAttempt) await this.claims.record({ followup, status: 'dead', reason: verdict.reason, delivery });
      else await this.claims.record({ followup, status: 'scheduled', delivery });
      throw new Error(verdict.reason);
    }
    // The number opted out with the carrier (21610): recorded as a withdrawal, so nothing else is tried.
    if (verdict.optedOut && to.channel === 'sms') await this.consent.providerReportsUnsubscribed(to.to);
    if (verdict.unreachable && to.channel === 'sms') {
      await this.claims.record({ followup, delivery });
      const fallback = await this.fallbackToEmail(followup, context, options);
      if (fallback) return fallback;
      await this.claims.record({ followup, status: 'failed', reason: verdict.reason });
    } else {
      await this.claims.record({ followup, status: 'failed', reason: verdict.reason, delivery });
    }
    throw new UnrecoverableError(verdict.reason);
  }

  /**
   * An SMS to a number that can never take one (invalid, landline) goes by email instead when the
   * patient has an address and consent, unless the same step already goes out by email. An email
   * that fails for a moment is tried again with the job: the follow-up goes back to `scheduled`
   * and the next try meets the same refusal from the provider and comes back here.
   */
  private async fallbackToEmail(
    followup: FollowupWithStep,
    context: SendContext,
    options: { finalAttempt: boolean },
  ): Promise<SendOutcome | undefined> {
    const email = chooseChannel('email', context.patient);
    if ('skip' in email || (await this.claims.hasSibling(followup, 'email'))) return undefined;
    for (const check of this.checks) {
      if (await check.check({ followup, ...context, ...email, now: new Date() })) return undefined;
    }
    const attempt = await this.attempt(followup, context, email, 'sms');
    if (attempt.ok) return this.sent(followup, attempt);
    const { verdict } = attempt;
    if ((verdict.transient || verdict.rateLimited) && !options.finalAttempt) {
      await this.claims.record({ followup, status: 'scheduled', delivery: attempt.delivery });
      throw new Error(verdict.reason);
    }
    // The failed email try is on record beside the text's; the follow-up fails with the text's reason.
    await this.claims.record({ followup, delivery: attempt.delivery });
    return undefined;
  }

  private async skip(followup: FollowupWithStep, reason: string): Promise<SendOutcome> {
    await this.claims.record({ followup, status: 'skipped', reason });
    return { status: 'skipped', reason, ...this.about(followup) };
  }

  /** What the metrics label an outcome with, so they need not read the row again. */
  private about(followup: FollowupWithStep): { channel: string; kind: string } {
    return { channel: followup.channel, kind: followup.kind };
  }
}
