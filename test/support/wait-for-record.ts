import type { EventEmitter } from 'node:events';

/**
 * The first record matching `predicate`, already in `records` or announced with a 'message' event
 * within timeoutMs; on time-out the error lists what did arrive, to make a failing test readable.
 */
export function waitForRecord<T>(
  records: T[],
  events: EventEmitter,
  predicate: (record: T) => boolean,
  timeoutMs: number,
  describeTimeout: () => string,
): Promise<T> {
  const existing = records.find(predicate);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const onMessage = (record: T) => {
      if (!predicate(record)) return;
      clearTimeout(timer);
      events.off('message', onMessage);
      resolve(record);
    };
    const timer = setTimeout(() => {
      events.off('message', onMessage);
      reject(new Error(describeTimeout()));
    }, timeoutMs);
    events.on('message', onMessage);
  });
}
