import { DateTime } from 'luxon';

/** Local times, "HH:mm", between which no message goes out; start > end wraps past midnight. */
export interface QuietHours {
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

export const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The first moment at or after `at` outside quiet hours, in the given zone. A time inside quiet
 * hours moves to the local end of them; when that wall-clock time does not exist that day
 * (a spring-forward gap), the first existing minute after it is used.
 */
export function deferPastQuietHours(at: Date, quiet: QuietHours | null, zone: string): Date {
  if (!quiet || quiet.start === quiet.end) return at;
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wraps = start > end;
  const inside = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return at;
  const endDay = wraps && minute >= start ? local.plus({ days: 1 }) : local;
  const [h, m] = quiet.end.split(':').map(Number);
  // Luxon moves a non-existent local time forward by the gap, which is the behaviour wanted here.
  return endDay.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toJSDate();
}
