import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, type DatabaseHandle, guardHttpInput, measureHttp, METRICS_REGISTRY } from '@app/shared';
import { consoleBuildDir, serveConsole } from '@app/console';
import { Logger } from 'nestjs-pino';
import { serveApiDocs } from './openapi.js';
import { SchedulerModule } from './scheduler.module.js';

/**
 * Builds and starts the scheduler's HTTP server; the caller owns the database handle.
 * `consoleDir` (the console's build, dist/console unless given) is served at /console.
 */
export async function startScheduler(
  config: AppConfig,
  database: DatabaseHandle,
  options: { consoleDir?: string } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(SchedulerModule.forRoot(config, database), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.use(measureHttp(app.get(METRICS_REGISTRY)));
  guardHttpInput(app);
  serveApiDocs(app);
  serveConsole(app, options.consoleDir ?? consoleBuildDir());
  await app.listen(config.schedulerPort);
  return app;
}
