import { formatAppointmentTime } from './appointment-time.js';

const NOW = new Date('2026-11-20T15:00:00Z');
// Tuesday, November 24, 2026, 10:00 in Montreal (UTC−5).
const TUESDAY_TEN = new Date('2026-11-24T15:00:00Z');

describe('formatAppointmentTime', () => {
  it('writes a French date and time as Quebec does', () => {
    expect(formatAppointmentTime(TUESDAY_TEN, 'America/Toronto', 'fr', 'fr-CA', NOW)).toEqual({ date: 'mardi 24 novembre', time: '10 h' });
  });

  it('keeps the minutes in French only when there are some', () => {
    const halfPast = new Date('2026-11-24T19:30:00Z');
    expect(formatAppointmentTime(halfPast, 'America/Toronto', 'fr', 'fr-CA', NOW).time).toBe('14 h 30');
    const fivePast = new Date('2026-11-24T14:05:00Z');
    expect(formatAppointmentTime(fivePast, 'America/Toronto', 'fr', 'fr-CA', NOW).time).toBe('9 h 05');
  });

  it('writes an English date and time with a.m. / p.m. in Canada and AM / PM in the United States', () => {
    expect(formatAppointmentTime(TUESDAY_TEN, 'America/Toronto', 'en', 'en-CA', NOW)).toEqual({
      date: 'Tuesday, November 24',
      time: '10:00 a.m.',
    });
    expect(formatAppointmentTime(TUESDAY_TEN, 'America/Toronto', 'en', 'en-US', NOW).time).toBe('10:00 AM');
  });

  it("shows the time on the patient's clock", () => {
    expect(formatAppointmentTime(TUESDAY_TEN, 'America/Vancouver', 'fr', 'fr-CA', NOW)).toEqual({ date: 'mardi 24 novembre', time: '7 h' });
    const lateEvening = new Date('2026-11-25T04:30:00Z');
    expect(formatAppointmentTime(lateEvening, 'America/Toronto', 'en', 'en-CA', NOW)).toEqual({
      date: 'Tuesday, November 24',
      time: '11:30 p.m.',
    });
  });

  it('names the year of a visit in another year than today', () => {
    const january = new Date('2027-01-07T15:00:00Z');
    expect(formatAppointmentTime(january, 'America/Toronto', 'fr', 'fr-CA', NOW).date).toBe('jeudi 7 janvier 2027');
    expect(formatAppointmentTime(january, 'America/Toronto', 'en', 'en-CA', NOW).date).toBe('Thursday, January 7, 2027');
  });

  it('keeps the wall-clock hour across the autumn daylight-saving change', () => {
    // Clocks go back on 2026-11-01: 10:00 is 14:00 UTC before and 15:00 UTC after.
    const before = new Date('2026-10-31T14:00:00Z');
    const after = new Date('2026-11-02T15:00:00Z');
    expect(formatAppointmentTime(before, 'America/Toronto', 'fr', 'fr-CA', NOW)).toEqual({ date: 'samedi 31 octobre', time: '10 h' });
    expect(formatAppointmentTime(after, 'America/Toronto', 'fr', 'fr-CA', NOW)).toEqual({ date: 'lundi 2 novembre', time: '10 h' });
  });
});
