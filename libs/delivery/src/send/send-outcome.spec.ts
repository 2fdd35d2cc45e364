import { countedOutcome } from './send-outcome.js';

const labels = { channel: 'email', kind: 'aftercare' };

describe('countedOutcome', () => {
  it('counts a deferral as deferred, never as skipped', () => {
    expect(countedOutcome({ ...labels, status: 'deferred', reason: 'quiet-hours', sendAt: '2026-11-23T13:00:00.000Z' })).toBe('deferred');
    expect(countedOutcome({ ...labels, status: 'deferred', reason: 'frequency-cap', sendAt: '2026-11-24T13:00:00.000Z' })).toBe('deferred');
  });

  it('counts sends and skips as what they are', () => {
    expect(countedOutcome({ ...labels, status: 'sent', deliveryId: 'd', sendAt: '', startedAt: '', sentAt: '' })).toBe('sent');
    expect(countedOutcome({ ...labels, status: 'skipped', reason: 'opted-out' })).toBe('skipped');
  });

  it('does not count a job that had nothing to send', () => {
    expect(countedOutcome({ status: 'not-claimed' })).toBeUndefined();
  });
});
