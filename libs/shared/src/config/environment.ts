import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, ValidateIf } from 'class-validator';
import { Type } from 'class-transformer';

/** Days, hours, minutes, seconds: durations of a fixed length (no months or years). */
const SEND_WINDOW_PATTERN = /^P(?!$)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;
const SEND_WINDOW_RULE = 'must be an ISO 8601 duration from one minute to seven days, e.g. PT15M';
const MINUTE_MS = 60_000;

/** A SEND_WINDOW that matched the pattern, in milliseconds. */
function durationMs(iso: string): number {
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso)!;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * MINUTE_MS + Number(seconds) * 1000;
}

/**
 * The one schema of settings both services read from the environment.
 * Anything invalid stops the service at start with one line naming the setting.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Matches(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'must be an address, optionally with a display name: "Clinic <care@example.com>"',
  })
  MAIL_FROM = 'carecadence <care@localhost>';

  @IsOptional()
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'must be a Twilio account SID (AC followed by 32 hex digits)' })
  TWILIO_ACCOUNT_SID?: string;

  @ValidateIf((env: EnvironmentVariables) => env.TWILIO_ACCOUNT_SID !== undefined)
  @IsString({ message: 'is required when TWILIO_ACCOUNT_SID is set' })
  @MinLength(1, { message: 'is required when TWILIO_ACCOUNT_SID is set' })
  TWILIO_AUTH_TOKEN?: string;

  @ValidateIf(
    (env: EnvironmentVariables) =>
      env.TWILIO_FROM !== undefined || (env.TWILIO_ACCOUNT_SID !== undefined && env.TWILIO_MESSAGING_SERVICE_SID === undefined),
  )
  @Matches(/^\+[1-9]\d{1,14}$/, {
    message: 'must be an E.164 number (+15551234567); set it or TWILIO_MESSAGING_SERVICE_SID when TWILIO_ACCOUNT_SID is set',
  })
  TWILIO_FROM?: string;

  @IsOptional()
  @Matches(/^MG[0-9a-fA-F]{32}$/, { message: 'must be a Messaging Service SID (MG followed by 32 hex digits)' })
  TWILIO_MESSAGING_SERVICE_SID?: string;

  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'must be an http(s) origin such as https://api.twilio.com' })
  TWILIO_API_URL = 'https://api.twilio.com';

  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3001';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  @Type(() => Number)
  @IsInt({ message: 'must be a port number' })
  @Min(1, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  SCHEDULER_PORT = 3000;

  @Type(() => Number)
  @IsInt({ message: 'must be a port number' })
  @Min(1, { message: 'must be a port number' })
  @Max(65535, { message: 'must be a port number' })
  NOTIFIER_PORT = 3001;

  @Matches(/^\{[A-Za-z0-9_-]+\}[A-Za-z0-9_-]*$/, {
    message: 'must start with a Redis Cluster hash tag such as {carecadence}',
  })
  QUEUE_PREFIX = '{carecadence}';

  /** Signs email unsubscribe links; unset, one is made up per run (a development default). */
  @IsOptional()
  @IsString({ message: 'must be at least 32 random characters that sign unsubscribe links' })
  @MinLength(32, { message: 'must be at least 32 random characters that sign unsubscribe links' })
  UNSUBSCRIBE_SECRET?: string;

  /** The most SMS segments a cadence's text may take with typical merge values. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of segments between 1 and 10' })
  @Min(1, { message: 'must be a whole number of segments between 1 and 10' })
  @Max(10, { message: 'must be a whole number of segments between 1 and 10' })
  SMS_SEGMENT_LIMIT = 2;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 50' })
  @Min(1, { message: 'must be a whole number from 1 to 50' })
  @Max(50, { message: 'must be a whole number from 1 to 50' })
  DELIVERY_ATTEMPTS = 8;

  @Type(() => Number)
  @IsInt({ message: 'must be a number of milliseconds' })
  @Min(1, { message: 'must be a number of milliseconds' })
  DELIVERY_BACKOFF_MS = 5_000;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of messages per second (0 means no limit)' })
  @Min(0, { message: 'must be a whole number of messages per second (0 means no limit)' })
  SMS_PER_SECOND = 1;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of messages per second (0 means no limit)' })
  @Min(0, { message: 'must be a whole number of messages per second (0 means no limit)' })
  EMAIL_PER_SECOND = 10;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number (0 means no limit)' })
  @Min(0, { message: 'must be a whole number (0 means no limit)' })
  SMS_CAP_PER_DAY = 1;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number (0 means no limit)' })
  @Min(0, { message: 'must be a whole number (0 means no limit)' })
  SMS_CAP_PER_WEEK = 3;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number (0 means no limit)' })
  @Min(0, { message: 'must be a whole number (0 means no limit)' })
  EMAIL_CAP_PER_DAY = 2;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number (0 means no limit)' })
  @Min(0, { message: 'must be a whole number (0 means no limit)' })
  EMAIL_CAP_PER_WEEK = 0;

  @Type(() => Number)
  @IsInt({ message: 'must be a number of milliseconds' })
  @Min(100, { message: 'must be at least 100 milliseconds' })
  SWEEP_INTERVAL_MS = 60_000;

  @Type(() => Number)
  @IsInt({ message: 'must be a number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000 milliseconds' })
  CLAIM_LEASE_MS = 30_000;

  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  NOTIFIER_CONCURRENCY = 16;

  /** How far ahead Redis holds follow-ups as jobs (README: Delivery guarantees, the send window). */
  @Matches(SEND_WINDOW_PATTERN, { message: SEND_WINDOW_RULE })
  SEND_WINDOW = 'PT15M';

  // No default here: unset means `log`, or `warn` under NODE_ENV=test so test output stays readable.
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @ValidateIf((env: EnvironmentVariables) => env.DASHBOARD_USER !== undefined || env.DASHBOARD_PASSWORD !== undefined)
  @Matches(/^[^:\s]+$/, { message: 'is required with DASHBOARD_PASSWORD and cannot contain ":" or spaces' })
  DASHBOARD_USER?: string;

  @ValidateIf((env: EnvironmentVariables) => env.DASHBOARD_USER !== undefined || env.DASHBOARD_PASSWORD !== undefined)
  @IsString({ message: 'is required with DASHBOARD_USER' })
  @MinLength(12, { message: 'must be at least 12 characters (and is required with DASHBOARD_USER)' })
  DASHBOARD_PASSWORD?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  ALLOW_DEVELOPMENT_DEFAULTS?: 'true' | 'false';

  /** A Redis Cluster's seed nodes; set, every Redis user connects through ioredis' Cluster client. */
  @IsOptional()
  @Matches(/^\s*[^\s,:/]+:\d{1,5}\s*(,\s*[^\s,:/]+:\d{1,5}\s*)*$/, {
    message: 'must list Redis Cluster nodes as host:port,host:port (no scheme)',
  })
  REDIS_CLUSTER_NODES?: string;

  /** How many BullMQ queues (each under its own hash tag) the follow-ups queue is split into. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of partitions from 1 to 1024' })
  @Min(1, { message: 'must be a whole number of partitions from 1 to 1024' })
  @Max(1024, { message: 'must be a whole number of partitions from 1 to 1024' })
  QUEUE_PARTITIONS = 1;

  /** The partitions this notifier consumes (a dedicated worker pool); unset means all of them. */
  @IsOptional()
  @Matches(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, {
    message: 'must list partitions as numbers and ranges, such as 0-7,12',
  })
  NOTIFIER_PARTITIONS?: string;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  apiUrl: string;
}

