import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SendFollowupJob } from '@app/shared';
import { UnrecoverableError } from 'bullmq';
import { EmailChannel } from '../channels/email/email.channel.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { renderMessage } from '../rendering/render-message.js';
import { chooseChannel } from './choose-channel.js';
import { classifyError } from './classify-error.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';
import { SEND_CHECKS, type SendCheck } from './send-checks.js';

export type JobOutcome = { status: 'sent'; deliveryId: string } | { status: 'skipped'; reason: string };

/** Claim, check, render, send, record: one follow-up becomes at most one message. */
@Injectable()
export class SendFollowupService {
  private readonly logger = new Logger(SendFollowupService.name);

  constructor(
    private readonly claims: FollowupClaimsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly email: EmailChannel,
    private readonly sms: SmsChannel,
    @Inject(SEND_CHECKS) private readonly checks: SendCheck[],
  ) {}

  async execute(job: SendFollowupJob, options: { finalAttempt: boolean }): Promise<JobOutcome> {
    const followup = await this.claims.claim(job.followupId, job.version);
    if (!followup) return { status: 'skipped', reason: 'not-claimable' };

    const context = await this.deliveries.sendContext(followup);
    if (!context) {
      await this.claims.settle(followup.id, 'skipped', 'patient-missing');
      return { status: 'skipped', reason: 'patient-missing' };
    }
    const { clinic, patient, appointment } = context;
    const choice = chooseChannel(followup.channel, patient);
    if ('skip' in choice) {
      await this.claims.settle(followup.id, 'skipped', choice.skip);
      return { status: 'skipped', reason: choice.skip };
    }
    for (const check of this.checks) {
      const verdict = await check.check({ followup, clinic, patient, appointment, channel: choice.channel, to: choice.to, now: new Date() });
      if (!verdict) continue;
      if ('skip' in verdict) {
        await this.claims.settle(followup.id, 'skipped', verdict.skip);
        return { status: 'skipped', reason: verdict.skip };
      }
      // Deferral needs the queue; until a check asks for it, a deferral is a hand-back for a retry.
      await this.claims.release(followup.id);
      return { status: 'skipped', reason: `deferred:${verdict.reason}` };
    }

    const message = renderMessage(followup.step, clinic, patient, appointment);
    const delivery = await this.deliveries.start({
      clinicId: clinic.id,
      patientId: patient.id,
      followupId: followup.id,
      channel: choice.channel,
      to: choice.to,
      attempt: followup.attempts,
    });
    try {
      const sent =
        choice.channel === 'email'
          ? await this.email.send({ deliveryId: delivery.id, to: choice.to, fromName: clinic.name, replyTo: clinic.email, subject: message.subject, text: message.text })
          : await this.sms.send({ deliveryId: delivery.id, to: choice.to, body: message.sms });
      await this.deliveries.settle(delivery.id, { status: 'sent', providerMessageId: sent.providerMessageId, segments: sent.segments ?? null });
      await this.claims.settle(followup.id, 'sent');
      this.logger.log(`followup ${followup.id} sent by ${choice.channel} as delivery ${delivery.id}`);
      return { status: 'sent', deliveryId: delivery.id };
    } catch (error) {
      const verdict = classifyError(error);
      await this.deliveries.settle(delivery.id, { status: 'failed', error: verdict.reason });
      this.logger.warn(`followup ${followup.id} delivery ${delivery.id} failed: ${verdict.reason} (${verdict.transient ? 'transient' : 'permanent'})`);
      if (!verdict.transient) {
        await this.claims.settle(followup.id, 'failed', verdict.reason);
        throw new UnrecoverableError(verdict.reason);
      }
      if (options.finalAttempt) {
        await this.claims.settle(followup.id, 'dead', verdict.reason);
      } else {
        await this.claims.release(followup.id);
      }
      throw new Error(verdict.reason);
    }
  }
}
