import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OutgoingEmail, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';

function senderAddress(mailFrom: string): string {
  return mailFrom.match(/<([^>]+)>/)?.[1] ?? mailFrom;
}

/** Email through nodemailer: SMTP when SMTP_URL is set, otherwise .eml files in the outbox. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly toOutbox: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.toOutbox = !config.smtpUrl;
    this.transport = config.smtpUrl
      ? // Pooling and timeouts are set in the URL's query when wanted (smtp://host:25/?pool=true).
        nodemailer.createTransport(config.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get destination(): string {
    return this.toOutbox ? 'outbox' : 'smtp';
  }

  async send(email: OutgoingEmail): Promise<SentMessage> {
    const info = await this.transport.sendMail({
      from: { name: email.fromName, address: senderAddress(this.config.mailFrom) },
      replyTo: email.replyTo,
      to: email.to,
      subject: email.subject,
      text: email.text,
      headers: { 'X-Carecadence-Delivery': email.deliveryId },
    });
    if (this.toOutbox) {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.deliveryId}.eml`;
      await writeToOutbox(this.config.dataDir, 'email', name, info.message as Buffer);
      return { providerMessageId: `outbox:${name}` };
    }
    return { providerMessageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
