import { AsyncLocalStorage } from 'node:async_hooks';

export type ServiceName = 'scheduler' | 'notifier';

const running = new AsyncLocalStorage<ServiceName>();

/**
 * Runs `start` as the work of one service. Everything it sets going — its HTTP server, workers,
 * timers, connections — keeps that name, so when `npm start` runs both services in one process
 * (one root logger), each log line still says which service wrote it.
 */
export function runAsService<T>(service: ServiceName, start: () => T): T {
  return running.run(service, start);
}

/** The service whose work is running now, when one was named with `runAsService`. */
export function currentService(): ServiceName | undefined {
  return running.getStore();
}
