import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, type DatabaseHandle, measureHttp, METRICS_REGISTRY } from '@app/shared';
import { Logger } from 'nestjs-pino';
import { serveApiDocs } from './docs/openapi.js';
import { SchedulerModule } from './scheduler.module.js';

/** Builds and starts the scheduler's HTTP server; the caller owns the database handle. */
export async function startScheduler(config: AppConfig, database: DatabaseHandle): Promise<INestApplication> {
  const app = await NestFactory.create(SchedulerModule.forRoot(config, database), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(measureHttp(app.get(METRICS_REGISTRY)));
  serveApiDocs(app);
  await app.listen(config.schedulerPort);
  return app;
}
