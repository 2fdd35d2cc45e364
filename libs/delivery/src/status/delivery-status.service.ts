import { Injectable, Logger } from '@nestjs/common';
import { ConsentService } from '@app/consent';
import { nextDeliveryStatus, PROVIDER_STATUSES, type ProviderStatus } from './delivery-status.js';
import { DeliveryStatusRepository } from './delivery-status.repository.js';

export interface StatusCallback {
  MessageSid?: string;
  MessageStatus?: string;
  ErrorCode?: string;
}

const UNSUBSCRIBED_RECIPIENT = '21610';

/** Applies Twilio's delivery reports to the delivery record, never backwards. */
@Injectable()
export class DeliveryStatusService {
  private readonly logger = new Logger(DeliveryStatusService.name);

  constructor(
    private readonly deliveries: DeliveryStatusRepository,
    private readonly consent: ConsentService,
  ) {}

  async apply(callback: StatusCallback): Promise<void> {
    const reported = callback.MessageStatus as ProviderStatus;
    // Other statuses (accepted, sending, read, …) say nothing the record needs.
    if (!callback.MessageSid || !PROVIDER_STATUSES.includes(reported)) return;
    const error = callback.ErrorCode ? `twilio-${callback.ErrorCode}` : undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const delivery = await this.deliveries.findByProviderId(callback.MessageSid);
      if (!delivery) return;
      if (callback.ErrorCode === UNSUBSCRIBED_RECIPIENT && attempt === 0) await this.consent.providerReportsUnsubscribed(delivery.to);
      const next = nextDeliveryStatus(delivery.status, reported);
      if (!next) return;
      if (await this.deliveries.advance(delivery.id, delivery.status, next, error)) {
        this.logger.log(`delivery ${delivery.id}: ${delivery.status} → ${next}${error ? ` (${error})` : ''}`);
        return;
      }
    }
  }
}
