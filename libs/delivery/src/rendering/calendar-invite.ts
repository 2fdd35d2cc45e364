import { createEvent, type EventAttributes } from 'ics';

/** What a calendar entry for a visit may say: when, where, with whom. No note, no reason for the visit. */
export interface VisitForCalendar {
  appointmentId: string;
  /** Raised on each reschedule: a calendar that has the entry replaces it with a higher SEQUENCE. */
  revision: number;
  startsAt: Date;
  durationMinutes: number;
  /** The clinic's IANA zone, as X-WR-TIMEZONE: the times themselves are UTC. */
  timezone: string;
  /** The service as the clinic labels it and the clinic's name, e.g. "Relaxation massage at Riverside". */
  title: string;
  description: string;
  location?: string | null;
}

/** One visit has one UID for good, so calendars update the entry instead of adding another. */
export function calendarUid(appointmentId: string): string {
  return `appointment-${appointmentId}@carecadence`;
}

/**
 * An iCalendar (RFC 5545) file with one event: start and end in UTC, `METHOD:PUBLISH` (an entry to
 * add, not an invitation to answer), built with the `ics` library so escaping and line folding are
 * its. `now` stamps DTSTAMP.
 */
export function calendarInvite(visit: VisitForCalendar, now: Date): string {
  const attributes: EventAttributes & { timestamp: number } = {
    uid: calendarUid(visit.appointmentId),
    sequence: visit.revision,
    start: visit.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: visit.startsAt.getTime() + visit.durationMinutes * 60_000,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: visit.title,
    description: visit.description,
    ...(visit.location && { location: visit.location }),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    productId: 'carecadence',
    method: 'PUBLISH',
    timestamp: now.getTime(),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('calendar file could not be built');
  // ics has no option for the calendar's zone; clients that read X-WR-TIMEZONE show the clinic's.
  return value.replace(/^(VERSION:2\.0\r\n)/m, `$1X-WR-TIMEZONE:${visit.timezone}\r\n`);
}
