/** Longest pause a Retry-After may ask for: a bad header must not stop every text for hours. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Milliseconds a `Retry-After` header asks to wait (RFC 9110 §10.2.3: seconds, or an HTTP date),
 * capped at `MAX_RETRY_AFTER_MS`; undefined when it is absent or says nothing usable.
 */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const wait = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(wait) || wait <= 0) return undefined;
  return Math.min(wait, MAX_RETRY_AFTER_MS);
}
