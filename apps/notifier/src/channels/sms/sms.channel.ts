import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, countSmsSegments } from '@app/shared';
import { smsSender } from '../../consent/consent.service.js';
import type { OutgoingSms, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';
import { optOutHintDue, withOptOutHint } from './opt-out-hint.js';
import { OptOutNoticesRepository } from './opt-out-notices.repository.js';
import { createTwilioClient } from './twilio-client.js';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

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
    const message = await this.twilio.messages.create({
      to: sms.to,
      body: sms.body,
      statusCallback: `${this.config.publicUrl}${STATUS_CALLBACK_PATH}`,
      ...(settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : { from: settings.from! }),
    });
    return { providerMessageId: message.sid };
  }

  /**
   * The sids of messages Twilio accepted for `to` since `since`, newest first: how recovery learns
   * whether an SMS whose answer was lost in a crash went out. Empty for the outbox.
   */
  async acceptedSince(to: string, since: Date): Promise<string[]> {
    if (!this.twilio) return [];
    const messages = await this.twilio.messages.list({ to, pageSize: 50, limit: 50 });
    return messages.filter((m) => m.dateCreated.getTime() >= since.getTime()).map((m) => m.sid);
  }
}
