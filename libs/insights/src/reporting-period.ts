import type { FieldError } from '@app/shared';
import { DateTime } from 'luxon';

/** How far back the insights look when the caller names no period. */
export const DEFAULT_PERIOD_DAYS = 30;
/** The longest period one request may cover: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

/**
 * A period of whole days in the clinic's time zone, both ends included (`from` … `to`), as the UTC
 * instants the database compares: `start` is `from` at midnight, `end` the midnight after `to`.
 */
export interface ReportingPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string | undefined, field: 'from' | 'to', zone: string): DateTime | FieldError | undefined {
  if (value === undefined) return undefined;
  if (!DAY.test(value)) return { field, reason: 'must be a date as YYYY-MM-DD' };
  const day = DateTime.fromISO(value, { zone });
  if (!day.isValid) return { field, reason: `is not a day of the calendar (${value})` };
  return day.startOf('day');
}

/**
 * The period a request asks for: `to` defaults to today in the clinic's zone, `from` to the
 * 30 days ending at `to`. Answers the errors instead when a date is malformed, `from` comes after
 * `to` or the period is longer than 366 days.
 */
export function resolvePeriod(
  query: { from?: string; to?: string },
  zone: string,
  now: Date,
): { period: ReportingPeriod } | { errors: FieldError[] } {
  const from = parseDay(query.from, 'from', zone);
  const to = parseDay(query.to, 'to', zone);
  const errors = [from, to].filter((d): d is FieldError => d !== undefined && !DateTime.isDateTime(d));
  if (errors.length > 0) return { errors };

  const last = (to as DateTime | undefined) ?? DateTime.fromJSDate(now, { zone }).startOf('day');
  const first = (from as DateTime | undefined) ?? last.minus({ days: DEFAULT_PERIOD_DAYS - 1 });
  if (first > last) return { errors: [{ field: 'from', reason: 'must not be after to' }] };
  const days = Math.round(last.diff(first, 'days').days) + 1;
  if (days > MAX_PERIOD_DAYS) {
    return { errors: [{ field: query.from === undefined ? 'to' : 'from', reason: `period is ${days} days; at most ${MAX_PERIOD_DAYS}` }] };
  }
  return { period: dayRange(first.toISODate()!, last.toISODate()!, zone) };
}

/**
 * The Mondays (clinic's calendar) of every week the period touches, as `YYYY-MM-DD`: the first and
 * last weeks may be partial. Weeks start on Monday, as PostgreSQL's `date_trunc('week', …)` does.
 */
export function weeksOf(period: ReportingPeriod): string[] {
  const weeks: string[] = [];
  const last = DateTime.fromISO(period.to);
  for (let monday = DateTime.fromISO(period.from).startOf('week'); monday <= last; monday = monday.plus({ weeks: 1 })) {
    weeks.push(monday.toISODate()!);
  }
  return weeks;
}

/** A share as a fraction with three decimals (0.4 for 4 of 10); null when nothing was counted. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/**
 * How many days after a day its care outcomes can still change: a booking counts within 14 days
 * of a send, an opt-out within 7, and a day more lets late delivery reports and retries land.
 */
export const SEALED_AFTER_DAYS = 16;

/** Consecutive days of the clinic's calendar, both ends included, with the instants they span. */
export type DayRange = ReportingPeriod;

/** The range of days `from`…`to` (`YYYY-MM-DD`) in `zone`. */
export function dayRange(from: string, to: string, zone: string): DayRange {
  return {
    from,
    to,
    start: DateTime.fromISO(from, { zone }).startOf('day').toJSDate(),
    end: DateTime.fromISO(to, { zone }).startOf('day').plus({ days: 1 }).toJSDate(),
  };
}

/** Every day of a range, as `YYYY-MM-DD`. */
export function daysOf(range: { from: string; to: string }): string[] {
  const days: string[] = [];
  const last = DateTime.fromISO(range.to, { zone: 'utc' });
  for (let day = DateTime.fromISO(range.from, { zone: 'utc' }); day <= last; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
  return days;
}

/**
 * Splits a period into the days whose outcomes are settled (`sealed`: SEALED_AFTER_DAYS or more
 * before today in the clinic's zone), which can be counted once and kept, and the recent days
 * (`live`), counted from the records at every answer. Either part may be missing.
 */
export function splitPeriod(period: ReportingPeriod, zone: string, now: Date): { sealed?: DayRange; live?: DayRange } {
  const lastSealed = DateTime.fromJSDate(now, { zone }).startOf('day').minus({ days: SEALED_AFTER_DAYS }).toISODate()!;
  if (period.to <= lastSealed) return { sealed: period };
  if (period.from > lastSealed) return { live: period };
  const firstLive = DateTime.fromISO(lastSealed, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
  return { sealed: dayRange(period.from, lastSealed, zone), live: dayRange(firstLive, period.to, zone) };
}

/** The Monday (clinic's calendar) of a day's week, as `YYYY-MM-DD`. */
export function weekOf(day: string): string {
  return DateTime.fromISO(day, { zone: 'utc' }).startOf('week').toISODate()!;
}
