import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { type AppConfig, type DatabaseHandle, measureHttp, METRICS_REGISTRY, redisOptionsFromUrl } from '@app/shared';
import { Logger } from 'nestjs-pino';
import { WorkerDrain } from './lifecycle/worker-drain.js';
import { NotifierModule } from './notifier.module.js';

/** Builds and starts the notifier: workers, the Redis request/response listener, and HTTP. */
export async function startNotifier(config: AppConfig, database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(NotifierModule.forRoot(config, database), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(measureHttp(app.get(METRICS_REGISTRY)));
  app.connectMicroservice({ transport: Transport.REDIS, options: { ...redisOptionsFromUrl(config.redisUrl), retryAttempts: 1000, retryDelay: 1000 } });
  await app.startAllMicroservices();
  await app.listen(config.notifierPort);
  return app;
}

/**
 * Closes the notifier: stops taking jobs and lets the ones in hand finish. Resolves when Nest has
 * closed everything, or when the jobs are done and only a connection is still hanging up.
 */
export async function closeNotifier(app: INestApplication): Promise<void> {
  const drain = app.get(WorkerDrain);
  await Promise.race([app.close(), drain.drained()]);
}
