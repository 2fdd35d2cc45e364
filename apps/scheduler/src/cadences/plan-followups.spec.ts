import type { CadenceStep } from '@app/shared';
import { planFollowups, type PlanContext } from './plan-followups.js';

const template = { subject: 's', email: 'e', sms: 'm' };
const aftercare: CadenceStep = { key: 'aftercare', kind: 'aftercare', anchor: 'appointment.completed', offset: 'PT2H', channel: 'both', template };
const checkin: CadenceStep = { key: 'soreness-checkin', kind: 'checkin', anchor: 'appointment.completed', offset: 'PT48H', channel: 'sms', template };
const reminder: CadenceStep = { key: 'reminder-email', kind: 'reminder', anchor: 'appointment.start', offset: '-P1D', channel: 'preferred', template };

const daytime: PlanContext = { zone: 'America/Toronto', quietHours: null, now: new Date('2026-06-10T12:00:00Z') };

describe('planFollowups', () => {
  it('plans only the steps hanging on the anchor that happened', () => {
    const planned = planFollowups([aftercare, checkin, reminder], { anchor: 'appointment.completed', at: new Date('2026-06-10T15:00:00Z'), key: 'a1:completed' }, daytime);
    expect(planned.map((p) => [p.stepKey, p.channel, p.sendAt.toISOString(), p.status])).toEqual([
      ['aftercare', 'email', '2026-06-10T17:00:00.000Z', 'scheduled'],
      ['aftercare', 'sms', '2026-06-10T17:00:00.000Z', 'scheduled'],
      ['soreness-checkin', 'sms', '2026-06-12T15:00:00.000Z', 'scheduled'],
    ]);
    expect(planned.every((p) => p.anchorKey === 'a1:completed')).toBe(true);
  });

  it('snapshots the step so later cadence edits do not change the plan', () => {
    const [planned] = planFollowups([checkin], { anchor: 'appointment.completed', at: new Date('2026-06-10T15:00:00Z'), key: 'k' }, daytime);
    expect(planned.step).toEqual(checkin);
    expect(planned.kind).toBe('checkin');
  });

  it('skips a reminder whose time has passed when the booking is made, instead of sending it late', () => {
    const start = new Date('2026-06-10T20:00:00Z'); // today, 16:00 local; -P1D was yesterday
    const [planned] = planFollowups([reminder], { anchor: 'appointment.start', at: start, key: 'a1:start' }, daytime);
    expect(planned).toMatchObject({ status: 'skipped', reason: 'too-late' });
  });

  it('sends an aftercare now when its time is already past', () => {
    const [planned] = planFollowups([aftercare], { anchor: 'appointment.completed', at: new Date('2026-06-09T12:00:00Z'), key: 'k' }, daytime);
    expect(planned.status).toBe('scheduled');
  });

  it('defers a step that falls in quiet hours to the morning, in the patient zone', () => {
    const context: PlanContext = { ...daytime, quietHours: { start: '21:00', end: '08:00' } };
    const lateVisit = new Date('2026-06-11T00:30:00Z'); // 20:30 local; +2h = 22:30 local
    const [email] = planFollowups([aftercare], { anchor: 'appointment.completed', at: lateVisit, key: 'k' }, context);
    expect(email.sendAt.toISOString()).toBe('2026-06-11T12:00:00.000Z'); // 08:00 local
    const paris = planFollowups([aftercare], { anchor: 'appointment.completed', at: lateVisit, key: 'k' }, { ...context, zone: 'Europe/Paris' });
    expect(paris[0].sendAt.toISOString()).toBe('2026-06-11T06:00:00.000Z'); // 04:30 in Paris is quiet → 08:00 Paris
  });
});
