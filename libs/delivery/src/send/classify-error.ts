import { SOCKET_ERROR_CODES } from '@app/shared';
import { ANSWER_LOST_REASONS } from '../records/answer-lost.js';

/** How a failed send is handled: retried later, or recorded as final with its reason. */
export interface ErrorClass {
  transient: boolean;
  reason: string;
  /** The provider says the recipient opted out (Twilio 21610): record it, never retry. */
  optedOut?: boolean;
  /** The address can never take this channel (invalid number, landline): another channel may. */
  unreachable?: boolean;
  /** The provider is throttling us: slow the whole queue down, not just this job. */
  rateLimited?: boolean;
  /** How long the provider asked us to wait (its Retry-After), when it said. */
  retryAfterMs?: number;
  /**
   * The request may have reached the provider and only its answer was lost (a timeout, a
   * connection reset): the message may have gone out.
   */
  answerLost?: boolean;
}

interface ProviderError {
  retryAfterMs?: number;
  /** Held back before reaching the provider (its Retry-After had not passed). */
  heldBack?: boolean;
  status?: number;
  code?: number | string;
  responseCode?: number;
  message?: string;
}

/** Twilio error codes with a known meaning; anything else falls back to the HTTP status. */
const TWILIO_CODES: Record<number, Omit<ErrorClass, 'reason'>> = {
  21211: { transient: false, unreachable: true }, // invalid 'To' number
  21610: { transient: false, optedOut: true }, // recipient replied STOP
  21614: { transient: false, unreachable: true }, // not a mobile number (landline)
  20429: { transient: true, rateLimited: true }, // too many requests
  30003: { transient: true }, // handset unreachable (off, no signal)
  30004: { transient: false }, // message blocked by the recipient or carrier
  30005: { transient: false, unreachable: true }, // unknown destination handset
  30006: { transient: false, unreachable: true }, // landline or unreachable carrier
  30007: { transient: false }, // carrier filtering
  30008: { transient: true }, // unknown error: Twilio advises retrying
};

/**
 * Errors below the protocol: the request may not have reached the provider, or its answer got lost.
 * The socket errors every client meets, and nodemailer's own codes for a connection that failed.
 */
const NETWORK_CODES = new Set([...SOCKET_ERROR_CODES, 'ECONNABORTED', 'ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EPROTOCOL']);

const answerLost = (reason: string) => (ANSWER_LOST_REASONS as readonly string[]).includes(reason);

/**
 * Classifies an error from nodemailer (SMTP `responseCode`) or the twilio SDK (`status`, `code`)
 * (docs/decisions/0004-error-classes.md). SMTP: 4xx is "try later", 5xx is final. Twilio: the known codes above, then
 * 429 and 5xx transient, any other 4xx final. Network errors and timeouts are transient.
 */
export function classifyError(error: unknown): ErrorClass {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ProviderError;
  if (typeof e.responseCode === 'number') {
    return { transient: e.responseCode < 500, reason: `smtp-${e.responseCode}` };
  }
  if (typeof e.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : undefined;
    const known = code !== undefined ? TWILIO_CODES[code] : undefined;
    const reason = code !== undefined ? `twilio-${code}` : e.heldBack ? 'twilio-retry-after' : `http-${e.status}`;
    const retryAfter = typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0 ? { retryAfterMs: e.retryAfterMs } : {};
    if (known) return { ...known, reason, ...(known.rateLimited && retryAfter) };
    if (e.status === 429) return { transient: true, rateLimited: true, reason, ...retryAfter };
    return { transient: e.status >= 500, reason };
  }
  const code = typeof e.code === 'string' ? e.code.toUpperCase() : undefined;
  if (code && NETWORK_CODES.has(code)) {
    const reason = code.toLowerCase();
    return { transient: true, reason, ...(answerLost(reason) && { answerLost: true }) };
  }
  if (/timeout|timed out/i.test(e.message ?? '')) return { transient: true, reason: 'timeout', answerLost: true };
  // Unknown failures are retried: a bounded number of tries, then `dead` for staff to look at.
  return { transient: true, reason: code ? code.toLowerCase() : 'error' };
}
