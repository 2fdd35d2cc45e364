import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig, DatabaseHandle } from '@app/shared';
import { SchedulerModule } from './scheduler.module.js';

/** Builds and starts the scheduler's HTTP server; the caller owns the database handle. */
export async function startScheduler(config: AppConfig, database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(SchedulerModule.forRoot(config, database), {
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  await app.listen(config.schedulerPort);
  return app;
}
