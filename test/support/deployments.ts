import { createPostgresDatabase, ServiceProcess } from './services.js';

/** A way to run the two services from their built entry points, as operators do. */
export interface Deployment {
  name: string;
  /** Starts the services with `env` (which names SCHEDULER_PORT and NOTIFIER_PORT) and waits until they are ready. */
  start(env: Record<string, string>): Promise<{ services: ServiceProcess[]; cleanup?: () => Promise<void> }>;
}

const ready = (port: string) => `http://127.0.0.1:${port}/health/ready`;

/**
 * Both services in one process on embedded PGlite (the quick start), and — when
 * TEST_DATABASE_URL is set — as separate processes on a fresh PostgreSQL database (containers).
 */
export function deployments(): Deployment[] {
  const list: Deployment[] = [
    {
      name: 'both services in one process on embedded PGlite',
      async start(env) {
        return { services: [await new ServiceProcess('standalone', env).start(ready(env.SCHEDULER_PORT))] };
      },
    },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'scheduler and notifier as separate processes on PostgreSQL',
      async start(env) {
        const database = await createPostgresDatabase(url);
        const shared = { ...env, DATABASE_URL: database.url };
        const notifier = await new ServiceProcess('notifier', shared).start(ready(env.NOTIFIER_PORT));
        const scheduler = await new ServiceProcess('scheduler', shared).start(ready(env.SCHEDULER_PORT));
        return { services: [scheduler, notifier], cleanup: () => database.drop() };
      },
    });
  }
  return list;
}
