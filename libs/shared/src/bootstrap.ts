import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type AppConfig, ConfigError, loadConfig } from './config/environment.js';
import { openDatabase, type DatabaseHandle } from './database/database.js';
import { checkRedis, redactedUrl } from './redis/redis.js';

/** Stops the process with one line on stderr: what is wrong and what to do. */
export function fail(line: string): never {
  process.stderr.write(`carecadence: ${line}\n`);
  process.exit(1);
}

/** Settings, Redis and the database, checked in that order before any Nest module starts. */
export async function prepare(service: string): Promise<{ config: AppConfig; database: DatabaseHandle }> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`${service} cannot start: ${error.message}`);
    throw error;
  }
  if (!config.adminToken && config.env === 'development') {
    // A laptop run without ADMIN_TOKEN gets a token for this run only, printed once by the entry point.
    config = { ...config, adminToken: `dev-${randomBytes(18).toString('base64url')}`, adminTokenGenerated: true };
  }
  try {
    const { maxmemoryPolicy } = await checkRedis(config.redisUrl);
    const warning = evictionWarning(maxmemoryPolicy, redactedUrl(config.redisUrl));
    if (warning) process.stderr.write(`carecadence: ${warning}\n`);
  } catch (error) {
    fail(
      `${service} cannot start: Redis at ${redactedUrl(config.redisUrl)} does not answer (${(error as Error).message}). ` +
        'Start one with `docker compose up -d redis` (or `redis-server`), or set REDIS_URL.',
    );
  }
  if (!config.databaseUrl) lockDataDir(config.dataDir, service);
  try {
    const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    return { config, database };
  } catch (error) {
    fail(`${service} cannot start: the database did not open (${(error as Error).message}). Check DATABASE_URL or DATA_DIR.`);
  }
}

/**
 * BullMQ keeps every queued follow-up job as Redis keys: a Redis that evicts keys under memory
 * pressure silently drops jobs. Undefined when the policy is safe (or could not be read).
 */
export function evictionWarning(policy: string | undefined, redisUrl: string): string | undefined {
  if (!policy || policy === 'noeviction') return undefined;
  return (
    `warning: Redis at ${redisUrl} has maxmemory-policy ${policy}: when memory runs out it deletes keys, queued follow-up jobs included. ` +
    'Set maxmemory-policy noeviction (redis-server --maxmemory-policy noeviction, or CONFIG SET maxmemory-policy noeviction).'
  );
}

/**
 * Embedded PGlite serves one process. A lock file in DATA_DIR turns a second process on the same
 * directory into a clear message instead of a corrupted database.
 */
function lockDataDir(dataDir: string, service: string): void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.once('exit', () => rmSync(lockPath, { force: true }));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        fail(
          `${service} cannot start: DATA_DIR ${dataDir} is in use by process ${holder}. Embedded PGlite serves one process: ` +
            'run both services together with `npm start`, or set DATABASE_URL to share PostgreSQL.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On SIGTERM or SIGINT: run the closers in order (stop taking work, finish what is in hand, close
 * the database) and exit 0; exit 1 if that takes longer than `graceMs`.
 */
export function closeOnSignal(closers: (() => Promise<unknown>)[], graceMs = 25_000): void {
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => {
      process.stderr.write(`carecadence: shutdown took longer than ${graceMs} ms; exiting\n`);
      process.exit(1);
    }, graceMs).unref();
    for (const closer of closers) await closer();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
