/** The staff session cookie: HttpOnly (no script reads it), SameSite=Strict, whole site. */
export const SESSION_COOKIE = 'cc_session';

/** Cookie header → name/value pairs; malformed pairs are ignored, as browsers do. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    const raw = part.slice(separator + 1).trim();
    if (!cookies.has(name)) {
      try {
        cookies.set(name, decodeURIComponent(raw));
      } catch {
        // not percent-encoded properly: not one of ours
      }
    }
  }
  return cookies;
}

/** The Set-Cookie value for a session token; `null` clears the cookie (sign-out). */
export function sessionCookie(token: string | null, secure: boolean): string {
  const attributes = ['HttpOnly', 'SameSite=Strict', 'Path=/', ...(secure ? ['Secure'] : [])];
  if (token === null) return [`${SESSION_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ');
  return [`${SESSION_COOKIE}=${token}`, ...attributes].join('; ');
}
