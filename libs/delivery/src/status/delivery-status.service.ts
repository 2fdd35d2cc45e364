import { Injectable, Logger } from '@nestjs/common';
import { ConsentService } from '@app/consent';
import { nextDeliveryStatus, PROVIDER_STATUSES, type ProviderStatus } from './delivery-status.js';
import { DeliveryStatusRepository } from './delivery-status.repository.js';

/** How long a report for a message id no record holds is kept waiting for the record. */
export const EARLY_REPORT_TTL_MS = 24 * 60 * 60 * 1000;

const EARLY_BATCH = 500;

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

  /**
   * A report for a message id no record holds yet (Twilio can call back before the send's answer
   * is recorded) is kept, and applied by `applyEarly` once the record is there.
   */
  async apply(callback: StatusCallback): Promise<void> {
    const reported = callback.MessageStatus as ProviderStatus;
    // Other statuses (accepted, sending, read, …) say nothing the record needs.
    if (!callback.MessageSid || !PROVIDER_STATUSES.includes(reported)) return;
    const applied = await this.applyReport(callback.MessageSid, reported, callback.ErrorCode);
    if (applied === 'no-record') {
      await this.deliveries.keepEarly({ providerMessageId: callback.MessageSid, status: reported, errorCode: callback.ErrorCode ?? null });
      this.logger.log(`status report ${reported} for a message not recorded yet: kept`);
    }
  }

  /** Applies kept reports whose record has arrived; drops those older than a day. Run by the recovery sweep. */
  async applyEarly(now = new Date()): Promise<{ applied: number; expired: number }> {
    let applied = 0;
    for (;;) {
      const reports = await this.deliveries.earlyReportsNowMatched(EARLY_BATCH);
      for (const report of reports)
        await this.applyReport(report.providerMessageId, report.status as ProviderStatus, report.errorCode ?? undefined);
      await this.deliveries.dropEarly(reports.map((report) => report.id));
      applied += reports.length;
      if (reports.length < EARLY_BATCH) break;
    }
    const expired = await this.deliveries.dropEarlyBefore(new Date(now.getTime() - EARLY_REPORT_TTL_MS));
    return { applied, expired };
  }

  private async applyReport(
    providerMessageId: string,
    reported: ProviderStatus,
    errorCode: string | undefined,
  ): Promise<'no-record' | 'done'> {
    const error = errorCode ? `twilio-${errorCode}` : undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const delivery = await this.deliveries.findByProviderId(providerMessageId);
      if (!delivery) return 'no-record';
      if (errorCode === UNSUBSCRIBED_RECIPIENT && attempt === 0) await this.consent.providerReportsUnsubscribed(delivery.to);
      const next = nextDeliveryStatus(delivery.status, reported);
      if (!next) return 'done';
      if (await this.deliveries.advance(delivery.id, delivery.status, next, error)) {
        this.logger.log(`delivery ${delivery.id}: ${delivery.status} → ${next}${error ? ` (${error})` : ''}`);
        return 'done';
      }
    }
    return 'done';
  }
}
