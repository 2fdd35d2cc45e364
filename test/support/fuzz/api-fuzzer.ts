import { randomBytes } from 'node:crypto';
import { maxHeaderSize } from 'node:http';
import fc from 'fast-check';
import twilio from 'twilio';
import { HOSTILE_RAW_BODIES, HOSTILE_SEGMENTS, HOSTILE_STRINGS } from './hostile-corpus.js';
import { arbitraryFor, type Components, resolve, type Schema } from './schema-arbitrary.js';

/** The running services a fuzz run aims at, and the valid credentials and ids it may use. */
export interface FuzzTarget {
  schedulerUrl: string;
  notifierUrl: string;
  /** PUBLIC_URL of the notifier: what Twilio signatures cover. */
  publicUrl: string;
  adminToken: string;
  clinicKeys: string[];
  twilioAuthToken: string;
  /** Ids that exist, so some requests reach the code behind the 404s. */
  ids: string[];
  serviceTypes: string[];
  phones: string[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The OpenAPI operation, e.g. `POST /v1/patients`. */
  operation: string;
}

export interface FuzzFailure {
  operation: string;
  request: string;
  status: number | string;
  ms: number;
}

export interface FuzzReport {
  requests: number;
  errors5xx: number;
  slow: number;
  failures: FuzzFailure[];
  statuses: Record<string, number>;
  operations: number;
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Components };
}

type Auth = 'clinic' | 'admin' | 'none' | 'garbage';
type RequestBody = { body?: string | Buffer; headers: Record<string, string> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Percent-encodes any string, lone surrogates included (as the bytes a client would send). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

function authHeader(auth: Auth, target: FuzzTarget, clinicIndex: number): Record<string, string> {
  switch (auth) {
    case 'clinic':
      return { authorization: `Bearer ${target.clinicKeys[clinicIndex % target.clinicKeys.length]}` };
    case 'admin':
      return { authorization: `Bearer ${target.adminToken}` };
    case 'garbage':
      return { authorization: 'Bearer \u00ffnot-a-key \u00e9' };
    default:
      return {};
  }
}

function pathValue(name: string, schema: Schema | undefined, target: FuzzTarget, components: Components): fc.Arbitrary<string> {
  const known =
    name === 'serviceType'
      ? fc.constantFrom(...target.serviceTypes)
      : /id$/i.test(name)
        ? fc.constantFrom(...target.ids)
        : arbitraryFor(schema ?? { type: 'string' }, components).map<string>(String);
  return fc.oneof(
    { arbitrary: known.map(encode), weight: 6 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encode), weight: 1 },
  );
}

function queryString(parameters: OpenApiParameter[], target: FuzzTarget, components: Components): fc.Arbitrary<string> {
  const pairs = parameters
    .filter((p) => p.in === 'query')
    .map((p) => {
      const value = /id$/i.test(p.name)
        ? fc.oneof(fc.constantFrom(...target.ids), arbitraryFor(p.schema ?? {}, components))
        : arbitraryFor(p.schema ?? { type: 'string' }, components);
      // A repeated key arrives as an array, which no single-valued parameter expects.
      return fc.option(
        fc.array(value, { minLength: 1, maxLength: 2 }).map((values) => values.map((v) => [p.name, v] as const)),
        { freq: 2 },
      );
    });
  const unknown = fc.option(fc.constantFrom(['x', '1'] as const, ['limit[]', '1'] as const, ['__proto__', 'a'] as const), { freq: 8 });
  return fc.tuple(fc.tuple(...pairs), unknown).map(([chosen, extra]) => {
    const all = [...chosen.flat().filter((pair): pair is readonly [string, unknown] => pair !== null), ...(extra ? [extra] : [])];
    if (all.length === 0) return '';
    const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
    return `?${all.map(([k, v]) => `${encode(k)}=${encode(text(v))}`).join('&')}`;
  });
}

