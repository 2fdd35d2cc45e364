import { checkUnsubscribeToken, makeUnsubscribeToken } from './unsubscribe-token.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const PATIENT = '4f9f1c2e-8a55-4c1a-9d7e-0b6c1f1e2a3b';
const NOW = new Date('2026-11-22T12:00:00Z');

describe('unsubscribe tokens', () => {
  it('accepts its own token and names the patient', () => {
    const token = makeUnsubscribeToken(PATIENT, SECRET, NOW);
    expect(checkUnsubscribeToken(token, SECRET, NOW)).toEqual({ valid: true, patientId: PATIENT });
  });

  it('is URL-safe', () => {
    expect(makeUnsubscribeToken(PATIENT, SECRET, NOW)).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('works until it expires, and not after', () => {
    const token = makeUnsubscribeToken(PATIENT, SECRET, NOW, 90);
    expect(checkUnsubscribeToken(token, SECRET, new Date(NOW.getTime() + 89 * 86_400_000)).valid).toBe(true);
    expect(checkUnsubscribeToken(token, SECRET, new Date(NOW.getTime() + 91 * 86_400_000))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses a token for another patient, a moved expiry, a changed signature or another secret', () => {
    const token = makeUnsubscribeToken(PATIENT, SECRET, NOW);
    const [id, expires, signature] = token.split('.');
    const other = '00000000-0000-4000-8000-000000000000';
    expect(checkUnsubscribeToken(`${other}.${expires}.${signature}`, SECRET, NOW)).toEqual({ valid: false, reason: 'forged' });
    expect(checkUnsubscribeToken(`${id}.${Number(expires) + 86_400}.${signature}`, SECRET, NOW)).toEqual({
      valid: false,
      reason: 'forged',
    });
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(checkUnsubscribeToken(`${id}.${expires}.${flipped}`, SECRET, NOW)).toEqual({ valid: false, reason: 'forged' });
    expect(checkUnsubscribeToken(token, `${SECRET}x`, NOW)).toEqual({ valid: false, reason: 'forged' });
  });

  it.each(['', 'nonsense', `${PATIENT}.123`, `${PATIENT}.abc.${'a'.repeat(43)}`, `../${PATIENT}.1.${'a'.repeat(43)}`])(
    'refuses %j as malformed',
    (token) => {
      expect(checkUnsubscribeToken(token, SECRET, NOW)).toEqual({ valid: false, reason: 'malformed' });
    },
  );
});
