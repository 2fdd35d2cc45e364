/** How a failed send is handled: retried later, or recorded as final with its reason. */
export interface ErrorClass {
  transient: boolean;
  reason: string;
}

interface ProviderError {
  status?: number;
  code?: number | string;
  responseCode?: number;
  message?: string;
}

const TWILIO_TRANSIENT_CODES = new Set([20429, 30003, 30008]);

/**
 * Classifies an error from nodemailer (SMTP `responseCode`) or the twilio SDK (`status`, `code`).
 * 5xx from SMTP and 4xx from Twilio (but 429) are final; timeouts, connection errors, SMTP 4xx,
 * Twilio 429/5xx and the carrier codes that mean "try again" are transient.
 */
export function classifyError(error: unknown): ErrorClass {
  const e = (error ?? {}) as ProviderError;
  if (typeof e.responseCode === 'number') {
    return { transient: e.responseCode < 500, reason: `smtp-${e.responseCode}` };
  }
  if (typeof e.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : undefined;
    const reason = code ? `twilio-${code}` : `http-${e.status}`;
    if (code && TWILIO_TRANSIENT_CODES.has(code)) return { transient: true, reason };
    return { transient: e.status === 429 || e.status >= 500, reason };
  }
  const code = typeof e.code === 'string' ? e.code : 'error';
  return { transient: true, reason: code.toLowerCase() };
}
