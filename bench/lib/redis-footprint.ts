import type { Redis } from 'ioredis';

/**
 * Bytes Redis holds for every key under `prefix` (MEMORY USAGE … SAMPLES 0: exact, not sampled,
 * for hashes and sorted sets). Other engineers' keys on a shared Redis are not counted, which
 * `INFO memory` could not promise.
 */
export async function redisBytes(redis: Redis, prefix: string): Promise<{ bytes: number; keys: number }> {
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, value] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      bytes += Number(value ?? 0);
    }
    keys += batch.length;
  } while (cursor !== '0');
  return { bytes, keys };
}

export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    if (batch.length > 0) await redis.unlink(...batch);
  } while (cursor !== '0');
}
