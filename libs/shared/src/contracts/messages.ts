/** Request/response patterns between the services (@nestjs/microservices, Redis transport). */
export enum MessagePattern {
  ListPatientDeliveries = 'deliveries.list-for-patient',
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
