// npm run bench:cluster [-- --quick] [-- --partitions N]   (not in CI; run it with `nice -n 10`)
//
// Delivery on a local Redis Cluster (three masters, three replicas: test/support/redis-cluster.ts)
// with the follow-ups queue split into partitions, against the same PostgreSQL, SMTP server and
// Twilio fake as `npm run bench`, pacing and caps off: a burst with one and with two notifier
// processes, and as the baseline of the same run one notifier on the single Redis of REDIS_URL.
// Then the Redis keys of the partitions on each master. Prints a table, writes
// bench/cluster-results.json and ends with one `bench-cluster: key=value …` line.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { followupPartitionPrefix, FollowupQueues, loadConfig, queueConnection, QueueName } from '@app/shared';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { RedisCluster } from '../test/support/redis-cluster.js';
import { type DeliveryRun, deliveryRun, type RedisTarget } from './lib/delivery-runs.js';
import type { QueuedRow } from './lib/plant.js';
import { Providers } from './lib/providers.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const burst = quick ? 1_000 : 5_000;
const partitions = Number(option('partitions') ?? 12);

const started = Date.now();
const loadAtStart = loadavg();
const progress = (what: string) =>
  console.log(`bench-cluster: ${what} (${Math.round((Date.now() - started) / 1000)} s, load ${loadavg()[0].toFixed(2)})`);

progress('starting a Redis Cluster of three masters and three replicas');
const cluster = await new RedisCluster().start();
const providers = await new Providers().start();

/** Keys of the last cluster run's partitions on each master (a run keeps its completed jobs), and how many partitions each serves. */
let keysPerMaster: number[] = [];
let partitionsPerMaster: number[] = [];

const onCluster: RedisTarget = {
  env: { REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PARTITIONS: String(partitions) },
  async enqueue(prefix: string, rows: QueuedRow[]) {
    const config = loadConfig({ REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: prefix, QUEUE_PARTITIONS: String(partitions) });
    const connection = queueConnection(config);
    const base = new Queue(QueueName.Followups, { connection, prefix });
    const queues = new FollowupQueues(base, config, connection);
    try {
      for (let i = 0; i < rows.length; i += 1000) await queues.enqueue(rows.slice(i, i + 1000));
    } finally {
      await queues.onApplicationShutdown();
      await base.close();
      if (connection instanceof Cluster) connection.disconnect();
    }
  },
  async afterRun(prefix: string) {
    const counts = await cluster.keysPerMaster(`{${prefix.slice(1, -1)}-followups-*`);
    keysPerMaster = [...counts.values()];
    const owners = await Promise.all(
      Array.from({ length: partitions }, (_, p) => cluster.masterOf(`${followupPartitionPrefix(prefix, p, partitions)}:followups:wait`)),
    );
    partitionsPerMaster = [...counts.keys()].map((port) => owners.filter((owner) => owner === port).length);
  },
};

const runs: Record<string, DeliveryRun> = {};
const shape = { pipeline: 'carecadence' as const, database: 'postgres' as const, count: burst, spreadMs: 0 };
try {
  progress(`baseline: one notifier on the single Redis of REDIS_URL, burst of ${burst}`);
  runs.single = await deliveryRun(providers, shape, 'one notifier, single Redis');
  progress(`one notifier on the cluster, ${partitions} partitions, burst of ${burst}`);
  runs.one = await deliveryRun(providers, { ...shape, redis: onCluster }, 'one notifier, cluster');
  progress(`two notifiers on the cluster, ${partitions} partitions, burst of ${burst}`);
  runs.two = await deliveryRun(providers, { ...shape, notifiers: 2, redis: onCluster }, 'two notifiers, cluster');
} finally {
  await providers.stop();
  await cluster.stop();
}

const loadAtEnd = loadavg();
const n = (v: number | undefined) => (v === undefined ? 'n/a' : v.toLocaleString('en-US', { maximumFractionDigits: 0 }));
const rows: [string, string, string][] = [
  [`burst of ${burst}: messages/s, one notifier, single Redis (baseline)`, n(runs.single?.rate), ''],
  [`burst of ${burst}: messages/s, one notifier, cluster`, n(runs.one?.rate), `baseline ${n(runs.single?.rate)}`],
  [`burst of ${burst}: messages/s, two notifiers, cluster`, n(runs.two?.rate), `one notifier ${n(runs.one?.rate)}`],
  ['  p99 lateness: single / cluster 1 / cluster 2 (ms)', `${n(runs.single?.p99)} / ${n(runs.one?.p99)} / ${n(runs.two?.p99)}`, ''],
  [
    '  duplicates: single / cluster 1 / cluster 2',
    `${n(runs.single?.duplicates)} / ${n(runs.one?.duplicates)} / ${n(runs.two?.duplicates)}`,
    '0',
  ],
  [
    '  transactions per message: single / cluster 1 / cluster 2',
    [runs.single, runs.one, runs.two].map((r) => r?.statementsPerMessage?.toFixed(1) ?? 'n/a').join(' / '),
    '',
  ],
  [`Redis keys of the ${partitions} partitions per master (after the two notifiers' burst)`, keysPerMaster.join(' / '), ''],
  ['  partitions served by each master', partitionsPerMaster.join(' / '), `about ${n(burst / partitions)} jobs per partition`],
];
const width = Math.max(...rows.map(([measure]) => measure.length));
console.log(
  `\ncarecadence on a local Redis Cluster, ${cpus().length} cores, load ${loadAtStart[0].toFixed(1)} → ${loadAtEnd[0].toFixed(1)}, ${Math.round((Date.now() - started) / 1000)} s`,
);
for (const [measure, value, baseline] of rows) console.log(`${measure.padEnd(width)}  ${value.padStart(14)}  ${baseline}`);

const results = {
  at: new Date().toISOString(),
  cores: cpus().length,
  load: { start: loadAtStart[0], end: loadAtEnd[0] },
  burst,
  partitions,
  runs,
  keysPerMaster,
  partitionsPerMaster,
};
writeFileSync(fileURLToPath(new URL('../../bench/cluster-results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `bench-cluster: single_msgs_per_s=${Math.round(runs.single?.rate ?? 0)} cluster_one_msgs_per_s=${Math.round(runs.one?.rate ?? 0)} ` +
    `cluster_two_msgs_per_s=${Math.round(runs.two?.rate ?? 0)} duplicates=${(runs.one?.duplicates ?? 0) + (runs.two?.duplicates ?? 0)} ` +
    `keys_per_master=${keysPerMaster.join(',')} partitions_per_master=${partitionsPerMaster.join(',')}`,
);
process.exit(0);