/** Every operation of the scheduler's OpenAPI document as an arbitrary of requests. */
export function schedulerRequests(
  document: OpenApiDocument,
  target: FuzzTarget,
): { operation: string; requests: fc.Arbitrary<FuzzRequest> }[] {
  const components = document.components?.schemas ?? {};
  const operations: { operation: string; requests: fc.Arbitrary<FuzzRequest> }[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = op.parameters ?? [];
      const pathParams = parameters.filter((p) => p.in === 'path');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const pathArb = fc
        .tuple(...pathParams.map((p) => pathValue(p.name, p.schema, target, components)))
        .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]), path));
      const body: fc.Arbitrary<RequestBody> = fc.oneof(
        {
          arbitrary: (bodySchema ? arbitraryFor(resolve(bodySchema, components), components) : fc.constant(undefined)).map(
            (value): RequestBody => ({
              body: value === undefined ? undefined : JSON.stringify(value),
              headers: value === undefined ? {} : { 'content-type': 'application/json' },
            }),
          ),
          weight: 10,
        },
        {
          arbitrary: fc.constantFrom(...HOSTILE_RAW_BODIES).map((raw): RequestBody => ({
            body: raw.body,
            headers: { ...(raw.contentType ? { 'content-type': raw.contentType } : {}), ...raw.headers },
          })),
          weight: 1,
        },
      );
      const auth = fc.oneof(
        { arbitrary: fc.constant<Auth>('clinic'), weight: 8 },
        { arbitrary: fc.constant<Auth>('admin'), weight: 2 },
        { arbitrary: fc.constant<Auth>('none'), weight: 1 },
        { arbitrary: fc.constant<Auth>('garbage'), weight: 1 },
      );
      const idempotencyKey = fc.option(
        fc.oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2'), fc.string({ maxLength: 300 }), fc.constantFrom('\u00e9', ' ', 'a\tb')),
        { freq: 6 },
      );
      const operation = `${method.toUpperCase()} ${path}`;
      operations.push({
        operation,
        requests: fc
          .record({ path: pathArb, query: queryString(parameters, target, components), body, auth, clinic: fc.nat(3), idempotencyKey })
          .map(({ path: url, query, body: b, auth: a, clinic, idempotencyKey: key }) => {
            const headers: Record<string, string> = { ...authHeader(a, target, clinic), ...b.headers };
            // fetch refuses header values outside Latin-1; the server's rules for the rest are what is tested.
            if (key !== null && /^[\x20-\xff]*$/.test(key)) headers['idempotency-key'] = key;
            return {
              operation,
              method: method.toUpperCase(),
              url: `${target.schedulerUrl}${url}${query}`,
              headers,
              body: method === 'get' ? undefined : b.body,
            };
          }),
      });
    }
  }
  return operations;
}

/** The notifier's public routes (not in the scheduler's document): Twilio webhooks, signed or not, and unsubscribe links. */
export function notifierRequests(target: FuzzTarget): { operation: string; requests: fc.Arbitrary<FuzzRequest> }[] {
  const text: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom('STOP', 'START', 'HELP', 'YES', '1', '5', 'stop.', ' Cancel '),
    fc.string(),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
  const field = (value: fc.Arbitrary<string>): fc.Arbitrary<string | null> =>
    fc.option(fc.oneof({ arbitrary: value, weight: 5 }, { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 1 }), { freq: 8 });
  const sid = fc
    .constantFrom('SM', 'MM')
    .chain((prefix) =>
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((hex: string) => prefix + hex),
    );
  const phone = fc.constantFrom(...target.phones);
  const forms = {
    inbound: fc.record({
      MessageSid: field(sid),
      From: field(phone),
      To: field(phone),
      Body: field(text),
      MessagingServiceSid: field(sid),
    }),
    status: fc.record({
      MessageSid: field(sid),
      MessageStatus: field(fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'accepted', 'read')),
      ErrorCode: field(fc.constantFrom('21610', '30003', '30007', '0', '-1')),
    }),
  };
  const webhook = (name: 'inbound' | 'status') => {
    const path = `/webhooks/twilio/${name}`;
    return {
      operation: `POST ${path}`,
      requests: fc.tuple(forms[name], fc.constantFrom('signed', 'signed', 'signed', 'unsigned', 'forged')).map(([form, signing]) => {
        const params = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== null));
        const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
        // Values that are not well-formed UTF-16 cannot be signed the way Twilio would; they go unsigned.
        const signable = Object.values(params).every((v) => !/[\uD800-\uDFFF]/.test(v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));
        if (signing === 'signed' && signable) {
          headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(target.twilioAuthToken, `${target.publicUrl}${path}`, params);
        } else if (signing === 'forged') {
          headers['x-twilio-signature'] = randomBytes(20).toString('base64');
        }
        return {
          operation: `POST ${path}`,
          method: 'POST',
          url: `${target.notifierUrl}${path}`,
          headers,
          body: new URLSearchParams(params).toString(),
        };
      }),
    };
  };
  const unsubscribe = (method: 'GET' | 'POST') => ({
    operation: `${method} /unsubscribe/{token}`,
    requests: fc
      .oneof(
        fc.constantFrom(...HOSTILE_SEGMENTS),
        fc.string().map(encode),
        fc.tuple(fc.uuid(), fc.nat(), fc.base64String()).map((parts) => parts.join('.')),
      )
      .map((token): FuzzRequest => ({
        operation: `${method} /unsubscribe/{token}`,
        method,
        url: `${target.notifierUrl}/unsubscribe/${token}`,
        headers: method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined,
      })),
  });
  return [webhook('inbound'), webhook('status'), unsubscribe('GET'), unsubscribe('POST')];
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` ${String(request.body).slice(0, 300)}${String(request.body).length > 300 ? '…' : ''}`;
  const auth = request.headers.authorization ? ' [auth]' : '';
  return `${request.method} ${request.url.slice(0, 300)}${auth}${body}`;
}

