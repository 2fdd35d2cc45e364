import type { CadenceStep } from '@app/shared';
import { planFollowups, type PlanContext } from './plan-followups.js';

const template = { en: { subject: 's', email: 'e', sms: 'm' } };
const aftercare: CadenceStep = {
  key: 'aftercare',
  kind: 'aftercare',
  anchor: 'appointment.completed',
  offset: 'PT2H',
  channel: 'both',
  template,
};
const checkin: CadenceStep = {
  key: 'soreness-checkin',
  kind: 'checkin',
  anchor: 'appointment.completed',
  offset: 'PT48H',
  channel: 'sms',
  template,
};
const reminder: CadenceStep = {
  key: 'reminder-email',
  kind: 'reminder',
  anchor: 'appointment.start',
  offset: '-P1D',
  channel: 'preferred',
  template,
};

const daytime: PlanContext = { zone: 'America/Toronto', quietHours: null, now: new Date('2026-06-10T12:00:00Z') };

describe('planFollowups', () => {
  it('plans only the steps hanging on the anchor that happened', () => {
    const planned = planFollowups(
      [aftercare, checkin, reminder],
      { anchor: 'appointment.completed', at: new Date('2026-06-10T15:00:00Z'), key: 'a1:completed' },
      daytime,
    );
    expect(planned.map((p) => [p.stepKey, p.channel, p.sendAt.toISOString(), p.status])).toEqual([
      ['aftercare', 'email', '2026-06-10T17:00:00.000Z', 'scheduled'],
      ['aftercare', 'sms', '2026-06-10T17:00:00.000Z', 'scheduled'],
      ['soreness-checkin', 'sms', '2026-06-12T15:00:00.000Z', 'scheduled'],
    ]);
    expect(planned.every((p) => p.anchorKey === 'a1:completed')).toBe(true);
  });

  it('snapshots the step so later cadence edits do not change the plan', () => {
    const [planned] = planFollowups(
      [checkin],
      { anchor: 'appointment.completed', at: new Date('2026-06-10T15:00:00Z'), key: 'k' },
      daytime,
    );
    expect(planned.step).toEqual(checkin);
    expect(planned.kind).toBe('checkin');
  });

  it('skips a reminder whose time has passed when the booking is made, instead of sending it late', () => {
    const start = new Date('2026-06-10T20:00:00Z'); // today, 16:00 local; -P1D was yesterday
    const [planned] = planFollowups([reminder], { anchor: 'appointment.start', at: start, key: 'a1:start' }, daytime);
    expect(planned).toMatchObject({ status: 'skipped', reason: 'too-late' });
  });

  it('skips a reminder that quiet hours would push to or past the start of an early visit', () => {
    const smsReminder: CadenceStep = { ...reminder, key: 'reminder-sms', offset: '-PT2H', channel: 'sms' };
    const context: PlanContext = { ...daytime, quietHours: { start: '21:00', end: '08:00' } };
    const sevenAm = new Date('2026-06-15T11:00:00Z'); // 07:00 local; -PT2H is 05:00, quiet until 08:00
    const planned = planFollowups([reminder, smsReminder], { anchor: 'appointment.start', at: sevenAm, key: 'a1:start' }, context);
    expect(planned.map((p) => [p.stepKey, p.status, p.reason])).toEqual([
      ['reminder-email', 'scheduled', null], // the day before at 07:00 is outside quiet hours
      ['reminder-sms', 'skipped', 'too-late'],
    ]);
    const eightAm = new Date('2026-06-15T12:00:00Z'); // 08:00 local: deferral would land on the start itself
    expect(planFollowups([smsReminder], { anchor: 'appointment.start', at: eightAm, key: 'a2:start' }, context)[0]).toMatchObject({
      status: 'skipped',
      reason: 'too-late',
    });
    const tenAm = new Date('2026-06-15T14:00:00Z'); // 10:00 local: 08:00 is allowed
    expect(planFollowups([smsReminder], { anchor: 'appointment.start', at: tenAm, key: 'a3:start' }, context)[0]).toMatchObject({
      status: 'scheduled',
    });
  });

  it('sends an aftercare now when its time is already past', () => {
    const [planned] = planFollowups(
      [aftercare],
      { anchor: 'appointment.completed', at: new Date('2026-06-09T12:00:00Z'), key: 'k' },
      daytime,
    );
    expect(planned.status).toBe('scheduled');
  });

  it('defers a step that falls in quiet hours to the morning, in the patient zone', () => {
    const context: PlanContext = { ...daytime, quietHours: { start: '21:00', end: '08:00' } };
    const lateVisit = new Date('2026-06-11T00:30:00Z'); // 20:30 local; +2h = 22:30 local
    const [email] = planFollowups([aftercare], { anchor: 'appointment.completed', at: lateVisit, key: 'k' }, context);
    expect(email.sendAt.toISOString()).toBe('2026-06-11T12:00:00.000Z'); // 08:00 local
    const paris = planFollowups(
      [aftercare],
      { anchor: 'appointment.completed', at: lateVisit, key: 'k' },
      { ...context, zone: 'Europe/Paris' },
    );
    expect(paris[0].sendAt.toISOString()).toBe('2026-06-11T06:00:00.000Z'); // 04:30 in Paris is quiet → 08:00 Paris
  });

  describe('booking confirmation', () => {
    const confirmation: CadenceStep = {
      key: 'booking-confirmation',
      kind: 'confirmation',
      anchor: 'appointment.booked',
      offset: 'PT3M',
      channel: 'preferred',
      template,
    };
    const booked = (startsAt: string) => ({
      anchor: 'appointment.booked' as const,
      at: daytime.now,
      key: 'a1:booked',
      startsAt: new Date(startsAt),
    });

    it('goes out after the grace period, even for a visit later today (exempt from too-late)', () => {
      const [planned] = planFollowups([confirmation, reminder], booked('2026-06-10T16:00:00Z'), daytime);
      expect(planned).toMatchObject({ stepKey: 'booking-confirmation', status: 'scheduled', sendAt: new Date('2026-06-10T12:03:00Z') });
    });

    it('is skipped when the visit starts before the grace period is over', () => {
      const [planned] = planFollowups([confirmation], booked('2026-06-10T12:02:00Z'), daytime);
      expect(planned).toMatchObject({ status: 'skipped', reason: 'too-late' });
    });

    it('is skipped when quiet hours would hold it until after the visit', () => {
      const night: PlanContext = { ...daytime, quietHours: { start: '21:00', end: '08:00' }, now: new Date('2026-06-11T02:00:00Z') }; // 22:00 local
      const [planned] = planFollowups([confirmation], { ...booked('2026-06-11T11:00:00Z'), at: night.now }, night); // visit 07:00 local
      expect(planned).toMatchObject({ status: 'skipped', reason: 'too-late' });
    });
  });

  describe('rebooking nudges on plan.session-due', () => {
    const nudge: CadenceStep = {
      key: 'rebook-nudge',
      kind: 'rebook',
      anchor: 'plan.session-due',
      offset: '-P2D',
      channel: 'preferred',
      condition: 'no-future-booking',
      template,
    };
    const again: CadenceStep = { ...nudge, key: 'rebook-nudge-again', offset: 'P5D' };
    const due = (at: string) => ({ anchor: 'plan.session-due' as const, at: new Date(at), key: 'plan-1-session-2-due' });

    it('plans a nudge before the due day and one after, keeping the step and its condition', () => {
      const planned = planFollowups([nudge, again, aftercare], due('2026-06-20T14:00:00Z'), daytime);
      expect(planned.map((p) => [p.stepKey, p.sendAt.toISOString(), p.status, p.step.condition])).toEqual([
        ['rebook-nudge', '2026-06-18T14:00:00.000Z', 'scheduled', 'no-future-booking'],
        ['rebook-nudge-again', '2026-06-25T14:00:00.000Z', 'scheduled', 'no-future-booking'],
      ]);
    });

    it('skips the before-due nudge when the session is already due, but keeps the follow-up', () => {
      const planned = planFollowups([nudge, again], due('2026-06-10T12:00:00Z'), daytime);
      expect(planned.map((p) => [p.stepKey, p.status, p.reason])).toEqual([
        ['rebook-nudge', 'skipped', 'too-late'],
        ['rebook-nudge-again', 'scheduled', null],
      ]);
    });
  });
});
