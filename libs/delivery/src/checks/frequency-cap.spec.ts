import fc from 'fast-check';
import { DAY_MS, nextAllowedUnderCap, WEEK_MS } from './frequency-cap.js';

const at = (iso: string) => new Date(iso);
const SMS = { day: 1, week: 3 };

describe('nextAllowedUnderCap', () => {
  it('lets a first message go now', () => {
    expect(nextAllowedUnderCap([], at('2026-03-08T12:00:00Z'), SMS)).toEqual(at('2026-03-08T12:00:00Z'));
  });

  it('holds a second SMS the same day until 24 h after the first', () => {
    expect(nextAllowedUnderCap([at('2026-03-08T09:00:00Z')], at('2026-03-08T15:00:00Z'), SMS)).toEqual(at('2026-03-09T09:00:00Z'));
  });

  it('lets it go once the day has passed', () => {
    expect(nextAllowedUnderCap([at('2026-03-07T09:00:00Z')], at('2026-03-08T09:00:00Z'), SMS)).toEqual(at('2026-03-08T09:00:00Z'));
  });

  it('holds a fourth SMS in a week until the oldest of the three is a week old', () => {
    const sent = [at('2026-03-02T10:00:00Z'), at('2026-03-04T10:00:00Z'), at('2026-03-06T10:00:00Z')];
    expect(nextAllowedUnderCap(sent, at('2026-03-08T10:00:00Z'), SMS)).toEqual(at('2026-03-09T10:00:00Z'));
  });

  it('counts two emails a day', () => {
    const email = { day: 2, week: 0 };
    const sent = [at('2026-03-08T08:00:00Z'), at('2026-03-08T10:00:00Z')];
    expect(nextAllowedUnderCap(sent.slice(0, 1), at('2026-03-08T11:00:00Z'), email)).toEqual(at('2026-03-08T11:00:00Z'));
    expect(nextAllowedUnderCap(sent, at('2026-03-08T11:00:00Z'), email)).toEqual(at('2026-03-09T08:00:00Z'));
  });

  it('measures a day as 24 real hours across the spring-forward night (America/Toronto, 8 March 2026)', () => {
    // 09:00 EST on the 7th is 14:00Z; 24 h later is 10:00 EDT on the 8th, still 14:00Z.
    expect(nextAllowedUnderCap([at('2026-03-07T14:00:00Z')], at('2026-03-08T12:00:00Z'), SMS)).toEqual(at('2026-03-08T14:00:00Z'));
  });

  it('is off with zero caps', () => {
    const sent = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 2, 8, i)));
    expect(nextAllowedUnderCap(sent, at('2026-03-08T21:00:00Z'), { day: 0, week: 0 })).toEqual(at('2026-03-08T21:00:00Z'));
  });

  it('always answers a time when one more message keeps both windows within the cap, and no earlier one', () => {
    const base = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * DAY_MS }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 6 }),
        (offsets, day, week) => {
          const now = base + 20 * DAY_MS;
          const sent = offsets.map((o) => new Date(base + o));
          const next = nextAllowedUnderCap(sent, new Date(now), { day, week }).getTime();
          const count = (t: number, w: number) => sent.filter((s) => s.getTime() > t - w && s.getTime() <= t).length;
          const fits = (t: number) => (day === 0 || count(t, DAY_MS) < day) && (week === 0 || count(t, WEEK_MS) < week);
          expect(next).toBeGreaterThanOrEqual(now);
          expect(fits(next)).toBe(true);
          if (next > now) expect(fits(next - 1)).toBe(false);
        },
      ),
    );
  });
});
