// twilio-node is CommonJS (`module.exports = TwilioSDK`); under native ESM the default import is
// that function, with RequestClient / RestException hanging off it. Named imports do not work.
import twilio from 'twilio';
// Type-only deep imports: erased at runtime, so the package's lack of an "exports" map is no issue.
import type RequestClientBase from 'twilio/lib/base/RequestClient.js';
import type * as TwilioHttpResponse from 'twilio/lib/http/response.js';
import type { TwilioSettings } from '@app/shared';
import { retryAfterMs } from './retry-after.js';

/** Where the SDK sends every 2010-04-01 API call (Messages included). */
export const TWILIO_DEFAULT_API_URL = 'https://api.twilio.com';

/**
 * Per-request timeout. The SDK default is 30 s; a hung provider must fail fast so the job
 * goes back to the queue instead of pinning a worker slot.
 */
export const TWILIO_REQUEST_TIMEOUT_MS = 10_000;

// api.twilio.com plus its edge/region forms (api.sydney.au1.twilio.com), which the SDK derives
// from TWILIO_EDGE / TWILIO_REGION: all of them must reach the configured apiUrl.
const TWILIO_API_HOST = /^api(\.[a-z0-9-]+)*\.twilio\.com$/i;

export type TwilioClient = twilio.Twilio;

export interface ApiUrlRequestClientOptions {
  /** Request (and socket) timeout in ms; defaults to TWILIO_REQUEST_TIMEOUT_MS. */
  timeout?: number;
}

/**
 * The SDK's own HTTP client (auth header, form encoding, axios, response shape) with one change:
 * requests for https://api.twilio.com are sent to `apiUrl` instead, path and query kept.
 * This is the SDK's supported extension point (`httpClient` option), so RestException parsing
 * and everything above the transport stay the SDK's.
 */
export class ApiUrlRequestClient extends twilio.RequestClient {
  private readonly target: URL | undefined;

  constructor(apiUrl: string, options: ApiUrlRequestClientOptions = {}) {
    super({
      timeout: options.timeout ?? TWILIO_REQUEST_TIMEOUT_MS,
      // Retries belong to the delivery queue (with its own backoff and attempt accounting);
      // SDK-level 429 retries would multiply attempts and hide rate limiting from it.
      autoRetry: false,
    });
    const target = new URL(apiUrl);
    this.target = target.origin === TWILIO_DEFAULT_API_URL && target.pathname === '/' ? undefined : target;
  }

  /** Maps an SDK URI onto apiUrl; URIs for other Twilio products or hosts are left alone. */
  rewriteUri(uri: string): string {
    if (!this.target) return uri;
    const source = new URL(uri);
    if (source.protocol !== 'https:' || !TWILIO_API_HOST.test(source.hostname)) return uri;
    // Keep any base path of apiUrl (e.g. a proxy mounted at /twilio) in front of the API path.
    const basePath = this.target.pathname.replace(/\/+$/, '');
    return new URL(`${basePath}${source.pathname}${source.search}`, this.target.origin).href;
  }

  /** Until when Twilio asked us to wait (epoch ms) with its last 429's Retry-After; 0 when it did not. */
  throttledUntil = 0;

  override async request<TData>(opts: RequestClientBase.RequestOptions<TData>): Promise<TwilioHttpResponse.default<TData>> {
    const response = await super.request({ ...opts, uri: this.rewriteUri(opts.uri) });
    // The SDK turns a 429 into a RestException without its headers: Retry-After is read here.
    if (response.statusCode === 429) {
      const headers = (response.headers ?? {}) as Record<string, string | string[] | undefined>;
      const wait = retryAfterMs(headers['retry-after'] ?? headers['Retry-After'], Date.now());
      if (wait) this.throttledUntil = Math.max(this.throttledUntil, Date.now() + wait);
    }
    return response;
  }
}

/**
 * A real twilio SDK client whose API calls go to `settings.apiUrl` (https://api.twilio.com in
 * production, a local fake in tests), with SDK retries off and a bounded request timeout.
 */
export function createTwilioClient(settings: TwilioSettings, options: ApiUrlRequestClientOptions = {}): TwilioClient {
  return twilio(settings.accountSid, settings.authToken, {
    httpClient: new ApiUrlRequestClient(settings.apiUrl, options),
    autoRetry: false,
    timeout: options.timeout ?? TWILIO_REQUEST_TIMEOUT_MS,
  });
}

/** Milliseconds Twilio still asks us to wait before the next request (its last 429's Retry-After). */
export function throttledFor(client: TwilioClient, now = Date.now()): number {
  const http = client.httpClient;
  return http instanceof ApiUrlRequestClient ? Math.max(0, http.throttledUntil - now) : 0;
}
