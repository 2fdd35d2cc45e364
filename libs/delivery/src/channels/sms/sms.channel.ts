import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, countSmsSegments } from '@app/shared';
import type { OutgoingSms, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';
import { optOutHintDue, withOptOutHint } from './opt-out-hint.js';
import { createTwilioClient, throttledFor } from './twilio-client.js';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

/**
 * A send held back because Twilio's Retry-After has not passed yet: throttled like Twilio's own 429,
 * but recorded as `twilio-retry-after`, so the delivery record does not count a 429 Twilio never sent.
 */
export class TwilioRetryAfter extends Error {
  readonly status = 429;
  readonly heldBack = true;

  constructor(readonly retryAfterMs: number) {
    super(`Twilio asked to wait ${retryAfterMs} ms more (Retry-After)`);
  }
}

/**
 * SMS through the twilio SDK when Twilio is configured, otherwise JSON files in the outbox. Adds
 * the opt-out hint when the number is due one (from when it last got it, read with the claim), asks for status callbacks, and reports the segments.
 */
@Injectable()
export class SmsChannel {
  private readonly twilio?: ReturnType<typeof createTwilioClient>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.twilio = config.twilio && createTwilioClient(config.twilio);
  }

  /**
   * The SDK loads its Messages API modules the first time `messages` is read: about 60 ms that
   * would otherwise fall on the first text a fresh notifier sends.
   */
  warmUp(): void {
    void this.twilio?.messages;
  }

  /** The caller records `hinted` with the delivery, so the number's notice time moves on. */
  async send(sms: OutgoingSms): Promise<SentMessage> {
    const hint = optOutHintDue(sms.optOutHintSentAt ?? undefined, new Date());
    const body = hint ? withOptOutHint(sms.body, sms.language) : sms.body;
    const sent = await this.deliver({ ...sms, body });
    return { ...sent, segments: countSmsSegments(body), hinted: hint };
  }

  private async deliver(sms: OutgoingSms): Promise<SentMessage> {
    const settings = this.config.twilio;
    if (!this.twilio || !settings) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${sms.deliveryId}.json`;
      await writeToOutbox(this.config.dataDir, 'sms', name, JSON.stringify({ to: sms.to, body: sms.body }, null, 2));
      return { providerMessageId: `outbox:${name}` };
    }
    // Twilio's Retry-After is honoured here: until it has passed, a send fails as throttled again
    // without calling Twilio, so the queue keeps pausing (see classify-error.ts) instead of
    // spending the provider's patience one 429 at a time.
    const wait = throttledFor(this.twilio);
    if (wait > 0) throw new TwilioRetryAfter(wait);
    try {
      const message = await this.twilio.messages.create({
        to: sms.to,
        body: sms.body,
        statusCallback: `${this.config.publicUrl}${STATUS_CALLBACK_PATH}`,
        ...(settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : { from: settings.from! }),
      });
      return { providerMessageId: message.sid };
    } catch (error) {
      const asked = throttledFor(this.twilio);
      if (asked > 0 && typeof error === 'object' && error !== null) Object.assign(error, { retryAfterMs: asked });
      throw error;
    }
  }

  /**
   * The sids of messages Twilio accepted for `to` since `since`, newest first: how recovery learns
   * whether an SMS whose answer was lost in a crash went out. Empty for the outbox.
   */
  async acceptedSince(to: string, since: Date): Promise<string[]> {
    const settings = this.config.twilio;
    if (!this.twilio || !settings) return [];
    const messages = await this.twilio.messages.list({ to, pageSize: 50, limit: 50 });
    // Only texts sent with the API from our sender can be a follow-up's: the list also holds the
    // TwiML replies to the patient's own texts (the confirmation of a STOP, an answer to HELP),
    // which no delivery record owns either.
    const ours = (m: (typeof messages)[number]) =>
      m.direction === 'outbound-api' &&
      (settings.messagingServiceSid ? m.messagingServiceSid === settings.messagingServiceSid : m.from === settings.from);
    return messages.filter((m) => ours(m) && m.dateCreated.getTime() >= since.getTime()).map((m) => m.sid);
  }
}
