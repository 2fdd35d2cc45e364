import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  type AppConfig,
  type DatabaseHandle,
  guardHttpInput,
  measureHttp,
  METRICS_REGISTRY,
  PrefixedRedisServer,
  transportEndpoint,
} from '@app/shared';
import { Logger as PinoLogger } from 'nestjs-pino';
import { WorkerDrain } from '@app/delivery';
import { NotifierModule } from './notifier.module.js';

/** Builds and starts the notifier: workers, the Redis request/response listener, and HTTP. */
export async function startNotifier(config: AppConfig, database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(NotifierModule.forRoot(config, database), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  app.use(measureHttp(app.get(METRICS_REGISTRY)));
  guardHttpInput(app);
  app.connectMicroservice({
    strategy: new PrefixedRedisServer({
      ...transportEndpoint(config),
      channelPrefix: config.queuePrefix,
      retryAttempts: 1000,
      retryDelay: 1000,
    }),
  });
  await app.startAllMicroservices();
  await app.listen(config.notifierPort);
  if (config.unsubscribeSecretGenerated && config.env !== 'test') {
    new Logger('Notifier').warn(
      'UNSUBSCRIBE_SECRET is not set: unsubscribe links are signed with a secret made up for this run and stop working when the notifier restarts',
    );
  }
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
