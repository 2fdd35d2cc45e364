import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, countSmsSegments } from '@app/shared';
import { ConsentService, smsSender } from '../../consent/consent.service.js';
import type { OutgoingSms, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';
import { optOutHintDue, withOptOutHint } from './opt-out-hint.js';
import { OptOutNoticesRepository } from './opt-out-notices.repository.js';
import { createTwilioClient } from './twilio-client.js';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

const UNSUBSCRIBED_RECIPIENT = 21610;

/**
 * SMS through the twilio SDK when Twilio is configured, otherwise JSON files in the outbox. Adds
 * the opt-out hint when the number is due one, asks for status callbacks, and reports the segments.
 */
@Injectable()
export class SmsChannel {
  private readonly twilio?: ReturnType<typeof createTwilioClient>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: OptOutNoticesRepository,
    private readonly consent: ConsentService,
  ) {
    this.twilio = config.twilio && createTwilioClient(config.twilio);
  }

  get destination(): string {
    return this.twilio ? 'twilio' : 'outbox';
  }

  async send(sms: OutgoingSms): Promise<SentMessage> {
    const sender = smsSender(this.config);
    const now = new Date();
    const hint = optOutHintDue(await this.notices.lastSent(sms.to, sender), now);
    const body = hint ? withOptOutHint(sms.body) : sms.body;
    const sent = await this.deliver({ ...sms, body });
    if (hint) await this.notices.sent(sms.to, sender, now);
    return { ...sent, segments: countSmsSegments(body) };
  }

  private async deliver(sms: OutgoingSms): Promise<SentMessage> {
    const settings = this.config.twilio;
    if (!this.twilio || !settings) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${sms.deliveryId}.json`;
      await writeToOutbox(this.config.dataDir, 'sms', name, JSON.stringify({ to: sms.to, body: sms.body }, null, 2));
      return { providerMessageId: `outbox:${name}` };
    }
    try {
      const message = await this.twilio.messages.create({
        to: sms.to,
        body: sms.body,
        statusCallback: `${this.config.publicUrl}${STATUS_CALLBACK_PATH}`,
        ...(settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : { from: settings.from! }),
      });
      return { providerMessageId: message.sid };
    } catch (error) {
      // The number opted out with the carrier: record it as a withdrawal so nothing else is tried.
      if ((error as { code?: unknown }).code === UNSUBSCRIBED_RECIPIENT) await this.consent.providerReportsUnsubscribed(sms.to);
      throw error;
    }
  }
}
