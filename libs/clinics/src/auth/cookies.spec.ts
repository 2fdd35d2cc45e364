import { parseCookies, sessionCookie } from './cookies.js';
import { isSameOrigin } from './same-origin.js';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict and site-wide; Secure only when asked', () => {
    expect(sessionCookie('abc', false)).toBe('cc_session=abc; HttpOnly; SameSite=Strict; Path=/');
    expect(sessionCookie('abc', true)).toBe('cc_session=abc; HttpOnly; SameSite=Strict; Path=/; Secure');
    expect(sessionCookie(null, true)).toBe('cc_session=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/; Secure');
  });

  it('reads the first value of each cookie and skips malformed ones', () => {
    const cookies = parseCookies('theme=dark; cc_session=tok%2Den; broken; cc_session=second; bad=%E0%A4%A');
    expect(cookies.get('cc_session')).toBe('tok-en');
    expect(cookies.get('theme')).toBe('dark');
    expect(cookies.has('bad')).toBe(false);
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('same origin', () => {
  it.each([
    [{ origin: 'http://localhost:3000', host: 'localhost:3000' }, true],
    [{ origin: 'https://clinic.example', host: 'clinic.example' }, true],
    [{ referer: 'http://localhost:3000/console/today', host: 'localhost:3000' }, true],
    [{ origin: 'http://evil.example', referer: 'http://localhost:3000/console', host: 'localhost:3000' }, false],
    [{ origin: 'http://localhost:3001', host: 'localhost:3000' }, false],
    [{ origin: 'null', host: 'localhost:3000' }, false],
    [{ host: 'localhost:3000' }, false],
    [{ origin: 'not a url', host: 'localhost:3000' }, false],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOrigin(headers)).toBe(expected);
  });
});
