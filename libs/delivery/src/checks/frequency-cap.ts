/** Messages a patient may get on one channel per rolling day and week; 0 means no cap. */
export interface FrequencyCap {
  day: number;
  week: number;
}

export const DAY_MS = 24 * 3600_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * The earliest moment at or after `now` when one more message stays within the cap, given when
 * earlier messages went. Windows are rolling and measured in real time (24 h, 7 × 24 h), so a
 * daylight-saving change neither shortens nor stretches them.
 */
export function nextAllowedUnderCap(sent: Date[], now: Date, cap: FrequencyCap): Date {
  const times = sent.map((d) => d.getTime()).sort((a, b) => a - b);
  let at = now.getTime();
  for (;;) {
    const dayWait = waitFor(times, at, DAY_MS, cap.day);
    const weekWait = waitFor(times, at, WEEK_MS, cap.week);
    const next = Math.max(dayWait, weekWait);
    if (next <= at) return new Date(at);
    at = next;
  }
}

/** When the window ending at `at` holds fewer than `limit` messages again (`at` if it already does). */
function waitFor(times: number[], at: number, windowMs: number, limit: number): number {
  if (limit <= 0) return at;
  const inWindow = times.filter((t) => t > at - windowMs && t <= at);
  if (inWindow.length < limit) return at;
  // The oldest messages must leave the window until only limit - 1 remain in it.
  return inWindow[inWindow.length - limit] + windowMs;
}
