import type { DeliveryStatus } from '@app/shared';
import { nextDeliveryStatus, PROVIDER_STATUSES } from './delivery-status.js';

describe('nextDeliveryStatus', () => {
  it('follows the normal order', () => {
    expect(nextDeliveryStatus('sending', 'queued')).toBe('queued');
    expect(nextDeliveryStatus('queued', 'sent')).toBe('sent');
    expect(nextDeliveryStatus('sent', 'delivered')).toBe('delivered');
  });

  it('skips steps the provider did not report', () => {
    expect(nextDeliveryStatus('sent', 'undelivered')).toBe('undelivered');
    expect(nextDeliveryStatus('sending', 'delivered')).toBe('delivered');
  });

  it('never moves backwards', () => {
    expect(nextDeliveryStatus('delivered', 'sent')).toBeUndefined();
    expect(nextDeliveryStatus('delivered', 'queued')).toBeUndefined();
    expect(nextDeliveryStatus('sent', 'queued')).toBeUndefined();
    expect(nextDeliveryStatus('sent', 'sent')).toBeUndefined();
  });

  it('keeps an error: no later part, success or other error overwrites it', () => {
    for (const error of ['failed', 'undelivered'] as const) {
      for (const reported of PROVIDER_STATUSES) expect(nextDeliveryStatus(error, reported)).toBeUndefined();
    }
  });

  it('lets a failed part override an earlier delivered part', () => {
    expect(nextDeliveryStatus('delivered', 'undelivered')).toBe('undelivered');
    expect(nextDeliveryStatus('delivered', 'failed')).toBe('failed');
  });

  it('reaches the same status whatever order the callbacks arrive in', () => {
    const permutations = (items: readonly string[]): string[][] =>
      items.length <= 1
        ? [[...items]]
        : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    for (const reports of [
      ['queued', 'sent', 'delivered'],
      ['queued', 'sent', 'undelivered'],
      ['sent', 'delivered', 'failed'],
    ]) {
      const finals = new Set(
        permutations(reports).map((order) =>
          order.reduce<DeliveryStatus>((status, reported) => nextDeliveryStatus(status, reported as never) ?? status, 'sent'),
        ),
      );
      expect(finals.size).toBe(1);
    }
  });
});
