import type { StepDayRow } from './insights.repository.js';
import { foldSteps, weeklyOf } from './insights.service.js';
import { resolvePeriod } from './reporting-period.js';

const counts = { planned: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, bookedWithin7d: 0, bookedWithin14d: 0, optedOut: [] };
const aftercare = (day: string, values: Partial<StepDayRow>): StepDayRow => ({
  day,
  serviceType: 'medical-massage',
  stepKey: 'aftercare',
  kind: 'aftercare',
  skipReason: null,
  ...counts,
  ...values,
});

describe('folding days into steps', () => {
  const days: StepDayRow[] = [
    aftercare('2026-11-02', { planned: 3, sent: 3, delivered: 2, bookedWithin7d: 1, bookedWithin14d: 2, optedOut: ['p1'] }),
    aftercare('2026-11-02', { skipReason: 'opted-out', planned: 1, skipped: 1 }),
    aftercare('2026-11-04', { skipReason: 'opted-out', planned: 2, skipped: 2 }),
    aftercare('2026-11-04', { planned: 2, sent: 1, failed: 1, bookedWithin7d: 1, bookedWithin14d: 1, optedOut: ['p1', 'p2'] }),
    aftercare('2026-11-10', { planned: 1, sent: 1, optedOut: ['p3'] }),
    { ...aftercare('2026-11-10', { planned: 1, sent: 1 }), stepKey: 'checkin-day-2', kind: 'checkin' },
  ];

  it('adds a step’s days and skip reasons, counts each patient who opted out once, and takes its replies', () => {
    const steps = foldSteps(days, [
      { serviceType: 'medical-massage', stepKey: 'aftercare', kind: 'aftercare', replies: 2 },
      { serviceType: 'acupuncture', stepKey: 'aftercare', kind: 'aftercare', replies: 9 },
    ]);
    expect(steps).toEqual([
      {
        serviceType: 'medical-massage',
        stepKey: 'aftercare',
        kind: 'aftercare',
        planned: 9,
        sent: 5,
        delivered: 2,
        failed: 1,
        skipped: 3,
        skippedByReason: { 'opted-out': 3 },
        optedOutAfter: 3,
        replies: 2,
        bookedAfter: { within7d: 2, within14d: 3 },
        conversion7d: 0.4,
      },
      expect.objectContaining({ stepKey: 'checkin-day-2', sent: 1, replies: 0, optedOutAfter: 0, conversion7d: 0 }),
    ]);
  });

  it('charts every week of the period from the sends of its days', () => {
    const resolved = resolvePeriod({ from: '2026-11-01', to: '2026-11-21' }, 'America/Toronto', new Date('2026-11-23T12:00:00Z'));
    if (!('period' in resolved)) throw new Error('no period');
    expect(weeklyOf(resolved.period, days)).toEqual([
      { weekStart: '2026-10-26', sent: 0, bookedAfter7d: 0, optedOut: 0 },
      { weekStart: '2026-11-02', sent: 4, bookedAfter7d: 2, optedOut: 2 },
      { weekStart: '2026-11-09', sent: 2, bookedAfter7d: 0, optedOut: 1 },
      { weekStart: '2026-11-16', sent: 0, bookedAfter7d: 0, optedOut: 0 },
    ]);
  });
});
