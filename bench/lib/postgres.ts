import pg from 'pg';
import { createPostgresDatabase } from '../../test/support/services.js';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the bench uses: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local one. */
export function postgresServer(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A database of its own for one measurement, so sizes and counters see only what the bench did. */
export async function freshDatabase(): Promise<BenchDatabase> {
  return createPostgresDatabase(postgresServer());
}

/**
 * Transactions committed in a database so far. Each statement outside an explicit transaction is
 * one, so the difference over a run, divided by the messages sent, is the statements per message.
 * The statistics collector publishes with a delay: `settle` waits for it.
 */
export async function committedTransactions(url: string, settle = true): Promise<number> {
  if (settle) await new Promise((resolve) => setTimeout(resolve, 1_200));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select xact_commit::text as n from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * Statistics for the planner on what was just planted. A production database has them; a fresh one
 * filled by the bench has none until autovacuum comes round (up to a minute later), and until then
 * PostgreSQL plans with its defaults (one steady run: 22 s to catch up from 2.3 s late without it,
 * 14 s from 1.2 s with it).
 */
export async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
