import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { eventually, freePort, ServiceProcess, tempDir } from './support/services.js';

/** A private Redis with the given eviction policy, never the shared one. */
async function privateRedis(policy: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', policy],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await eventually(async () => {
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const ok = await client.connect().then(
      () => client.ping(),
      () => undefined,
    );
    client.disconnect();
    return ok === 'PONG';
  }, 'the private redis-server to answer');
  return { url, stop: () => void child.kill('SIGTERM') };
}

describe('Redis eviction policy at start', () => {
  it.each(['allkeys-lru', 'noeviction'])('with maxmemory-policy %s', async (policy) => {
    const redis = await privateRedis(policy);
    const port = await freePort();
    const service = new ServiceProcess('scheduler', { REDIS_URL: redis.url, DATA_DIR: tempDir(), SCHEDULER_PORT: String(port) });
    try {
      await service.start(`http://127.0.0.1:${port}/health/ready`);
      const warnings = service.output
        .join('')
        .split('\n')
        .filter((line) => line.includes('maxmemory-policy'));
      if (policy === 'noeviction') {
        expect(warnings).toEqual([]);
      } else {
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/^carecadence: warning: Redis at redis:\/\/127\.0\.0\.1:\d+\/? has maxmemory-policy allkeys-lru: /);
        expect(warnings[0]).toMatch(/queued follow-up jobs included/);
        expect(warnings[0]).toMatch(/maxmemory-policy noeviction/);
      }
    } finally {
      expect(await service.stop()).toBe(0);
      redis.stop();
    }
  });
});
