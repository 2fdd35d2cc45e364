import { DEFAULT_QUIET_HOURS, deferPastQuietHours } from './quiet-hours.js';

const zone = 'America/Toronto';

describe('deferPastQuietHours', () => {
  it('leaves a daytime message alone', () => {
    const at = new Date('2026-06-10T16:00:00Z'); // 12:00 EDT
    expect(deferPastQuietHours(at, DEFAULT_QUIET_HOURS, zone)).toEqual(at);
  });

  it('moves a late-evening message to 08:00 the next morning', () => {
    const at = new Date('2026-06-11T02:30:00Z'); // 22:30 EDT on the 10th
    expect(deferPastQuietHours(at, DEFAULT_QUIET_HOURS, zone).toISOString()).toBe('2026-06-11T12:00:00.000Z');
  });

  it('moves a 3 a.m. message to 08:00 the same morning', () => {
    const at = new Date('2026-06-11T07:00:00Z'); // 03:00 EDT
    expect(deferPastQuietHours(at, DEFAULT_QUIET_HOURS, zone).toISOString()).toBe('2026-06-11T12:00:00.000Z');
  });

  it('treats the end minute as allowed and the start minute as quiet', () => {
    expect(deferPastQuietHours(new Date('2026-06-11T12:00:00Z'), DEFAULT_QUIET_HOURS, zone).toISOString()).toBe('2026-06-11T12:00:00.000Z');
    expect(deferPastQuietHours(new Date('2026-06-11T01:00:00Z'), DEFAULT_QUIET_HOURS, zone).toISOString()).toBe('2026-06-11T12:00:00.000Z');
  });

  it('uses the local morning after a fall-back night', () => {
    const at = new Date('2026-11-01T05:30:00Z'); // 01:30 EDT, before clocks go back
    expect(deferPastQuietHours(at, DEFAULT_QUIET_HOURS, zone).toISOString()).toBe('2026-11-01T13:00:00.000Z'); // 08:00 EST
  });

  it('handles a window that does not wrap midnight', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(deferPastQuietHours(new Date('2026-06-10T16:15:00Z'), lunch, zone).toISOString()).toBe('2026-06-10T17:30:00.000Z');
  });

  it('lands on the first existing minute when the end falls in a spring-forward gap', () => {
    const at = new Date('2026-03-08T06:30:00Z'); // 01:30 EST; 02:30 does not exist that night
    expect(deferPastQuietHours(at, { start: '23:00', end: '02:30' }, zone).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('is off when quiet hours are null', () => {
    const at = new Date('2026-06-11T07:00:00Z');
    expect(deferPastQuietHours(at, null, zone)).toEqual(at);
  });
});
