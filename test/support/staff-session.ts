/**
 * A browser's view of the scheduler: signs in with email and password, keeps the session cookie,
 * and sends what the console sends on a change (same Origin, X-CSRF-Token).
 */
export class StaffBrowser {
  cookie?: string;
  csrfToken?: string;
  setCookie?: string;

  constructor(readonly baseUrl: string) {}

  async signIn(email: string, password: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.baseUrl}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.baseUrl },
      body: JSON.stringify({ email, password }),
    });
    const body: any = await response.json().catch(() => undefined);
    this.setCookie = response.headers.get('set-cookie') ?? undefined;
    if (response.ok) {
      this.cookie = this.setCookie!.split(';')[0];
      this.csrfToken = body.csrfToken;
    }
    return { status: response.status, body };
  }

  /** A request as the console makes it; `headers` can take away or replace what it sends. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string | undefined> = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const sent: Record<string, string> = {};
    const all: Record<string, string | undefined> = {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(this.cookie && { cookie: this.cookie }),
      ...(method !== 'GET' && { origin: this.baseUrl, 'x-csrf-token': this.csrfToken }),
      ...headers,
    };
    for (const [name, value] of Object.entries(all)) if (value !== undefined) sent[name] = value;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, headers?: Record<string, string | undefined>) {
    return this.request('POST', path, body, headers);
  }

  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }

  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }
}