/** About what the request line and headers of `request` weigh on the wire. */
function headerBytes(request: FuzzRequest): number {
  const headers = Object.entries(request.headers ?? {}).reduce((sum, [name, value]) => sum + name.length + String(value).length + 4, 0);
  return Buffer.byteLength(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search} HTTP/1.1\r\n`) + headers;
}

/**
 * Sends `total` generated requests, spread evenly over the operations, `concurrency` at a time.
 * A response of 500 or more, or one slower than `slowMs`, is a failure; so is a request that
 * gets no answer at all.
 */
export async function fuzz(
  operations: { operation: string; requests: fc.Arbitrary<FuzzRequest> }[],
  options: { total: number; seed: number; concurrency: number; slowMs: number; timeoutMs?: number },
): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, errors5xx: 0, slow: 0, failures: [], statuses: {}, operations: operations.length };
  const perOperation = Math.ceil(options.total / operations.length);
  // Generated in small batches per operation, round robin, so every operation is covered early.
  const batches = operations.map((op, index) => ({ op, index, generated: 0, queue: [] as FuzzRequest[] }));
  let issued = 0;
  const next = (): FuzzRequest | undefined => {
    if (issued >= options.total) return undefined;
    const batch = batches[issued % batches.length];
    issued++;
    if (batch.queue.length === 0) {
      const size = Math.min(50, perOperation - batch.generated) || 50;
      batch.queue = fc.sample(batch.op.requests, { numRuns: size, seed: options.seed + batch.index * 7_919 + batch.generated });
      batch.generated += size;
    }
    return batch.queue.shift();
  };
  const send = async (request: FuzzRequest) => {
    const started = performance.now();
    let status: number | string;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'timeout' : `no answer (${(error as Error).message})`;
      // A request line and headers past Node's limit are refused by its HTTP parser before any of
      // the services' code runs: a 431 and the connection closed at once, which a client still
      // uploading a large body often sees as a reset. That is Node's answer, not the services'.
      if (status !== 'timeout' && headerBytes(request) > maxHeaderSize) status = 431;
    }
    const ms = Math.round(performance.now() - started);
    report.requests++;
    const key = typeof status === 'number' ? String(status) : 'none';
    report.statuses[key] = (report.statuses[key] ?? 0) + 1;
    const failed = typeof status !== 'number' || status >= 500;
    if (failed) report.errors5xx++;
    if (ms > options.slowMs) report.slow++;
    if ((failed || ms > options.slowMs) && report.failures.length < 50) {
      report.failures.push({ operation: request.operation, request: describeRequest(request), status, ms });
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let request = next(); request; request = next()) await send(request);
    }),
  );
  return report;
}

export function summary(report: FuzzReport): string {
  return `fuzz: requests=${report.requests} errors_5xx=${report.errors5xx} slow=${report.slow}`;
}
