import type { CadenceStep } from '@app/shared';
import { defaultCadence } from '../cadences/default-cadences.js';
import { simulateCadence } from './simulate-cadence.js';

const template = { en: { subject: 's', email: 'e', sms: 't' } };
const step = (key: string, anchor: CadenceStep['anchor'], offset: string, kind: CadenceStep['kind'] = 'aftercare'): CadenceStep => ({
  key,
  kind,
  anchor,
  offset,
  channel: 'sms',
  template,
});
const toronto = { zone: 'America/Toronto', quietHours: { start: '21:00', end: '08:00' } };

describe('cadence simulation', () => {
  it('moves a message that lands in quiet hours to their end and says so', () => {
    // A 19:00 visit of an hour: aftercare two hours later is 22:00, inside 21:00–08:00.
    const result = simulateCadence(
      [step('aftercare', 'appointment.completed', 'PT2H')],
      { startsAt: new Date('2026-12-01T19:00:00-05:00'), durationMinutes: 60 },
      { ...toronto, now: new Date('2026-11-20T12:00:00Z') },
    );
    expect(result.visit.endsAt).toEqual(new Date('2026-12-02T01:00:00Z'));
    expect(result.messages).toEqual([
      expect.objectContaining({
        stepKey: 'aftercare',
        status: 'scheduled',
        reason: 'quiet-hours',
        dueAt: new Date('2026-12-01T22:00:00-05:00'),
        sendAt: new Date('2026-12-02T08:00:00-05:00'),
      }),
    ]);
  });

  it('skips a reminder whose time has passed when the visit is booked, and keeps the others in time order', () => {
    const steps = [
      step('reminder-email', 'appointment.start', '-P1D', 'reminder'),
      step('reminder-sms', 'appointment.start', '-PT2H', 'reminder'),
      step('aftercare', 'appointment.completed', 'PT2H'),
    ];
    const now = new Date('2026-12-01T09:00:00-05:00');
    const result = simulateCadence(steps, { startsAt: new Date('2026-12-01T14:00:00-05:00'), durationMinutes: 60 }, { ...toronto, now });
    expect(result.messages.map((m) => [m.stepKey, m.status, m.reason])).toEqual([
      ['reminder-email', 'skipped', 'too-late'],
      ['reminder-sms', 'scheduled', null],
      ['aftercare', 'scheduled', null],
    ]);
    expect(result.messages[1].sendAt).toEqual(new Date('2026-12-01T12:00:00-05:00'));
  });

  it('lists the steps a single visit does not trigger (treatment plans)', () => {
    const steps = defaultCadence('medical-massage')!;
    const result = simulateCadence(
      steps,
      { startsAt: new Date('2026-12-10T10:00:00-05:00'), durationMinutes: 60 },
      {
        ...toronto,
        now: new Date('2026-12-01T10:00:00-05:00'),
      },
    );
    expect(result.notSimulated.map((s) => s.anchor)).toEqual(expect.arrayContaining(['plan.session-due', 'plan.completed']));
    expect(result.messages.map((m) => m.stepKey)).toEqual(
      expect.arrayContaining(['booking-confirmation', 'aftercare', 'soreness-checkin']),
    );
    expect(result.messages.every((m) => !['plan.session-due', 'plan.completed'].includes(m.anchor))).toBe(true);
  });
});
