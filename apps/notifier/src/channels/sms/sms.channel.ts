import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import type { OutgoingSms, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';
import { createTwilioClient } from './twilio-client.js';

/** SMS through the twilio SDK when Twilio is configured, otherwise JSON files in the outbox. */
@Injectable()
export class SmsChannel {
  private readonly twilio?: ReturnType<typeof createTwilioClient>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.twilio = config.twilio && createTwilioClient(config.twilio);
  }

  get destination(): string {
    return this.twilio ? 'twilio' : 'outbox';
  }

  async send(sms: OutgoingSms): Promise<SentMessage> {
    const settings = this.config.twilio;
    if (!this.twilio || !settings) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${sms.deliveryId}.json`;
      await writeToOutbox(this.config.dataDir, 'sms', name, JSON.stringify({ to: sms.to, body: sms.body }, null, 2));
      return { providerMessageId: `outbox:${name}` };
    }
    const message = await this.twilio.messages.create({
      to: sms.to,
      body: sms.body,
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
