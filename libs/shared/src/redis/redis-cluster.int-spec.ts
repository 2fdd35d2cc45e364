import { Queue, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { firstValueFrom, timeout } from 'rxjs';
import { RedisCluster } from '../../../../test/support/redis-cluster.js';
import { eventually, uniquePrefix } from '../../../../test/support/services.js';
import { within } from '../health/indicators.js';
import { RedisRoundTrip } from '../health/redis-probe.js';
import { PrefixedRedisClient, PrefixedRedisServer, transportEndpoint } from '../transport/prefixed-redis.js';
import { checkRedis, createRedisClient, isCluster, queueConnection, type RedisSettings } from './redis.js';

describe('every Redis user on a Redis Cluster (three masters, three replicas)', () => {
  const cluster = new RedisCluster();
  let settings: RedisSettings;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    await cluster.start();
    settings = { redisUrl: 'redis://127.0.0.1:6379', redisClusterNodes: cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })) };
  }, 90_000);

  afterAll(() => cluster.stop());

  it('reads the eviction policy of every master at start', async () => {
    const policies = await checkRedis(settings);
    expect(policies).toHaveLength(3);
    expect(policies.map((p) => p.maxmemoryPolicy)).toEqual(['noeviction', 'noeviction', 'noeviction']);
    expect(new Set(policies.map((p) => p.node)).size).toBe(3);
  });

  it('connects through the Cluster client, which routes keys of different hash tags to different masters', async () => {
    const client = createRedisClient(settings);
    expect(isCluster(client)).toBe(true);
    const keys = Array.from({ length: 30 }, (_, i) => `{${prefix.slice(1, -1)}-${i}}:probe`);
    for (const key of keys) await client.set(key, '1', 'PX', 60_000);
    const owners = new Set(await Promise.all(keys.map((key) => cluster.masterOf(key))));
    expect(owners.size).toBe(3);
    client.disconnect();
  });

  it('runs BullMQ queues and workers, answers requests over pub/sub, and survives kill -9 of the master holding them', async () => {
    const connection = queueConnection(settings);
    const queue = new Queue('followups', { connection, prefix });
    const done: string[] = [];
    const worker = new Worker('followups', async (job) => void done.push(job.id!), { connection, prefix, concurrency: 4 });
    worker.on('error', () => undefined);
    queue.on('error', () => undefined);

    const server = new PrefixedRedisServer({ ...transportEndpoint(settings), channelPrefix: prefix, retryAttempts: 1000, retryDelay: 500 });
    server.addHandler('echo', async (data: { n: number }) => ({ n: data.n }));
    await new Promise<void>((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the Redis client raised, as it is
      void server.listen((error?: unknown) => (error ? reject(error) : resolve()));
    });
    const client = new PrefixedRedisClient({ ...transportEndpoint(settings), channelPrefix: prefix, retryAttempts: 1000, retryDelay: 500 });
    await client.connect();
    const probe = new RedisRoundTrip(settings, prefix);

    try {
      await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'send', data: {}, opts: { jobId: `before-${i}` } })));
      await eventually(async () => done.length === 20, '20 jobs done before the failover');
      // Pub/sub keeps nothing: a question published before both sides' SUBSCRIBE reached their node is
      // lost, so the first answer is awaited by asking again; a transport that never answers still fails.
      const firstAnswer = await eventually(
        () => firstValueFrom(client.send('echo', { n: 1 }).pipe(timeout(3000))).catch(() => undefined),
        'a first answer over pub/sub',
        30_000,
      );
      expect(firstAnswer).toEqual({ n: 1 });
      await expect(probe.roundTrip()).resolves.toEqual({ cluster_state: 'ok', masters: 3 });

      const victim = await cluster.masterOf(`${prefix}:followups:wait`);
      await cluster.kill(victim);
      await cluster.waitForState('fail', 30_000).catch(() => undefined);
      await expect(within(probe.roundTrip())).rejects.toThrow();

      await cluster.waitForState('ok', 60_000);
      const promoted = await cluster.masterOf(`${prefix}:followups:wait`);
      expect(promoted).not.toBe(victim);
      await eventually(
        () =>
          within(probe.roundTrip()).then(
            () => true,
            () => false,
          ),
        'readiness back after the failover',
        30_000,
      );
      await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'send', data: {}, opts: { jobId: `after-${i}` } })));
      await eventually(async () => done.length === 40, '20 more jobs done on the promoted replica', 60_000);
      expect(new Set(done).size).toBe(40);
      const answer = await eventually(
        () =>
          firstValueFrom(client.send('echo', { n: 2 }).pipe(timeout(2000))).then(
            (a: { n: number }) => a,
            () => undefined,
          ),
        'an answer over pub/sub after the failover',
        30_000,
      );
      expect(answer).toEqual({ n: 2 });
    } finally {
      probe.close();
      await client.close();
      await server.close();
      await worker.close();
      await queue.close();
      if (connection instanceof Cluster) connection.disconnect();
    }
  }, 180_000);
});
