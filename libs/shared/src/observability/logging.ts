import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LevelWithSilent } from 'pino';
import type { AppConfig } from '../config/environment.js';
import { currentService, type ServiceName } from './service-context.js';

const PINO_LEVELS: Record<AppConfig['logLevel'], LevelWithSilent> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Field names whose values are personal data or secrets, wherever they appear in a logged object.
 * Serializers below already keep headers and bodies out; this catches what code logs by mistake.
 */
const REDACTED_FIELDS = [
  'authorization',
  'cookie',
  'apiKey',
  'api_key',
  'token',
  'password',
  'secret',
  'firstName',
  'lastName',
  'name',
  'email',
  'phone',
  'to',
  'from',
  'address',
  'body',
  'text',
  'html',
  'subject',
  'sms',
  'params',
  'detail',
  'parameters',
];
const REDACT_PATHS = [
  // `name` at the top is pino's own field: the service.
  ...REDACTED_FIELDS.filter((field) => field !== 'name'),
  ...REDACTED_FIELDS.map((field) => `*.${field}`),
  ...REDACTED_FIELDS.map((field) => `*.*.${field}`),
];

const EMAIL = /[^\s@<>"',;:()]+@[^\s@<>"',;:()]+\.[A-Za-z]{2,}/g;
// Numbers are stored in E.164, so a leading + tells a phone number from ids and timestamps.
const PHONE = /\+[1-9][\d\s().-]{6,18}\d/g;

// What PostgreSQL quotes back from a refused value: `invalid input syntax for type uuid: "Alex"`.
const QUOTED_VALUE = /(invalid input (?:syntax|value) for [^:]+: )"[^"]*"/gi;

/**
 * Last line of defence for free text (error messages, third-party log lines): drops query
 * parameters a failed SQL statement prints and values PostgreSQL quotes back, and masks anything
 * shaped like an address or a number.
 */
export function scrubText(text: string): string {
  return text
    .replace(/\bparams:[\s\S]*$/i, 'params: [redacted]')
    .replace(QUOTED_VALUE, '$1[value]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
}

// The same rules applied to a serialized JSON line: a match never crosses a `"`, so the line
// stays valid JSON. `params:` runs to the end of its JSON string (escaped characters included).
const JSON_PARAMS = /params: (?:[^"\\]|\\.)*/gi;
const JSON_QUOTED_VALUE = /(invalid input (?:syntax|value) for [^:"]+: )\\"(?:[^"\\]|\\[^"])*\\"/gi;

/**
 * Scrubs a finished log line, whatever put the text there: pino copies an error's raw message
 * into `msg`, and libraries log objects this code never sees. Runs on every line before it is
 * written (JSON, or handed to pino-pretty in development).
 */
export function scrubLogLine(line: string): string {
  return line
    .replace(JSON_PARAMS, 'params: [redacted]')
    .replace(JSON_QUOTED_VALUE, '$1[value]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
}

/** The path without query values, and without the tokens some paths carry (unsubscribe links). */
export function loggablePath(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?', 2);
  const safePath = path.replace(/^(\/unsubscribe\/)[^/]+/, '$1[token]');
  if (!query) return safePath;
  const keys = query
    .split('&')
    .map((pair) => pair.split('=')[0])
    .filter(Boolean);
  return `${safePath}?${keys.map((key) => `${key}=…`).join('&')}`;
}

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** pino-pretty is a development dependency: a production image without it logs JSON. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON lines through pino (one per request with its id, method, path, status and duration; job
 * and follow-up ids from the workers), human-readable in development only. Names, numbers,
 * addresses, message bodies, headers and tokens stay out.
 */
export function loggerModule(config: AppConfig, service: ServiceName): DynamicModule {
  const pretty = config.env === 'development' && prettyAvailable();
  return LoggerModule.forRoot({
    pinoHttp: {
      level: PINO_LEVELS[config.logLevel],
      // nestjs-pino keeps one root logger per process, shared by both services under `npm start`:
      // each line asks which service's work it belongs to (service-context.ts).
      mixin: () => ({ service: currentService() ?? service }),
      genReqId: requestId,
      // A client's mistake (4xx) is routine; only the service's own failures are errors.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => /^\/(health|metrics)\b/.test(req.url ?? '') },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: (error: Error & { code?: unknown }) => ({ type: error.name, message: scrubText(error.message ?? ''), code: error.code }),
      },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
        },
        streamWrite: scrubLogLine,
      },
      transport: pretty
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }
        : undefined,
    },
  });
}
