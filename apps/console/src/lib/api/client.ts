import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The console is a typed client of the public API (docs/…: decision 12): `schema.d.ts` is generated
 * from the scheduler's OpenAPI document by `npm run console:api-types`, so a path or a field the
 * server does not have is a compile error here.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfToken: string | undefined;

/** The session's CSRF token; the server refuses a cookie-authenticated change without it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    // A session that expired while the page was open: back to the sign-in form.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/v1/session')) {
      window.dispatchEvent(new Event('carecadence:signed-out'));
    }
    return response;
  },
};
api.use(sessionHeaders);
