import { describe, expect, it } from '@jest/globals';
import { describeStep, followupStatusInWords, parseDuration, reasonInWords, serviceName } from './plain-words.js';

describe('a cadence step in plain words', () => {
  it.each([
    [{ anchor: 'appointment.completed', offset: 'PT2H', channel: 'both' }, '2 hours after the visit, by email and SMS'],
    [{ anchor: 'appointment.start', offset: '-P1D', channel: 'email' }, '1 day before the visit, by email'],
    [{ anchor: 'appointment.start', offset: '-PT2H', channel: 'sms' }, '2 hours before the visit, by SMS'],
    [{ anchor: 'appointment.booked', offset: 'PT3M', channel: 'preferred' }, "3 minutes after booking, by the patient's preferred channel"],
    [{ anchor: 'appointment.completed', offset: 'P2D', channel: 'sms' }, '2 days after the visit, by SMS'],
    [{ anchor: 'appointment.completed', offset: 'PT0S', channel: 'sms' }, 'Right after the visit, by SMS'],
    [{ anchor: 'plan.completed', offset: 'P3W', channel: 'email' }, '3 weeks after the treatment plan ends, by email'],
    [{ anchor: 'plan.completed', offset: 'P3M', channel: 'email' }, '3 months after the treatment plan ends, by email'],
    [{ anchor: 'appointment.completed', offset: 'P1DT12H', channel: 'email' }, '1 day 12 hours after the visit, by email'],
    [
      { anchor: 'plan.session-due', offset: '-P2D', channel: 'preferred', condition: 'no-future-booking' },
      "2 days before the next session is due, by the patient's preferred channel, unless the patient has already booked",
    ],
  ])('%j reads "%s"', (step, words) => {
    expect(describeStep(step).toLowerCase()).toBe(words.toLowerCase());
    expect(describeStep(step)[0]).toBe(describeStep(step)[0].toUpperCase());
  });

  it('reads durations and refuses what is not one', () => {
    expect(parseDuration('-PT2H')).toEqual({ negative: true, parts: [[2, 'hour']] });
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT')).toBeUndefined();
    expect(parseDuration('2 hours')).toBeUndefined();
  });
});

describe('a follow-up status in plain words', () => {
  it('says why a follow-up was skipped', () => {
    expect(followupStatusInWords('skipped', 'rebooked')).toBe('skipped: the patient already booked');
    expect(followupStatusInWords('cancelled', 'appointment-cancelled')).toBe('cancelled: the visit was cancelled');
    expect(followupStatusInWords('scheduled', 'quiet-hours')).toBe('planned: waiting until quiet hours end');
    expect(followupStatusInWords('sent')).toBe('sent');
    expect(followupStatusInWords('dead')).toBe('gave up');
  });

  it('names provider refusals without the code book', () => {
    expect(reasonInWords('twilio-21211')).toBe('the SMS provider refused it (error 21211)');
    expect(reasonInWords('smtp-550')).toBe('the mail server refused it (550)');
    expect(reasonInWords('something-new')).toBe('something new');
  });

  it('names service types', () => {
    expect(serviceName('medical-massage')).toBe('Medical massage');
  });
});
