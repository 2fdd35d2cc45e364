// Delivery runs: follow-ups due at set times, a pipeline draining them through the fake providers,
// and what the providers saw (rate, lateness, duplicates) plus the statements each message cost.
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, openDatabase } from '@app/shared';
import { Redis } from 'ioredis';
import { freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from '../../test/support/services.js';
import { plantFloor, startFloor } from './floor.js';
import { analyze, committedTransactions, freshDatabase } from './postgres.js';
import { createClinic, enqueuePlanned, plantDueMessages, type QueuedRow } from './plant.js';
import type { Providers } from './providers.js';
import { clearPrefix } from './redis-footprint.js';
import { ascending, percentile, perSecond, sleep, waitUntil } from './stats.js';

export type PipelineKind = 'floor' | 'carecadence';

export interface DeliveryRun {
  label: string;
  count: number;
  /** Messages per second from the first due time (or the pipeline being ready, if later) to the last message received. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  duplicates: number;
  /** Lateness of the messages due after the run's first `settleMs` (a notifier already at the rate). */
  settled?: { p50: number; p95: number; p99: number };
  /** Database transactions committed per message while draining (each statement outside a transaction is one). */
  statementsPerMessage?: number;
  lateStart: boolean;
}

export interface RunShape {
  pipeline: PipelineKind;
  database: 'postgres' | 'pglite';
  notifiers?: number;
  count: number;
  /** 0: every message due at the same instant (a burst); otherwise spread evenly over this many ms. */
  spreadMs: number;
  /** Also report the lateness of the messages due this long after the first one, apart. */
  settleMs?: number;
  /** Another Redis than REDIS_URL (the cluster bench): the notifiers' settings, how jobs are added, what to do after. */
  redis?: RedisTarget;
}

export interface RedisTarget {
  env: Record<string, string>;
  enqueue(prefix: string, rows: QueuedRow[]): Promise<void>;
  /** Instead of deleting the run's keys from REDIS_URL. */
  afterRun(prefix: string): Promise<void>;
}

/** The build this bench runs from (dist-bench/): the services it starts are that build's. */
export const BUILD = fileURLToPath(new URL('../..', import.meta.url));

/** Settings of every service the bench starts. */
export const SERVICE_SETTINGS: Record<string, string> = {
  // Production mode, as the images run: its log level, its checks of every setting.
  NODE_ENV: 'production',
  ADMIN_TOKEN: 'bench-admin-token-0123456789',
  UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret-0123456789abcdef',
  // Pacing and caps out of the way: the bench measures the pipeline, not the senders' contracts.
  SMS_PER_SECOND: '0',
  EMAIL_PER_SECOND: '0',
  SMS_CAP_PER_DAY: '0',
  SMS_CAP_PER_WEEK: '0',
  EMAIL_CAP_PER_DAY: '0',
  EMAIL_CAP_PER_WEEK: '0',
  ...(process.env.NOTIFIER_CONCURRENCY && { NOTIFIER_CONCURRENCY: process.env.NOTIFIER_CONCURRENCY }),
  ...(process.env.LOG_LEVEL && { LOG_LEVEL: process.env.LOG_LEVEL }),
};

export const FLOOR_CONCURRENCY = Number(process.env.FLOOR_CONCURRENCY ?? 50);

// Planting speed seen so far (ms per message), so the first due time leaves room for set-up.
let plantMsPerMessage = 2;

export async function deliveryRun(providers: Providers, shape: RunShape, label: string): Promise<DeliveryRun> {
  const prefix = uniquePrefix();
  const postgres = shape.database === 'postgres' ? await freshDatabase() : undefined;
  const dataDir = tempDir('carecadence-bench-');
  const open = () => openDatabase(postgres ? { url: postgres.url, dataDir: 'unused' } : { dataDir });
  let migrated: DatabaseHandle | undefined = await open();
  const clinic = await createClinic(migrated.db);
  const stops: (() => Promise<unknown>)[] = [];
  try {
    // PGlite serves one process: the rows go in before the notifier opens it.
    const plantFirst = shape.database === 'pglite';
    const start = async () => {
      if (shape.pipeline === 'floor') {
        const floor = await startFloor({
          FLOOR_DATABASE_URL: postgres!.url,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          FLOOR_CONCURRENCY: String(FLOOR_CONCURRENCY),
          ...providers.env(),
        });
        stops.push(() => floor.stop());
        return;
      }
      for (let i = 0; i < (shape.notifiers ?? 1); i++) {
        const port = String(await freePort());
        const notifier = new ServiceProcess(
          'notifier',
          {
            ...SERVICE_SETTINGS,
            ...providers.env(),
            ...(shape.redis?.env ?? { REDIS_URL }),
            QUEUE_PREFIX: prefix,
            NOTIFIER_PORT: port,
            PUBLIC_URL: `http://127.0.0.1:${port}`,
            ...(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: dataDir }),
          },
          BUILD,
        );
        stops.push(() => notifier.stop());
        await notifier.start(`http://127.0.0.1:${port}/health/ready`, 60_000);
      }
    };
    if (!plantFirst) {
      await migrated.close();
      migrated = undefined;
      await start();
    }

    const lead = Math.max(2_000, shape.count * plantMsPerMessage * 1.5 + 1_000) + (plantFirst ? 15_000 : 0);
    const firstDue = Date.now() + lead;
    const sendAt = (i: number) => new Date(firstDue + (shape.spreadMs * i) / shape.count);
    const plantStarted = Date.now();
    const handle = migrated ?? (await open());
    migrated = undefined;
    const planted = await plantRows(shape, sendAt, prefix, postgres?.url, handle, clinic.id);
    plantMsPerMessage = Math.max(plantMsPerMessage * 0.5, (Date.now() - plantStarted) / shape.count);
    if (postgres) await analyze(postgres.url);
    if (plantFirst) await start();
    const readyAt = Date.now();
    const lateStart = readyAt > firstDue;
    if (lateStart) console.warn(`bench: ${label}: set-up ran ${readyAt - firstDue} ms past the first due time; lateness includes it`);
    const afterPlanting = postgres && (await committedTransactions(postgres.url));

    await waitUntil(() => providers.count >= shape.count, `${label}: ${shape.count} messages`, 600_000);
    // Anything sent twice arrives within moments of the first copy.
    await sleep(500);
    for (const stop of stops.splice(0)) await stop();
    const after = postgres && (await committedTransactions(postgres.url));

    const received = providers.received();
    const lateness = ascending(received.map((r) => r.at - planted.get(r.to)!));
    const settleFrom = firstDue + (shape.settleMs ?? 0);
    const settled = shape.settleMs
      ? ascending(received.filter((r) => planted.get(r.to)! >= settleFrom).map((r) => r.at - planted.get(r.to)!))
      : undefined;
    const last = Math.max(...received.map((r) => r.at));
    return {
      label,
      count: shape.count,
      rate: perSecond(shape.count, last - Math.max(firstDue, readyAt)),
      p50: percentile(lateness, 50),
      p95: percentile(lateness, 95),
      p99: percentile(lateness, 99),
      duplicates: received.length - new Set(received.map((r) => r.to)).size,
      settled: settled && { p50: percentile(settled, 50), p95: percentile(settled, 95), p99: percentile(settled, 99) },
      statementsPerMessage: postgres ? (after! - afterPlanting! - 2) / shape.count : undefined,
      lateStart,
    };
  } finally {
    for (const stop of stops) await stop();
    await migrated?.close();
    await postgres?.drop();
    if (shape.redis) {
      await shape.redis.afterRun(prefix);
    } else {
      const redis = new Redis(REDIS_URL);
      await clearPrefix(redis, prefix);
      redis.disconnect();
    }
    providers.reset();
  }
}

