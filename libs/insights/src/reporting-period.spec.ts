import { ratio, resolvePeriod, weeksOf } from './reporting-period.js';

const TORONTO = 'America/Toronto';
// 2026-11-23 03:30 UTC is still the 22nd in Toronto.
const now = new Date('2026-11-23T03:30:00Z');

describe('resolvePeriod', () => {
  it('defaults to the 30 days ending today in the clinic’s zone', () => {
    expect(resolvePeriod({}, TORONTO, now)).toEqual({
      period: {
        from: '2026-10-24',
        to: '2026-11-22',
        start: new Date('2026-10-24T04:00:00Z'),
        end: new Date('2026-11-23T05:00:00Z'),
      },
    });
  });

  it('takes whole days in the clinic’s zone across a daylight-saving change', () => {
    const answer = resolvePeriod({ from: '2026-03-01', to: '2026-03-31' }, TORONTO, now);
    expect(answer).toEqual({
      period: { from: '2026-03-01', to: '2026-03-31', start: new Date('2026-03-01T05:00:00Z'), end: new Date('2026-04-01T04:00:00Z') },
    });
  });

  it('counts back 30 days from a given end', () => {
    expect(resolvePeriod({ to: '2026-02-28' }, 'UTC', now)).toMatchObject({ period: { from: '2026-01-30', to: '2026-02-28' } });
  });

  it('accepts a single day and a leap year of 366 days', () => {
    expect(resolvePeriod({ from: '2026-05-05', to: '2026-05-05' }, 'UTC', now)).toMatchObject({ period: { from: '2026-05-05' } });
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, 'UTC', now)).toMatchObject({ period: { to: '2024-12-31' } });
  });

  it.each([
    [{ from: '2026-13-01' }, [{ field: 'from', reason: 'is not a day of the calendar (2026-13-01)' }]],
    [{ to: '2026-02-30' }, [{ field: 'to', reason: 'is not a day of the calendar (2026-02-30)' }]],
    [
      { from: 'yesterday', to: '11/22/2026' },
      [
        { field: 'from', reason: 'must be a date as YYYY-MM-DD' },
        { field: 'to', reason: 'must be a date as YYYY-MM-DD' },
      ],
    ],
    [{ from: '2026-11-02', to: '2026-11-01' }, [{ field: 'from', reason: 'must not be after to' }]],
    [{ from: '2025-01-01', to: '2026-01-02' }, [{ field: 'from', reason: 'period is 367 days; at most 366' }]],
    [{ from: '2024-11-01' }, [{ field: 'from', reason: 'period is 752 days; at most 366' }]],
  ])('refuses %j naming the field', (query, errors) => {
    expect(resolvePeriod(query, TORONTO, now)).toEqual({ errors });
  });
});

describe('weeksOf', () => {
  it('lists the Monday of every week the period touches', () => {
    expect(weeksOf({ from: '2026-11-01', to: '2026-11-16', start: new Date(), end: new Date() })).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
  });
});

describe('ratio', () => {
  it('is a fraction with three decimals, or null when nothing went out', () => {
    expect(ratio(4, 10)).toBe(0.4);
    expect(ratio(1, 3)).toBe(0.333);
    expect(ratio(0, 0)).toBeNull();
  });
});
