const yearIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(at);

/** Dates and times as the clinic reads them: in its own time zone, in words a person uses (the year when it is not this one). */
export function formatDateTime(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const at = new Date(value);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(yearIn(at, timeZone) !== yearIn(new Date(), timeZone) && { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

export function formatDate(value: string | Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(value),
  );
}

/** `2026-11-23T15:00` for an <input type="datetime-local">, in the clinic's zone. */
export function toLocalInput(value: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(value)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * The instant a clinic means by a wall-clock time in its zone (`2026-11-23T15:00`), as ISO 8601
 * with the zone's offset at that moment — what `startsAt` expects.
 */
export function fromLocalInput(local: string, timeZone: string): string {
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset near that instant; checked twice so a time near a daylight-saving change lands right.
  let offset = offsetMinutes(new Date(asUtc), timeZone);
  offset = offsetMinutes(new Date(asUtc - offset * 60_000), timeZone);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes the zone is ahead of UTC at an instant. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const local = toLocalInput(at, timeZone);
  const [date, time] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}
