import { Logger } from '@nestjs/common';

const logger = new Logger('Queues');

/**
 * BullMQ prints an unlistened 'error' (a lost Redis connection, every reconnect attempt) with
 * console.error, outside the JSON log. This routes them to the log, one line per distinct message
 * until the connection recovers.
 */
export function logQueueErrors(emitter: { on(event: 'error', listener: (error: Error) => void): unknown }, source: string): void {
  let last: string | undefined;
  emitter.on('error', (error: Error) => {
    if (error.message === last) return;
    last = error.message;
    logger.warn({ msg: 'queue connection error', source, reason: error.message });
    setTimeout(() => (last = undefined), 60_000).unref();
  });
}
