import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { UnsubscribeLinks } from '@app/consent';
import nodemailer, { type Transporter } from 'nodemailer';
import { renderEmail } from '../../rendering/email-html.js';
import type { OutgoingEmail, SentMessage } from '../channel.js';
import { writeToOutbox } from '../outbox.js';

function senderAddress(mailFrom: string): string {
  return mailFrom.match(/<([^>]+)>/)?.[1] ?? mailFrom;
}

/**
 * The Message-ID of a follow-up's email: the same for every try, so the one email a crash can
 * send twice (README, Delivery guarantees) reaches the patient as two copies of one message, which
 * mail clients fold. The delivery record's id travels in `X-Carecadence-Delivery`.
 */
export function followupMessageId(followupId: string, mailFrom: string): string {
  const domain = senderAddress(mailFrom).split('@')[1] || 'carecadence.invalid';
  return `<followup-${followupId}@${domain}>`;
}

/** Email through nodemailer: SMTP when SMTP_URL is set, otherwise .eml files in the outbox. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly toOutbox: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unsubscribeLinks: UnsubscribeLinks,
  ) {
    this.toOutbox = !config.smtpUrl;
    this.transport = config.smtpUrl
      ? // Pooling and timeouts are set in the URL's query when wanted (smtp://host:25/?pool=true).
        nodemailer.createTransport(config.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /**
   * A patient's email: `multipart/alternative` text and HTML parts saying the same words, the
   * visit's calendar file when there is one, a signed unsubscribe link in both parts and the RFC
   * 8058 one-click headers. Those are set `prepared` (as written) because nodemailer would fold or
   * re-encode the URL otherwise, and its `list` option writes List-Unsubscribe-Post wrongly.
   */
  async send(email: OutgoingEmail): Promise<SentMessage> {
    const unsubscribeUrl = this.unsubscribeLinks.forPatient(email.patientId);
    const { text, html } = await renderEmail(email.document, unsubscribeUrl);
    const info = await this.transport.sendMail({
      from: { name: email.fromName, address: senderAddress(this.config.mailFrom) },
      replyTo: email.replyTo,
      to: email.to,
      subject: email.subject,
      messageId: followupMessageId(email.followupId, this.config.mailFrom),
      text,
      html,
      // Said up front, nodemailer does not count the characters of every part and header to choose
      // (about 0.3 ms an email). For text mostly in Latin script, as the product's languages are, it
      // is what it chose (the same bytes); text in another script stays valid, only longer.
      textEncoding: 'quoted-printable',
      ...(email.calendar && {
        attachments: [{ filename: 'visit.ics', content: email.calendar, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
      }),
      headers: {
        // The language the patient reads it in (the text and HTML parts say the same words).
        'Content-Language': email.document.lang,
        'X-Carecadence-Delivery': email.deliveryId,
        ...(unsubscribeUrl && {
          'List-Unsubscribe': { prepared: true, value: `<${unsubscribeUrl}>` },
          'List-Unsubscribe-Post': { prepared: true, value: 'List-Unsubscribe=One-Click' },
        }),
      },
    });
    return this.settle(info, email.deliveryId);
  }

  /** A message to the clinic's own staff (an alert), not to a patient: no unsubscribe. */
  async sendToClinic(email: { to: string; fromName: string; subject: string; text: string; reference: string }): Promise<SentMessage> {
    const info = await this.transport.sendMail({
      from: { name: email.fromName, address: senderAddress(this.config.mailFrom) },
      to: email.to,
      subject: email.subject,
      text: email.text,
      headers: { 'X-Carecadence-Alert': email.reference },
    });
    return this.settle(info, `alert-${email.reference}`);
  }

  private async settle(info: { message?: unknown; messageId: string }, name: string): Promise<SentMessage> {
    if (this.toOutbox) {
      const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}.eml`;
      await writeToOutbox(this.config.dataDir, 'email', file, info.message as Buffer);
      return { providerMessageId: `outbox:${file}` };
    }
    return { providerMessageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
