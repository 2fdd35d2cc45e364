import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { DrizzleQueryError } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The query surface both drivers share; services and repositories see only this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction on the database: passed to the owner of a table so one change spans several owners. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const logger = new Logger('Database');
const MIGRATION_LOCK = 0x63617265; // "care": the advisory lock id for migrations
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite under `dataDir`, and applies
 * the committed migrations. An in-memory PGlite (`dataDir: 'memory://'`) serves tests.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      // Waiting for a connection is bounded, so a request fails rather than hangs when none frees
      // up; keep-alive notices a connection the network dropped without a word.
      connectionTimeoutMillis: 15_000,
      keepAlive: true,
    });
    // An idle connection can be cut (database restart, failover, admin command); the pool drops it
    // and opens another on the next query. Without a listener that error would end the process.
    pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
    // A connection cut while a statement runs fails that statement, and the client also emits
    // 'error', which the pool only listens to while the client is idle: unheard, it ends the process.
    pool.on('connect', (client) => client.on('error', (error) => logger.warn(`database connection lost: ${error.message}`)));
    // Several processes may start at once (notifier replicas): one migrates, the others wait.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    pool.query = keepingQuery(pool);
    const db = drizzlePg(pool, { schema });
    db.transaction = releasingTransaction(pool);
    return { db: db as unknown as Database, driver: 'postgres', close: () => pool.end() };
  }
  let location = options.dataDir;
  if (!location.startsWith('memory://')) {
    location = join(options.dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'pglite', close: () => client.close() };
}

/**
 * `db.transaction` on the pool, with the connection always given back. drizzle-orm 0.45 sends
 * `begin` before the `try` whose `finally` releases the connection (drizzle-team/drizzle-orm#6241),
 * so a `begin` that fails (the connection died just as it was handed out) keeps the connection
 * checked out for good. In the fault-injection run, cut PostgreSQL connections used up the
 * scheduler's ten that way within minutes; every request then waited forever. Here the connection
 * is checked out, the transaction runs on it (drizzle's own begin, commit and rollback), and it
 * goes back in every case, closed if it failed below SQL (a connection error, not a refusal).
 */
function releasingTransaction(pool: pg.Pool) {
  type Run = NodePgDatabase<Schema>['transaction'];
  // One drizzle per pooled connection, made the first time it serves a transaction: with the
  // schema, making one costs about 160 µs, which a booking would otherwise pay every time.
  const onConnection = new WeakMap<pg.PoolClient, NodePgDatabase<Schema>>();
  const dbOn = (client: pg.PoolClient) => {
    let db = onConnection.get(client);
    if (!db) onConnection.set(client, (db = drizzlePg(client, { schema })));
    return db;
  };
  return <T>(work: (tx: Parameters<Parameters<Run>[0]>[0]) => Promise<T>, config?: Parameters<Run>[1]): Promise<T> =>
    onPooledConnection(pool, (client) => dbOn(client).transaction(work, config), failedBelowSql);
}

/** Runs `work` on a connection of the pool and always gives it back: closed when `suspect` says the failure left it unusable. */
async function onPooledConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  suspect: (error: unknown) => boolean,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    if (suspect(error)) broken = error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** True when a statement failed without PostgreSQL answering (no SQLSTATE): the connection is suspect. */
function failedBelowSql(error: unknown): boolean {
  return error instanceof DrizzleQueryError && !answeredByPostgres(error.cause);
}

/** PostgreSQL refused the statement (an error with a SQLSTATE): the connection is as good as before. */
function answeredByPostgres(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * `pool.query` (every statement outside a transaction) that keeps its connection when PostgreSQL
 * refused the statement. pg-pool closes the connection after any failed query, and some fail by
 * design: the claim of a follow-up whose patient has another in flight meets the one-send-per-
 * patient index. A notifier draining a backlog of texts two per patient (the fault-injection run)
 * opened a new connection for most claims and sent about 15 messages a second. A statement that
 * failed below SQL still closes its connection. Callback calls keep pg-pool's own behaviour.
 */
function keepingQuery(pool: pg.Pool): pg.Pool['query'] {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const keeping = (config: unknown, values?: unknown, callback?: unknown): unknown => {
    if (typeof values === 'function' || typeof callback === 'function') return query(config, values, callback);
    return onPooledConnection(
      pool,
      (client) => client.query(config as pg.QueryConfig, values as unknown[] | undefined),
      (error) => !answeredByPostgres(error),
    );
  };
  return keeping as pg.Pool['query'];
}
