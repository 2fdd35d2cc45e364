import type { INestApplication } from '@nestjs/common';
import { type AppConfig, type DatabaseHandle, loadConfig, openDatabase } from '@app/shared';
import { Redis } from 'ioredis';
import { startScheduler } from '@app/services';
import { freePort, REDIS_URL, tempDir, uniquePrefix } from './services.js';

/** The scheduler in this process on an in-memory PGlite, with real Redis under a prefix of its own. */
export async function startSchedulerInProcess(
  env: Record<string, string> = {},
  options: { consoleDir?: string } = {},
): Promise<{
  app: INestApplication;
  baseUrl: string;
  config: AppConfig;
  database: DatabaseHandle;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    QUEUE_PREFIX: uniquePrefix(),
    DATA_DIR: tempDir(),
    SCHEDULER_PORT: String(port),
    ADMIN_TOKEN: 'api-test-admin-token-0123',
    ...env,
  });
  const database = await openDatabase({ dataDir: 'memory://' });
  const app = await startScheduler(config, database, options);
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    database,
    async stop() {
      await app.close();
      await database.close();
      const redis = new Redis(config.redisUrl);
      const keys = await redis.keys(`${config.queuePrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
