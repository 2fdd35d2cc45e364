import type { Appointment, CadenceStep, FollowupWithStep } from '@app/shared';
import { AppointmentStillValidCheck, type SendCheckInput } from './send-checks.js';

const template = { en: { subject: 's', email: 'e', sms: 'm' } };
const step = (anchor: CadenceStep['anchor'], kind: CadenceStep['kind']): CadenceStep => ({
  key: kind,
  kind,
  anchor,
  offset: anchor === 'appointment.start' ? '-PT2H' : 'PT2H',
  channel: 'sms',
  template,
});
const startsAt = new Date('2026-06-15T11:00:00Z');

function input(followupStep: CadenceStep, status: Appointment['status'], now: Date): SendCheckInput {
  return {
    followup: { step: followupStep } as FollowupWithStep,
    appointment: { status, startsAt } as Appointment,
    clinic: {} as SendCheckInput['clinic'],
    patient: {} as SendCheckInput['patient'],
    facts: {
      smsSuppressed: false,
      optOutHintSentAt: null,
      sentTimes: { email: [], sms: [] },
      bookedAhead: false,
      smsAnswerLostSince: null,
    },
    channel: 'sms',
    to: '+15145550111',
    now,
  };
}

describe('AppointmentStillValidCheck', () => {
  const check = new AppointmentStillValidCheck();
  const before = new Date(startsAt.getTime() - 60_000);
  const after = new Date(startsAt.getTime() + 60_000);

  it('lets a reminder go before the visit starts', async () => {
    expect(await check.check(input(step('appointment.start', 'reminder'), 'booked', before))).toBeUndefined();
  });

  it('skips a reminder that comes due once the visit has started', async () => {
    expect(await check.check(input(step('appointment.start', 'reminder'), 'booked', startsAt))).toEqual({ skip: 'too-late' });
    expect(await check.check(input(step('appointment.start', 'reminder'), 'booked', after))).toEqual({ skip: 'too-late' });
  });

  it('lets aftercare go after the visit', async () => {
    expect(await check.check(input(step('appointment.completed', 'aftercare'), 'completed', after))).toBeUndefined();
  });

  it('skips anything for a cancelled visit or a no-show', async () => {
    expect(await check.check(input(step('appointment.start', 'reminder'), 'cancelled', before))).toEqual({ skip: 'appointment-cancelled' });
    expect(await check.check(input(step('appointment.completed', 'aftercare'), 'no-show', after))).toEqual({ skip: 'no-show' });
  });
});
