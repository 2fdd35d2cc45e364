import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * When, after a delayed job's time, the worker wakes Redis. Redis counts the blocking command's
 * deadline from when the command arrives, a little after the timer was set: the first read can come
 * a moment too early, and then the second one ends the wait.
 */
export const WAKE_AFTER_MS = [2, 12];

/**
 * A BullMQ worker that takes a delayed job at its time. Waiting for the next delayed job, BullMQ
 * blocks on Redis (BZPOPMIN on the queue's marker) until that job's time. Redis notices a blocking
 * command's deadline only when something wakes its event loop, and an otherwise quiet Redis wakes
 * `hz` times a second: with the default `hz 10`, a due job was taken up to 100 ms late (measured:
 * follow-ups due ten a second went out 10 to 110 ms late, in a saw-tooth). A keyed read of the
 * marker, sent just after the job's time on the worker's other connection, wakes the Redis that
 * holds the queue (the right node of a cluster) on time, and the blocking command returns.
 *
 * Every worker of the services is one (`BullModule.workerClass`, and the partition workers).
 */
export class PromptWorker extends Worker {
  private wakeUps: NodeJS.Timeout[] = [];

  protected override getBlockTimeout(blockUntil: number): number {
    const timeout = super.getBlockTimeout(blockUntil);
    this.cancelWakeUps();
    const untilDue = blockUntil - Date.now();
    // Only when the wait is to end at the job's time: a wait capped shorter ends on its own.
    if (blockUntil > 0 && timeout > 0 && timeout * 1000 >= untilDue) {
      this.wakeUps = WAKE_AFTER_MS.map((after) => setTimeout(() => void this.wakeRedis(), Math.max(0, untilDue) + after).unref());
    }
    return timeout;
  }

  override async close(force?: boolean): Promise<void> {
    this.cancelWakeUps();
    return super.close(force);
  }

  private cancelWakeUps(): void {
    for (const wakeUp of this.wakeUps) clearTimeout(wakeUp);
    this.wakeUps = [];
  }

  private async wakeRedis(): Promise<void> {
    try {
      const backend = this.getBackend();
      const client = (await backend.client) as unknown as Pick<Redis, 'exists'>;
      await client.exists(backend.keys.marker);
    } catch {
      // Without the nudge the wait still ends, at Redis's next wake-up.
    }
  }
}
