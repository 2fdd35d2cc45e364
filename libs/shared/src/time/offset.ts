import { DateTime, Duration } from 'luxon';

/**
 * Parses a cadence offset: an ISO 8601 duration, optionally negative (`-P1D` = one day before).
 * Returns undefined for anything else, including an empty `P` and mixed signs.
 */
export function parseOffset(offset: string): Duration | undefined {
  if (typeof offset !== 'string' || !/^-?P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/.test(offset)) {
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

/** True for an IANA zone name the runtime knows (`Europe/Paris`, `America/Toronto`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  return DateTime.now().setZone(zone).isValid;
}