/** How follow-ups are delivered: retries, pacing, caps and recovery. */
export interface DeliverySettings {
  /** Tries per follow-up before it is `dead`. */
  attempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  backoffMs: number;
  /** What the configured senders allow, per channel. */
  perSecond: { sms: number; email: number };
  /** Sent messages per patient and channel; 0 means no cap. */
  caps: { sms: { day: number; week: number }; email: { day: number; week: number } };
  sweepIntervalMs: number;
  /**
   * How long a claim lasts unless its holder renews it (it does, every third of this, while the
   * send is in progress); a lapsed claim is one whose notifier died, and may be taken again.
   */
  claimLeaseMs: number;
  concurrency: number;
  /** Follow-ups due within this many ms are BullMQ jobs; later ones wait in the database. */
  sendWindowMs: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  redisUrl: string;
  /** Seed nodes of a Redis Cluster (REDIS_CLUSTER_NODES); REDIS_URL then gives only credentials and TLS. */
  redisClusterNodes?: { host: string; port: number }[];
  databaseUrl?: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  twilio?: TwilioSettings;
  publicUrl: string;
  adminToken?: string;
  /** True when no ADMIN_TOKEN was set and development made one up for this run. */
  adminTokenGenerated?: boolean;
  schedulerPort: number;
  notifierPort: number;
  queuePrefix: string;
  /** The follow-ups queue's partitions (QUEUE_PARTITIONS) and those this notifier consumes, in order. */
  queuePartitions: { count: number; consumed: number[] };
  delivery: DeliverySettings;
  unsubscribeSecret: string;
  /** True when no UNSUBSCRIBE_SECRET was set and one was made up for this run (links die with it). */
  unsubscribeSecretGenerated?: boolean;
  smsSegmentLimit: number;
  logLevel: NonNullable<EnvironmentVariables['LOG_LEVEL']>;
  /** Bearer token GET /metrics requires; unset leaves the endpoint open. */
  metricsToken?: string;
  /** Basic-auth credentials of the queue dashboard; unset turns the dashboard off. */
  dashboard?: { user: string; password: string };
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
    message = `Invalid setting ${setting}: ${reason}`,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * What production must not run on without saying so: the made-up admin token and the outbox files
 * that stand in for SMTP and Twilio on a laptop.
 */
export function developmentDefaultsInUse(
  config: Pick<AppConfig, 'adminToken' | 'smtpUrl' | 'twilio' | 'unsubscribeSecretGenerated'>,
): string[] {
  const missing: string[] = [];
  if (!config.adminToken) missing.push('ADMIN_TOKEN');
  if (!config.smtpUrl) missing.push('SMTP_URL');
  if (!config.twilio) missing.push('TWILIO_ACCOUNT_SID');
  if (config.unsubscribeSecretGenerated) missing.push('UNSUBSCRIBE_SECRET');
  return missing;
}

/** Reads and validates settings; throws a ConfigError naming the first bad one. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const present: Record<string, string> = {};
  for (const key of knownSettings()) {
    const value = source[key];
    // An empty value means "unset", as docker-compose passes `KEY=` through for blanks.
    if (value !== undefined && value.trim() !== '') present[key] = value.trim();
  }
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { stopAtFirstError: true });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(first.property, reason.replace(new RegExp(`^${first.property}\\s+`), ''));
  }
  const redisClusterNodes = env.REDIS_CLUSTER_NODES ? clusterNodes(env.REDIS_CLUSTER_NODES, env.REDIS_URL) : undefined;
  const config: AppConfig = {
    env: env.NODE_ENV,
    redisUrl: env.REDIS_URL,
    ...(redisClusterNodes && { redisClusterNodes }),
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    twilio: env.TWILIO_ACCOUNT_SID
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN!,
          from: env.TWILIO_FROM,
          messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
          apiUrl: env.TWILIO_API_URL.replace(/\/$/, ''),
        }
      : undefined,
    publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
    adminToken: env.ADMIN_TOKEN,
    schedulerPort: env.SCHEDULER_PORT,
    notifierPort: env.NOTIFIER_PORT,
    queuePrefix: env.QUEUE_PREFIX,
    queuePartitions: {
      count: env.QUEUE_PARTITIONS,
      consumed: env.NOTIFIER_PARTITIONS ? partitionList(env.NOTIFIER_PARTITIONS, env.QUEUE_PARTITIONS) : range(env.QUEUE_PARTITIONS),
    },
    delivery: {
      attempts: env.DELIVERY_ATTEMPTS,
      backoffMs: env.DELIVERY_BACKOFF_MS,
      perSecond: { sms: env.SMS_PER_SECOND, email: env.EMAIL_PER_SECOND },
      caps: {
        sms: { day: env.SMS_CAP_PER_DAY, week: env.SMS_CAP_PER_WEEK },
        email: { day: env.EMAIL_CAP_PER_DAY, week: env.EMAIL_CAP_PER_WEEK },
      },
      sweepIntervalMs: env.SWEEP_INTERVAL_MS,
      claimLeaseMs: env.CLAIM_LEASE_MS,
      concurrency: env.NOTIFIER_CONCURRENCY,
      sendWindowMs: durationMs(env.SEND_WINDOW),
    },
    unsubscribeSecret: env.UNSUBSCRIBE_SECRET ?? randomBytes(32).toString('base64url'),
    ...(env.UNSUBSCRIBE_SECRET === undefined && { unsubscribeSecretGenerated: true }),
    smsSegmentLimit: env.SMS_SEGMENT_LIMIT,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'log'),
    metricsToken: env.METRICS_TOKEN,
    dashboard: env.DASHBOARD_USER && env.DASHBOARD_PASSWORD ? { user: env.DASHBOARD_USER, password: env.DASHBOARD_PASSWORD } : undefined,
  };
  const window = config.delivery.sendWindowMs;
  if (window < MINUTE_MS || window > 7 * 24 * 60 * MINUTE_MS) throw new ConfigError('SEND_WINDOW', SEND_WINDOW_RULE);
  const missing = developmentDefaultsInUse(config);
  if (env.NODE_ENV === 'production' && env.ALLOW_DEVELOPMENT_DEFAULTS !== 'true' && missing.length > 0) {
    throw new ConfigError(
      missing[0],
      'unset in production',
      `NODE_ENV=production needs ${missing.join(', ')} (unset: ${describeDefaults(missing)}); ` +
        'set them, or ALLOW_DEVELOPMENT_DEFAULTS=true to run on development defaults on purpose',
    );
  }
  return config;
}

function clusterNodes(list: string, redisUrl: string): { host: string; port: number }[] {
  const nodes = list.split(',').map((entry) => {
    const [host, port] = entry.trim().split(':');
    return { host, port: Number(port) };
  });
  const bad = nodes.find((node) => node.port < 1 || node.port > 65535);
  if (bad) throw new ConfigError('REDIS_CLUSTER_NODES', `${bad.host}:${bad.port} is not a port number`);
  // A cluster serves database 0 only (SELECT is refused).
  if (!/^rediss?:\/\/[^/]*\/?0?$/.test(redisUrl)) {
    throw new ConfigError(
      'REDIS_URL',
      'names a database, which a Redis Cluster does not have (with REDIS_CLUSTER_NODES it gives only credentials and TLS)',
    );
  }
  return nodes;
}

function range(count: number, from = 0): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => from + i);
}

function partitionList(list: string, count: number): number[] {
  const chosen = new Set<number>();
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map((n) => Number(n.trim()));
    if (to < from || to >= count) {
      throw new ConfigError('NOTIFIER_PARTITIONS', `${part.trim()} is not within partitions 0 to ${count - 1} (QUEUE_PARTITIONS=${count})`);
    }
    for (const partition of range(to - from + 1, from)) chosen.add(partition);
  }
  return [...chosen].sort((a, b) => a - b);
}

function describeDefaults(missing: string[]): string {
  const meaning: Record<string, string> = {
    ADMIN_TOKEN: 'no clinic can be created',
    SMTP_URL: 'emails go to outbox files',
    TWILIO_ACCOUNT_SID: 'SMS go to outbox files',
    UNSUBSCRIBE_SECRET: 'unsubscribe links stop working when the notifier restarts',
  };
  return missing.map((setting) => meaning[setting]).join(', ');
}

/** The settings' names, for tooling that checks deployment files against the schema. */
export function knownSettings(): string[] {
  // Settings without a default have no own property on a fresh instance, so they are listed here.
  const withoutDefault = [
    'DATABASE_URL',
    'SMTP_URL',
    'TWILIO_ACCOUNT_SID',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_FROM',
    'TWILIO_MESSAGING_SERVICE_SID',
    'ADMIN_TOKEN',
    'UNSUBSCRIBE_SECRET',
    'LOG_LEVEL',
    'METRICS_TOKEN',
    'DASHBOARD_USER',
    'DASHBOARD_PASSWORD',
    'ALLOW_DEVELOPMENT_DEFAULTS',
    'REDIS_CLUSTER_NODES',
    'NOTIFIER_PARTITIONS',
  ];
  return [...Object.keys(new EnvironmentVariables()), ...withoutDefault];
}
