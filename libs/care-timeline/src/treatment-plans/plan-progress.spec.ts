import { firstSessionDue, nextSessionDue } from './plan-progress.js';

const zone = 'America/Toronto';
const plan = { sessions: 3, intervalDays: 7, startsAt: new Date('2026-03-02T14:00:00Z') };

describe('nextSessionDue', () => {
  it('is the plan start while no session is done', () => {
    expect(nextSessionDue(plan, [], zone)).toEqual(plan.startsAt);
  });

  it('is the interval after the latest session, whatever order they come in', () => {
    const due = nextSessionDue(plan, [new Date('2026-06-10T14:00:00Z'), new Date('2026-06-03T14:00:00Z')], zone);
    expect(due!.toISOString()).toBe('2026-06-17T14:00:00.000Z');
  });

  it('keeps the local time of the last visit across a daylight-saving change', () => {
    // Thursday 5 March 2026 10:00 EST; a week later is 10:00 EDT, 6 days 23 hours later.
    const due = nextSessionDue(plan, [new Date('2026-03-05T15:00:00Z')], zone);
    expect(due!.toISOString()).toBe('2026-03-12T14:00:00.000Z');
  });

  it('is undefined once every session is done', () => {
    const starts = [1, 2, 3].map((d) => new Date(`2026-06-0${d}T14:00:00Z`));
    expect(nextSessionDue(plan, starts, zone)).toBeUndefined();
  });
});

describe('firstSessionDue', () => {
  const now = new Date('2026-06-10T18:30:00Z');

  it('is now when the plan names no start day', () => {
    expect(firstSessionDue(undefined, zone, now)).toBe(now);
  });

  it('is 09:00 local on the start day, in the zone given', () => {
    expect(firstSessionDue('2026-07-01', zone, now).toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(firstSessionDue('2026-07-01', 'Europe/Paris', now).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});
