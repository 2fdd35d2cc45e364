import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from './support/api.js';
import { freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';

/** A service that cannot start says why in one line and exits, instead of hanging. */
describe('start-up failures', () => {
  it('stops on a bad setting with one line naming it', async () => {
    const service = new ServiceProcess('scheduler', { SCHEDULER_PORT: 'eighty', DATA_DIR: tempDir() });
    await service.start();
    expect(await service.waitExit()).toBe(1);
    const lines = service.output.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SCHEDULER_PORT/);
  });

  it('says in one line that Redis does not answer, and how to start one', async () => {
    const closed = await freePort();
    const service = new ServiceProcess('notifier', { REDIS_URL: `redis://127.0.0.1:${closed}`, DATA_DIR: tempDir() });
    const started = Date.now();
    await service.start();
    expect(await service.waitExit()).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = service.output.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`Redis at redis://127.0.0.1:${closed}/? does not answer`));
    expect(lines[0]).toMatch(/docker compose up -d redis/);
  });

  it('refuses a second process on the same embedded database directory', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await new ServiceProcess('scheduler', { DATA_DIR: dataDir, SCHEDULER_PORT: String(port) }).start(
      `http://127.0.0.1:${port}/health/ready`,
    );
    try {
      const second = new ServiceProcess('notifier', { DATA_DIR: dataDir, NOTIFIER_PORT: String(await freePort()) });
      await second.start();
      expect(await second.waitExit()).toBe(1);
      expect(second.output.join('')).toMatch(/is in use by process \d+/);
    } finally {
      await first.stop();
    }
  });

  it('starts again on the same embedded database right after kill -9, with its data', async () => {
    const dataDir = tempDir();
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix(),
      ADMIN_TOKEN: 'startup-admin-token-0123456789',
      SCHEDULER_PORT: String(await freePort()),
      NOTIFIER_PORT: String(await freePort()),
    };
    const ready = `http://127.0.0.1:${env.SCHEDULER_PORT}/health/ready`;
    const first = await new ServiceProcess('standalone', env).start(ready);
    const admin = new Api(`http://127.0.0.1:${env.SCHEDULER_PORT}`, env.ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Riverside Massage',
      timezone: 'America/Toronto',
      email: 'desk@riverside.test',
    });
    expect(clinic.status).toBe(201);
    expect(existsSync(join(dataDir, 'pglite.sock'))).toBe(true);

    // Not waiting for the exit: the restart races the dead process's reaping, as a supervisor's would.
    const killed = first.stop('SIGKILL');
    const second = new ServiceProcess('standalone', env);
    try {
      await second.start(ready, 60_000);
      const api = admin.as(clinic.body.apiKey);
      expect((await api.get('/v1/cadences/medical-massage')).status).toBe(200);
    } finally {
      await killed;
      expect(await second.stop()).toBe(0);
    }
    // A clean stop leaves no socket behind.
    expect(existsSync(join(dataDir, 'pglite.sock'))).toBe(false);
  });
});
