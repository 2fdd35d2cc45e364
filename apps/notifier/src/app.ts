import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { type AppConfig, type DatabaseHandle, redisOptionsFromUrl } from '@app/shared';
import { NotifierModule } from './notifier.module.js';

/** Builds and starts the notifier: workers, the Redis request/response listener, and HTTP. */
export async function startNotifier(config: AppConfig, database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(NotifierModule.forRoot(config, database), {
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  app.connectMicroservice({ transport: Transport.REDIS, options: { ...redisOptionsFromUrl(config.redisUrl), retryAttempts: 1000, retryDelay: 1000 } });
  await app.startAllMicroservices();
  await app.listen(config.notifierPort);
  if (config.unsubscribeSecretGenerated && config.env !== 'test') {
    new Logger('Notifier').warn('UNSUBSCRIBE_SECRET is not set: unsubscribe links are signed with a secret made up for this run and stop working when the notifier restarts');
  }
  return app;
}
