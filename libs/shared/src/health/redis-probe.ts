import { randomUUID } from 'node:crypto';
import { clusterState, createRedisClient, isCluster, type RedisClient, type RedisSettings } from '../redis/redis.js';

/**
 * A Redis round trip (write, read back, delete) on its own connection, which fails fast while
 * Redis is away instead of queueing commands, and reconnects by itself when it returns. On a
 * Redis Cluster it also asks the cluster whether it serves every slot (`cluster_state:ok`).
 */
export class RedisRoundTrip {
  private readonly redis: RedisClient;

  constructor(
    settings: RedisSettings,
    private readonly prefix: string,
  ) {
    this.redis = createRedisClient(settings, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.redis.on('error', () => undefined);
  }

  /** What the check saw besides the round trip: the cluster's state and size, on a cluster. */
  async roundTrip(): Promise<Record<string, string | number>> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const details: Record<string, string | number> = {};
    if (isCluster(this.redis)) {
      const { state, masters } = await clusterState(this.redis);
      if (state !== 'ok') throw new Error(`cluster_state:${state}`);
      Object.assign(details, { cluster_state: state, masters });
    }
    const key = `${this.prefix}:health:${randomUUID()}`;
    const value = String(Date.now());
    await this.redis.set(key, value, 'PX', 5000);
    if ((await this.redis.get(key)) !== value) throw new Error('redis read back a different value');
    await this.redis.del(key);
    return details;
  }

  close(): void {
    this.redis.disconnect();
  }
}
