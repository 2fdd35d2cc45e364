import { daysOf, ratio, resolvePeriod, SEALED_AFTER_DAYS, splitPeriod, weekOf, weeksOf } from './reporting-period.js';

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

describe('splitPeriod', () => {
  const period = (from: string, to: string) => {
    const resolved = resolvePeriod({ from, to }, TORONTO, now);
    if (!('period' in resolved)) throw new Error('no period');
    return resolved.period;
  };

  it('keeps the days at least 16 days before today (in the clinic’s zone) and counts the rest live', () => {
    // Today is the 22nd in Toronto: the 6th is the last day sealed.
    expect(SEALED_AFTER_DAYS).toBe(16);
    expect(splitPeriod(period('2026-10-24', '2026-11-22'), TORONTO, now)).toEqual({
      sealed: { from: '2026-10-24', to: '2026-11-06', start: new Date('2026-10-24T04:00:00Z'), end: new Date('2026-11-07T05:00:00Z') },
      live: { from: '2026-11-07', to: '2026-11-22', start: new Date('2026-11-07T05:00:00Z'), end: new Date('2026-11-23T05:00:00Z') },
    });
  });

  it('leaves a period of settled days all sealed, and a recent one all live', () => {
    expect(splitPeriod(period('2026-01-01', '2026-11-06'), TORONTO, now)).toEqual({ sealed: period('2026-01-01', '2026-11-06') });
    expect(splitPeriod(period('2026-11-07', '2026-12-31'), TORONTO, now)).toEqual({ live: period('2026-11-07', '2026-12-31') });
  });
});

describe('days and weeks', () => {
  it('lists every day of a range, across a month and a daylight-saving change', () => {
    expect(daysOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(daysOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('puts a day in the week of its Monday', () => {
    expect(['2026-11-02', '2026-11-05', '2026-11-08'].map(weekOf)).toEqual(['2026-11-02', '2026-11-02', '2026-11-02']);
    expect(weekOf('2026-11-09')).toBe('2026-11-09');
  });
});
