import type { DeliveryStatus } from '@app/shared';

export const PROVIDER_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

// How far a message got. An error ranks above "delivered": when one part of a multi-part text
// fails, the message did not fully arrive, and no later report may hide that.
const RANK: Record<DeliveryStatus, number> = { sending: 0, queued: 1, sent: 2, delivered: 3, undelivered: 4, failed: 4 };

/**
 * The status a delivery moves to when the provider reports `reported`, or undefined to leave it:
 * statuses never move backwards (callbacks arrive out of order), and the first error stays.
 */
export function nextDeliveryStatus(current: DeliveryStatus, reported: ProviderStatus): DeliveryStatus | undefined {
  return RANK[reported] > RANK[current] ? reported : undefined;
}
