import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long an unsubscribe link in an email keeps working. */
export const UNSUBSCRIBE_LINK_DAYS = 90;

export type TokenCheck = { valid: true; patientId: string } | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
}

/** `<patientId>.<expiry in epoch seconds>.<HMAC-SHA256>`: no session, nothing stored. */
export function makeUnsubscribeToken(patientId: string, secret: string, now: Date, days = UNSUBSCRIBE_LINK_DAYS): string {
  const expires = Math.floor(now.getTime() / 1000) + days * 86_400;
  const payload = `${patientId}.${expires}`;
  return `${payload}.${sign(payload, secret)}`;
}

export function checkUnsubscribeToken(token: string, secret: string, now: Date): TokenCheck {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const [, patientId, expires, signature] = match;
  const expected = Buffer.from(sign(`${patientId}.${expires}`, secret));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { valid: false, reason: 'forged' };
  if (Number(expires) * 1000 < now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, patientId };
}
