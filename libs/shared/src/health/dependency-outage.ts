/** Socket errors: the other end refused, dropped or never answered. Delivery adds its providers' own. */
export const SOCKET_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * PostgreSQL's own word that it cannot serve now: a connection exception (08000, 08001, 08003,
 * 08004, 08006; not 08P01, a protocol violation, which would repeat), shutting down or starting up
 * (57P01–57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATE = /^(0800[01346]|57P0[123]|53300)$/;

/** What pg, pg-pool and ioredis say when their connection is gone, in their own words. */
const CONNECTION_LOST = [
  /^Connection terminated/, // pg: the server or the network closed the connection
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/, // pg
  /^Connection is closed\.?$/, // ioredis
  /^Stream isn't writeable/, // ioredis, offline queue off
  /max retries per request limit/, // ioredis MaxRetriesPerRequestError
];

/**
 * True when an error says PostgreSQL or Redis could not be reached, not that the work itself is
 * wrong: the same work will succeed once the dependency is back. Looks through `cause` (drizzle
 * wraps the driver's error). A provider's failure (SMTP, Twilio) is classified by delivery, which
 * rethrows it as an error with none of these marks.
 */
export function isDependencyOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && (SOCKET_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (name === 'MaxRetriesPerRequestError') return true;
    if (typeof message === 'string' && CONNECTION_LOST.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The first retry after an outage, and the most a retry waits: the work resumes within this of the dependency's return. */
export const OUTAGE_RETRY_FIRST_MS = 1_000;
export const OUTAGE_RETRY_MAX_MS = 10_000;

/**
 * How long work that met an outage waits before it tries again, the `tries`-th time in a row
 * (from 1): doubling from a second, at most ten, and spread over its upper half so a backlog does
 * not come back all at once. Unlike a failure's back-off, it does not grow into minutes: what it
 * waits for is the dependency, not the work.
 */
export function outageRetryDelay(tries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(OUTAGE_RETRY_MAX_MS, OUTAGE_RETRY_FIRST_MS * 2 ** Math.max(0, tries - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}
