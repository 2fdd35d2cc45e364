import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_URL, uniquePrefix } from '../../test/support/services.js';
import { clearPrefix, redisBytes } from './redis-footprint.js';
import { perSecond, waitUntil } from './stats.js';

/** BullMQ alone: empty jobs added, then processed by one worker doing nothing. The ceiling of the transport. */
export async function bareBullmq(count: number, concurrency: number): Promise<{ rate: number; bytesPerJob: number }> {
  const prefix = uniquePrefix();
  const url = new URL(REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379) };
  const queue = new Queue('bare', { connection, prefix });
  const worker = new Worker('bare', async () => undefined, { connection, prefix, concurrency, autorun: false });
  let done = 0;
  worker.on('completed', () => done++);
  const redis = new Redis(REDIS_URL);
  try {
    for (let i = 0; i < count; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
          name: 'empty',
          data: {},
          opts: { jobId: `bare-${i + j}`, removeOnComplete: true },
        })),
      );
    }
    const { bytes } = await redisBytes(redis, prefix);
    const started = Date.now();
    void worker.run();
    await waitUntil(() => done >= count, 'the bare jobs', 300_000);
    return { rate: perSecond(count, Date.now() - started), bytesPerJob: bytes / count };
  } finally {
    await worker.close();
    await queue.close();
    await clearPrefix(redis, prefix);
    redis.disconnect();
  }
}
