import { randomBytes } from 'node:crypto';
import { type AppConfig, ConfigError, loadConfig } from './config/environment.js';
import { DataDirInUse, lockDataDir } from './database/data-dir-lock.js';
import { openDatabase, type DatabaseHandle } from './database/database.js';
import { checkRedis, describeRedis } from './redis/redis.js';

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
    const policies = await checkRedis(config);
    const where = (node: string) => (config.redisClusterNodes ? `Redis Cluster master ${node}` : describeRedis(config));
    for (const { node, maxmemoryPolicy } of policies) {
      const warning = evictionWarning(maxmemoryPolicy, where(node));
      if (warning) process.stderr.write(`carecadence: ${warning}\n`);
    }
  } catch (error) {
    fail(
      `${service} cannot start: ${describeRedis(config)} does not answer (${(error as Error).message}). ` +
        (config.redisClusterNodes
          ? 'Check REDIS_CLUSTER_NODES and that the cluster reports cluster_state:ok (redis-cli cluster info).'
          : 'Start one with `docker compose up -d redis` (or `redis-server`), or set REDIS_URL.'),
    );
  }
  if (!config.databaseUrl) {
    try {
      await lockDataDir(config.dataDir);
    } catch (error) {
      if (!(error instanceof DataDirInUse)) throw error;
      fail(
        `${service} cannot start: DATA_DIR ${config.dataDir} is ${error.message}. Embedded PGlite serves one process: ` +
          'run both services together with `npm start`, or set DATABASE_URL to share PostgreSQL.',
      );
    }
  }
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
export function evictionWarning(policy: string | undefined, where: string): string | undefined {
  if (!policy || policy === 'noeviction') return undefined;
  return (
    `warning: ${where} has maxmemory-policy ${policy}: when memory runs out it deletes keys, queued follow-up jobs included. ` +
    'Set maxmemory-policy noeviction (redis-server --maxmemory-policy noeviction, or CONFIG SET maxmemory-policy noeviction).'
  );
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
  // close() ends the process itself (exit 0, or 1 after the grace period), so nothing awaits it.
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
}
