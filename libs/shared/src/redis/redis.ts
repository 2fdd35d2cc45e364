import { Cluster, Redis, type RedisOptions } from 'ioredis';

export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: object;
}

/** Where Redis is: one server (`REDIS_URL`), or a Redis Cluster's seed nodes (`REDIS_CLUSTER_NODES`). */
export interface RedisSettings {
  redisUrl: string;
  redisClusterNodes?: { host: string; port: number }[];
}

/** A connection to either: ioredis' `Redis`, or its `Cluster` client, which routes each key to its slot's master. */
export type RedisClient = Redis | Cluster;

/** How a connection behaves while Redis is away, whichever client carries it. */
export interface ConnectionBehaviour {
  lazyConnect?: boolean;
  enableOfflineQueue?: boolean;
  maxRetriesPerRequest?: number | null;
  connectTimeout?: number;
  /** Delay before the next reconnection attempt; `null` gives up. */
  retryStrategy?: (times: number) => number | null;
}

/** Connection options from a redis:// or rediss:// URL, as ioredis, BullMQ and the Redis transport take them. */
export function redisOptionsFromUrl(url: string): RedisEndpoint {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** The options every node of a cluster is reached with: REDIS_URL's credentials and TLS. */
export function clusterNodeOptions(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const { username, password, tls } = redisOptionsFromUrl(url);
  return definedOnly({ username, password, tls });
}

/**
 * A new connection to the configured Redis: a `Cluster` client when REDIS_CLUSTER_NODES is set
 * (reconnection then belongs to the cluster client, which re-reads the slot map after a failover),
 * else a plain `Redis` client.
 */
export function createRedisClient(settings: RedisSettings, behaviour: ConnectionBehaviour = {}): RedisClient {
  if (!settings.redisClusterNodes) return new Redis({ ...redisOptionsFromUrl(settings.redisUrl), ...definedOnly(behaviour) });
  const { lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = behaviour;
  return new Cluster(settings.redisClusterNodes, {
    ...definedOnly({ lazyConnect, enableOfflineQueue }),
    ...(retryStrategy && { clusterRetryStrategy: retryStrategy }),
    redisOptions: { ...clusterNodeOptions(settings.redisUrl), ...definedOnly(perNode) },
  });
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/**
 * What BullMQ's `connection` takes: connection options for one Redis (each queue and worker opens
 * its own), or one `Cluster` client the queues share and each worker duplicates for its blocking
 * connection. Workers need `maxRetriesPerRequest: null` (BullMQ refuses a cluster without it).
 */
export function queueConnection(settings: RedisSettings): RedisEndpoint | Cluster {
  if (!settings.redisClusterNodes) return redisOptionsFromUrl(settings.redisUrl);
  return createRedisClient(settings, { maxRetriesPerRequest: null }) as Cluster;
}

/** A URL safe to print: the password is masked. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Where Redis is, safe to print: `Redis at redis://…` or `Redis Cluster at host:port,…`. */
export function describeRedis(settings: RedisSettings): string {
  if (!settings.redisClusterNodes) return `Redis at ${redactedUrl(settings.redisUrl)}`;
  return `Redis Cluster at ${settings.redisClusterNodes.map((node) => `${node.host}:${node.port}`).join(',')}`;
}

/** The eviction policy of one server (each master of a cluster). */
export interface NodePolicy {
  node: string;
  maxmemoryPolicy?: string;
}

/**
 * Pings Redis once with a short timeout and no retries, so a service that cannot reach Redis
 * says so at start instead of hanging in a reconnect loop. Returns the eviction policy of the
 * server, or of every master of a cluster (each holds queue keys).
 */
export async function checkRedis(settings: RedisSettings, timeoutMs = 3000): Promise<NodePolicy[]> {
  const client = createRedisClient(settings, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await within(client.connect(), timeoutMs * 2, 'no answer');
    const servers = isCluster(client) ? client.nodes('master') : [client];
    return await Promise.all(
      servers.map(async (server) => {
        await server.ping();
        const policy = await server.config('GET', 'maxmemory-policy').catch(() => undefined);
        return {
          node: `${server.options.host}:${server.options.port}`,
          maxmemoryPolicy: Array.isArray(policy) ? String(policy[1]) : undefined,
        };
      }),
    );
  } finally {
    client.disconnect();
  }
}

/** `cluster_state` and the number of masters as one node of the cluster sees them (`CLUSTER INFO`). */
export async function clusterState(client: Cluster): Promise<{ state: string; masters: number }> {
  const info = String(await client.cluster('INFO'));
  const field = (name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1];
  return { state: field('cluster_state') ?? 'unknown', masters: Number(field('cluster_size') ?? 0) };
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
