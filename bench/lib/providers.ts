import { SmtpSink } from '../../test/support/smtp-sink.js';
import { TwilioFake } from '../../test/support/twilio-fake.js';

export const TWILIO = { accountSid: `AC${'3'.repeat(32)}`, authToken: 'bench-auth-token', from: '+15145550199' };

export interface Received {
  to: string;
  at: number;
}

/**
 * The SMTP server and the Twilio-compatible server of the tests, on loopback in the bench's own
 * process: every pipeline measured sends through the same two, through the same SDKs.
 */
export class Providers {
  readonly smtp = new SmtpSink();
  readonly twilio = new TwilioFake(TWILIO);

  async start(): Promise<this> {
    await this.smtp.start();
    await this.twilio.start();
    return this;
  }

  /** Pooled, as an operator sets SMTP_URL for volume (nodemailer reads the options from the URL). */
  get smtpUrl(): string {
    return `${this.smtp.url}/?pool=true&maxConnections=8&maxMessages=100000`;
  }

  get count(): number {
    return this.smtp.messages.length + this.twilio.messages.length;
  }

  received(): Received[] {
    return [
      ...this.smtp.messages.map((m) => ({ to: m.envelope.to[0], at: m.receivedAt.getTime() })),
      ...this.twilio.messages.map((m) => ({ to: m.to, at: m.receivedAt.getTime() })),
    ];
  }

  reset(): void {
    this.smtp.reset();
    this.twilio.reset();
  }

  async stop(): Promise<void> {
    await this.smtp.stop();
    await this.twilio.stop();
  }

  /** The settings that point a notifier (or the floor pipeline) at these two. */
  env(): Record<string, string> {
    return {
      SMTP_URL: this.smtpUrl,
      ...this.twilio.settings(TWILIO.from),
    };
  }
}
