import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../redis/redis.js';

/**
 * A Redis round trip (write, read back, delete) on its own connection, which fails fast while
 * Redis is away instead of queueing commands, and reconnects by itself when it returns.
 */
export class RedisRoundTrip {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix: string) {
    this.redis = new Redis({ ...redisOptionsFromUrl(url), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
  }

  async roundTrip(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const key = `${this.prefix}:health:${randomUUID()}`;
    const value = String(Date.now());
    await this.redis.set(key, value, 'PX', 5000);
    if ((await this.redis.get(key)) !== value) throw new Error('redis read back a different value');
    await this.redis.del(key);
  }

  close(): void {
    this.redis.disconnect();
  }
}