/** Plants the rows and their jobs on a handle it closes, so its statements are counted before the run. */
async function plantRows(
  shape: RunShape,
  sendAt: (i: number) => Date,
  prefix: string,
  postgresUrl: string | undefined,
  handle: DatabaseHandle,
  clinicId: string,
): Promise<Map<string, number>> {
  try {
    if (shape.pipeline === 'floor') {
      const messages = Array.from({ length: shape.count }, (_, i) => ({
        channel: i % 2 === 0 ? ('email' as const) : ('sms' as const),
        recipient: i % 2 === 0 ? `p${i}@bench.test` : `+1555${String(i).padStart(7, '0')}`,
        sendAt: sendAt(i),
      }));
      await plantFloor(postgresUrl!, REDIS_URL, prefix, messages);
      return new Map(messages.map((m) => [m.recipient, m.sendAt.getTime()]));
    }
    const [clinic] = await handle.db.query.clinics.findMany({ where: (c, { eq }) => eq(c.id, clinicId) });
    const { rows, dueAt } = await plantDueMessages(handle.db, clinic, shape.count, sendAt);
    await (shape.redis ? shape.redis.enqueue(prefix, rows) : enqueuePlanned(REDIS_URL, prefix, rows));
    return dueAt;
  } finally {
    await handle.close();
  }
}
