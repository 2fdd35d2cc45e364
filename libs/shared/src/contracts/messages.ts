/** Request/response patterns between the services (@nestjs/microservices, Redis transport). */
export enum MessagePattern {
  ListPatientDeliveries = 'deliveries.list-for-patient',
  ListReplies = 'replies.list',
  MarkReplyRead = 'replies.mark-read',
  GetPatientConsent = 'consent.get-for-patient',
}

/** `handled`: acted on automatically; `unread` / `read`: waiting for (or seen by) staff. */
export const REPLY_STATUSES = ['unread', 'read', 'handled'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export interface ListRepliesRequest {
  clinicId: string;
  status?: ReplyStatus;
  limit: number;
  cursor?: string;
}

/** A text a patient sent, as staff see it. */
export interface ReplyRecord {
  id: string;
  patientId?: string;
  followupId?: string;
  from: string;
  body: string;
  intent: string;
  score?: number;
  status: string;
  receivedAt: string;
}

export interface MarkReplyReadRequest {
  clinicId: string;
  id: string;
}

export interface GetPatientConsentRequest {
  clinicId: string;
  patientId: string;
}

export interface ConsentRecord {
  channel: 'email' | 'sms';
  granted: boolean;
  source: string;
  at: string;
}

/** Current consent, whether the phone number has texted STOP, and how each consent came about. */
export interface PatientConsent {
  email: boolean;
  sms: boolean;
  smsSuppressed: boolean;
  history: ConsentRecord[];
}

export interface ListPatientDeliveriesRequest {
  clinicId: string;
  patientId: string;
  limit: number;
  cursor?: string;
}

export interface DeliveryRecord {
  id: string;
  followupId: string;
  channel: 'email' | 'sms';
  to: string;
  status: string;
  providerMessageId?: string;
  error?: string;
  segments?: number;
  /** The channel that failed for good before this message went out instead. */
  fallbackFrom?: 'email' | 'sms';
  attempt: number;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** What the scheduler sends with each pattern. */
export interface NotifierQuestions {
  [MessagePattern.ListPatientDeliveries]: ListPatientDeliveriesRequest;
  [MessagePattern.ListReplies]: ListRepliesRequest;
  [MessagePattern.MarkReplyRead]: MarkReplyReadRequest;
  [MessagePattern.GetPatientConsent]: GetPatientConsentRequest;
}

/** What the notifier answers to each pattern (`null`: not in the caller's clinic). */
export interface NotifierAnswers {
  [MessagePattern.ListPatientDeliveries]: Page<DeliveryRecord>;
  [MessagePattern.ListReplies]: Page<ReplyRecord>;
  [MessagePattern.MarkReplyRead]: ReplyRecord | null;
  [MessagePattern.GetPatientConsent]: PatientConsent | null;
}
