import { DateTime, Duration } from 'luxon';

/**
 * Parses a cadence offset: an ISO 8601 duration, optionally negative (`-P1D` = one day before).
 * Returns undefined for anything else, including an empty `P` and mixed signs.
 */
export function parseOffset(offset: string): Duration | undefined {
  if (
    typeof offset !== 'string' ||
    !/^-?P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/.test(offset)
  ) {
    return undefined;
  }
  const duration = Duration.fromISO(offset);
  return duration.isValid ? duration : undefined;
}

/** True when the offset points before its anchor. */
export function isNegativeOffset(offset: string): boolean {
  return offset.startsWith('-') && parseOffset(offset)!.toMillis() !== 0;
}

/**
 * Moves from an anchor by an offset in a time zone. Calendar parts (days, weeks, months) keep the
 * local wall-clock time across a daylight-saving change; hours, minutes and seconds are exact.
 */
export function applyOffset(anchor: Date, offset: string, zone: string): Date {
  const duration = parseOffset(offset);
  if (!duration) throw new RangeError(`not an ISO 8601 duration: ${offset}`);
  return DateTime.fromJSDate(anchor, { zone }).plus(duration).toJSDate();
}

/**
 * True for an IANA zone name the runtime knows (`Europe/Paris`, `America/Toronto`, `UTC`).
 * Luxon alone also takes fixed offsets such as `UTC+5`, which follow no daylight-saving rules and
 * would silently move reminders by an hour twice a year; Intl takes names only.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  return DateTime.now().setZone(zone).isValid;
}

/** Farthest a cadence step may be from its anchor, either way: a year and a month. */
export const MAX_OFFSET_DAYS = 400;

/**
 * True when the offset is at most `MAX_OFFSET_DAYS` from its anchor. Calendar units count at their
 * longest (a year 366 days, a month 31), so the bound holds in every zone and every year; a
 * component too large to be an exact number (`PT99999999999999999999H`) is out of bounds.
 */
export function offsetWithinLimit(offset: string): boolean {
  const duration = parseOffset(offset);
  if (!duration) return false;
  const parts = duration.toObject();
  const values = Object.values(parts).map((v: number | undefined) => Math.abs(v ?? 0));
  if (values.some((v) => !Number.isSafeInteger(Math.trunc(v)))) return false;
  const days =
    Math.abs(parts.years ?? 0) * 366 +
    Math.abs(parts.months ?? 0) * 31 +
    Math.abs(parts.weeks ?? 0) * 7 +
    Math.abs(parts.days ?? 0) +
    (Math.abs(parts.hours ?? 0) * 3_600 + Math.abs(parts.minutes ?? 0) * 60 + Math.abs(parts.seconds ?? 0)) / 86_400;
  return days <= MAX_OFFSET_DAYS;
}
