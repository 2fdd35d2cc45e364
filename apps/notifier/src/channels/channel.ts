/** What a channel is asked to deliver: already rendered, addressed, and tied to its delivery record. */
export interface OutgoingEmail {
  deliveryId: string;
  to: string;
  fromName: string;
  replyTo: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  deliveryId: string;
  to: string;
  body: string;
}

export interface SentMessage {
  /** The provider's id for the message (SMTP Message-ID, Twilio SID, or the outbox file name). */
  providerMessageId: string;
  /** SMS only: the parts the text was billed as. */
  segments?: number;
}
