import { Injectable } from '@nestjs/common';
import { FollowupProcessor } from './followup.processor.js';

/** How long the worker's own close may take once no job is in hand. */
const CLOSE_AFTER_DRAIN_MS = 5000;

/**
 * Knows when the follow-up worker has stopped taking jobs and finished the ones in hand.
 * BullMQ's Worker.close() can wait forever for its blocking Redis connection to end when that
 * connection sits between reconnect attempts (after a Redis outage; taskforcesh/bullmq#4656), so
 * shutdown waits for this instead of for close() alone: nothing is lost once no job is active.
 */
@Injectable()
export class WorkerDrain {
  constructor(private readonly processor: FollowupProcessor) {}

  /** Resolves once closing has begun, no job is in hand and the worker had a moment to close itself. */
  async drained(): Promise<void> {
    const worker = this.processor.worker;
    while (!worker.closing) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.processor.whenIdle();
    await Promise.race([worker.closing, new Promise((resolve) => setTimeout(resolve, CLOSE_AFTER_DRAIN_MS).unref())]);
  }
}
