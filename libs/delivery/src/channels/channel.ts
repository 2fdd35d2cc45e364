import type { Language } from '@app/shared';
import type { EmailDocument } from '../rendering/email-document.js';

/** What a channel is asked to deliver: already rendered, addressed, and tied to its delivery record. */
export interface OutgoingEmail {
  deliveryId: string;
  /** Every try of one follow-up carries the same Message-ID, so a copy sent twice folds into one. */
  followupId: string;
  /** Whom the unsubscribe link speaks for. */
  patientId: string;
  to: string;
  fromName: string;
  replyTo: string;
  subject: string;
  /** Rendered by the channel into text and HTML parts once it knows the unsubscribe link. */
  document: EmailDocument;
  /** An .ics file to attach (confirmations and reminders). */
  calendar?: string;
}

export interface OutgoingSms {
  deliveryId: string;
  to: string;
  body: string;
  language: Language;
  /** When the number last got the opt-out hint from our sender (read with the claim). */
  optOutHintSentAt: Date | null;
}

export interface SentMessage {
  /** The provider's id for the message (SMTP Message-ID, Twilio SID, or the outbox file name). */
  providerMessageId: string;
  /** SMS only: the parts the text was billed as. */
  segments?: number;
  /** SMS only: the text carried the opt-out hint. */
  hinted?: boolean;
}
