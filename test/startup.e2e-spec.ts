import { freePort, ServiceProcess, tempDir } from './support/services.js';

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
    const first = await new ServiceProcess('scheduler', { DATA_DIR: dataDir, SCHEDULER_PORT: String(port) }).start(`http://127.0.0.1:${port}/health/ready`);
    try {
      const second = new ServiceProcess('notifier', { DATA_DIR: dataDir, NOTIFIER_PORT: String(await freePort()) });
      await second.start();
      expect(await second.waitExit()).toBe(1);
      expect(second.output.join('')).toMatch(/is in use by process \d+/);
    } finally {
      await first.stop();
    }
  });
});
