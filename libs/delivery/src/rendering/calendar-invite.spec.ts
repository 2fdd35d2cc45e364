import ICAL from 'ical.js';
import { calendarInvite, calendarUid, type VisitForCalendar } from './calendar-invite.js';

const visit: VisitForCalendar = {
  appointmentId: '5f0c3a9e-8d1b-4c57-9a3e-2b6f1d0e7c41',
  revision: 0,
  startsAt: new Date('2026-11-25T15:30:00Z'),
  durationMinutes: 60,
  timezone: 'America/Toronto',
  title: 'Relaxation massage at Riverside Massage & Acupuncture',
  description: 'With Jordan Tremblay. To change or cancel, call (514) 555-0100.',
  location: '12 River Rd, Montreal QC',
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, event };
}

describe('calendarInvite', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('parses as iCalendar with the visit in UTC, the clinic as location, one entry per appointment', () => {
    const { calendar, event } = parse(calendarInvite(visit, now));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('America/Toronto');
    expect(event.uid).toBe(calendarUid(visit.appointmentId));
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-25T15:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-25T16:30:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.location).toBe('12 River Rd, Montreal QC');
    expect(event.summary).toBe('Relaxation massage at Riverside Massage & Acupuncture');
    expect(event.description).toBe(visit.description);
    expect(event.sequence).toBe(0);
  });

  it('keeps the UID and raises SEQUENCE when the visit moves', () => {
    const before = parse(calendarInvite(visit, now)).event;
    const after = parse(calendarInvite({ ...visit, revision: 1, startsAt: new Date('2026-11-26T14:00:00Z') }, now)).event;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startDate.toJSDate().toISOString()).toBe('2026-11-26T14:00:00.000Z');
  });

  it('leaves out a location the clinic has not given', () => {
    expect(parse(calendarInvite({ ...visit, location: null }, now)).event.location).toBeNull();
  });
});
