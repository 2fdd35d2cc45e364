import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_URL, uniquePrefix } from '../../../../test/support/services.js';
import { redisOptionsFromUrl } from '../redis/redis.js';
import { PromptWorker } from './prompt-worker.js';

const connection = redisOptionsFromUrl(REDIS_URL);
const JOBS = 20;
// Not a divisor of Redis's wake-up period (100 ms at the default hz 10), so the jobs' times fall
// all over it: a worker that waits for Redis to wake on its own takes them 50 ms late on average.
const SPACING_MS = 53;

/** How late (ms) a worker took each of JOBS delayed jobs, due SPACING_MS apart from an idle start. */
async function lateness(WorkerClass: typeof Worker): Promise<number[]> {
  const prefix = uniquePrefix();
  const queue = new Queue('prompt', { connection, prefix });
  const late: number[] = [];
  let allTaken!: () => void;
  const done = new Promise<void>((resolve) => (allTaken = resolve));
  const worker = new WorkerClass(
    'prompt',
    async (job: Job<{ dueAt: number }>) => {
      late.push(Date.now() - job.data.dueAt);
      if (late.length === JOBS) allTaken();
    },
    { connection, prefix, concurrency: 4 },
  );
  try {
    await worker.waitUntilReady();
    const firstDue = Date.now() + 500;
    await queue.addBulk(
      Array.from({ length: JOBS }, (_, i) => {
        const dueAt = firstDue + i * SPACING_MS;
        return { name: 'due', data: { dueAt }, opts: { delay: dueAt - Date.now() } };
      }),
    );
    await done;
    return late;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

describe('PromptWorker on real Redis', () => {
  it('takes each delayed job at its time, not at Redis’s next wake-up', async () => {
    const late = await lateness(PromptWorker);
    expect(late).toHaveLength(JOBS);
    // About 50 ms on average without the wake-up, on a Redis at the default hz 10.
    expect(mean(late)).toBeLessThan(30);
  });

  it('is needed: a plain worker takes them at Redis’s wake-ups (on a Redis at hz 10 or less)', async () => {
    const redis = new Redis(REDIS_URL);
    const [, hz] = (await redis.config('GET', 'hz')) as [string, string];
    redis.disconnect();
    // A Redis that wakes more often narrows the gap this class closes; there is nothing to show.
    if (Number(hz) > 10) return;
    expect(mean(await lateness(Worker))).toBeGreaterThan(30);
  });
});
