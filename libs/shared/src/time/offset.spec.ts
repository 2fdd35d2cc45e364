import { applyOffset, isKnownTimeZone, isNegativeOffset, offsetWithinLimit, parseOffset } from './offset.js';

describe('parseOffset', () => {
  it.each(['PT2H', 'PT5S', '-P1D', '-PT2H', 'P1DT2H30M', 'P3W', 'P3M', 'PT0.5S'])('accepts %s', (offset) => {
    expect(parseOffset(offset)).toBeDefined();
  });

  it.each(['', 'P', 'PT', '2h', '-P', 'P-1D', 'P1DT', 'PT1H-5M', 'P1.5D', '+P1D', 'p1d'])('rejects %j', (offset) => {
    expect(parseOffset(offset)).toBeUndefined();
  });

  it('knows which offsets point before the anchor', () => {
    expect(isNegativeOffset('-P1D')).toBe(true);
    expect(isNegativeOffset('-PT0S')).toBe(false);
    expect(isNegativeOffset('PT2H')).toBe(false);
  });
});

describe('applyOffset across daylight-saving changes', () => {
  // America/Toronto springs forward on 2026-03-08 at 02:00 and falls back on 2026-11-01 at 02:00.
  it('keeps the local wall-clock time for a day-based offset over spring-forward', () => {
    const start = new Date('2026-03-09T14:00:00Z'); // Mon 10:00 EDT
    const reminder = applyOffset(start, '-P1D', 'America/Toronto');
    expect(reminder.toISOString()).toBe('2026-03-08T14:00:00.000Z'); // Sun 10:00 EDT
  });

  it('keeps the local wall-clock time for a day-based offset over fall-back', () => {
    const start = new Date('2026-11-01T15:00:00Z'); // Sun 10:00 EST
    const reminder = applyOffset(start, '-P1D', 'America/Toronto');
    expect(reminder.toISOString()).toBe('2026-10-31T14:00:00.000Z'); // Sat 10:00 EDT, 25 h earlier
    expect(start.getTime() - reminder.getTime()).toBe(25 * 3600_000);
  });

  it('moves hour-based offsets by exact elapsed time', () => {
    const start = new Date('2026-03-08T07:30:00Z'); // 03:30 EDT, just after the gap
    expect(applyOffset(start, '-PT2H', 'America/Toronto').toISOString()).toBe('2026-03-08T05:30:00.000Z');
  });

  it('gives different instants for the same offset in different zones', () => {
    const start = new Date('2026-03-29T12:00:00Z');
    const paris = applyOffset(start, '-P1D', 'Europe/Paris'); // Paris changes on 2026-03-29
    const utc = applyOffset(start, '-P1D', 'UTC');
    expect(utc.toISOString()).toBe('2026-03-28T12:00:00.000Z');
    expect(paris.toISOString()).toBe('2026-03-28T13:00:00.000Z');
  });
});

describe('isKnownTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('America/Toronto')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});

describe('isKnownTimeZone: IANA names only', () => {
  it('refuses fixed offsets that follow no daylight-saving rules', () => {
    for (const zone of ['UTC+5', '+05:00', 'GMT+0530', 'utc+5:30']) expect(isKnownTimeZone(zone)).toBe(false);
  });

  it('takes UTC and backward-compatible links', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'Asia/Calcutta', 'Etc/GMT+5']) expect(isKnownTimeZone(zone)).toBe(true);
  });
});

describe('offsetWithinLimit', () => {
  it('takes offsets up to 400 days either way, calendar units counted at their longest', () => {
    for (const offset of ['PT2H', '-P1D', 'P400D', '-P400D', 'P1Y1M', 'P57W', 'PT9600H', 'PT0.5S'])
      expect(offsetWithinLimit(offset)).toBe(true);
  });

  it('refuses longer offsets and components too large to be exact numbers', () => {
    for (const offset of ['P401D', '-P401D', 'P2Y', 'P14M', 'P58W', 'PT9601H', 'P100000Y', 'PT99999999999999999999H', 'P1Y1M1W']) {
      expect(offsetWithinLimit(offset)).toBe(false);
    }
  });

  it('refuses what is not an offset', () => {
    expect(offsetWithinLimit('2 hours')).toBe(false);
  });
});
