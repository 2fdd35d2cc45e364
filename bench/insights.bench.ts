// npm run bench:insights: latency of GET /v1/insights over a clinic with BENCH_FOLLOWUPS (default
// 100,000) follow-ups spread over the last year, beside the plain GET /v1/followups list (the
// baseline) in the same run and on the same data (bench/lib/insights-latency.ts). In-memory PGlite,
// plus PostgreSQL on a fresh database when BENCH_DATABASE_URL (postgres://…) is set (BENCH_PGLITE=0:
// that one alone). `npm run bench` makes the 30-day part of it on PostgreSQL.
import 'reflect-metadata';
import { openDatabase } from '@app/shared';
import { createPostgresDatabase } from '../test/support/services.js';
import { measureInsights } from './lib/insights-latency.js';

const FOLLOWUPS = Number(process.env.BENCH_FOLLOWUPS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const run = (name: string, database: Parameters<typeof measureInsights>[1]) =>
  measureInsights(name, database, { followups: FOLLOWUPS, requests: REQUESTS, full: true });

console.log(
  `insights bench: ${FOLLOWUPS} follow-ups for the clinic asked about (+${FOLLOWUPS / 2} for another), ${REQUESTS} requests each, one at a time`,
);
if (process.env.BENCH_PGLITE !== '0') {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    await run('PGlite (in memory)', pglite);
  } finally {
    await pglite.close();
  }
}
if (process.env.BENCH_DATABASE_URL) {
  const created = await createPostgresDatabase(process.env.BENCH_DATABASE_URL);
  const postgres = await openDatabase({ url: created.url, dataDir: 'unused' });
  try {
    await run('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept for a closer look: ${created.url}`);
    else await created.drop();
  }
}
process.exit(0);
