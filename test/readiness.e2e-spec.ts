import { Redis } from 'ioredis';
import { createPostgresDatabase, eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { TcpProxy } from './support/tcp-proxy.js';

interface Readiness {
  status: number;
  body: { status: string; info: Record<string, unknown>; error: Record<string, { status: string; message?: string }> };
}

async function ready(port: number): Promise<Readiness> {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

const redisTarget = new URL(REDIS_URL);

/** Readiness follows Redis and the database going away and coming back, without a restart. */
describe.each(['scheduler', 'notifier'] as const)('%s readiness', (entry) => {
  const prefix = uniquePrefix();
  const redisProxy = new TcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
  let service: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    await redisProxy.start();
    port = await freePort();
    service = await new ServiceProcess(entry, {
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      [entry === 'scheduler' ? 'SCHEDULER_PORT' : 'NOTIFIER_PORT']: String(port),
    }).start(`http://127.0.0.1:${port}/health/ready`);
  });

  afterAll(async () => {
    await redisProxy.restore().catch(() => undefined);
    // Cleaned up whatever the exit code, so a failure here leaves no socket keeping the run alive.
    const code = await service.stop().finally(() => redisProxy.stop());
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    expect(code).toBe(0);
  });

  it('is live and ready with every check named', async () => {
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    const answer = await ready(port);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.info).sort()).toEqual(
      entry === 'notifier' ? ['database', 'redis', 'schedulers', 'workers'] : ['database', 'redis', 'schedulers'],
    );
  });

  it('turns 503 naming redis when Redis goes away, and 200 again when it returns', async () => {
    await redisProxy.cut();
    const down = await eventually(async () => {
      const answer = await ready(port);
      return answer.status === 503 && (entry === 'scheduler' || 'schedulers' in answer.body.error) && answer;
    }, 'readiness to fail');
    expect(down.body.status).toBe('error');
    // The notifier's periodic job (the recovery sweep) cannot be checked without Redis either.
    expect(Object.keys(down.body.error).sort()).toEqual(entry === 'notifier' ? ['redis', 'schedulers'] : ['redis']);
    expect(down.body.info.database).toMatchObject({ status: 'up' });
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // Long enough for the queue connections to fail several reconnect attempts and back off
    // (ioredis under BullMQ waits up to 20 s between them).
    await new Promise((resolve) => setTimeout(resolve, 12_000));

    await redisProxy.restore();
    const up = await eventually(
      async () => {
        const answer = await ready(port);
        return answer.status === 200 && answer;
      },
      'readiness to recover',
      // A connection may be 20 s into its back-off when Redis returns.
      45_000,
    );
    expect(up.body.status).toBe('ok');
    // The lost connections were logged as JSON lines, not as stack traces outside the log.
    expect(service.output.join('')).toMatch(/"msg":"queue connection error"/);
    expect(service.output.join('')).not.toMatch(/TCPConnectWrap|Unhandled error event/);
  });

  // Told to stop right after the outage, it used to wait for every connection's back-off to end
  // and ran out its 25 s shutdown budget.
  it('stops cleanly and promptly right after Redis returned', async () => {
    const started = Date.now();
    expect(await service.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

const postgres = process.env.TEST_DATABASE_URL;
(postgres ? describe : describe.skip)('readiness when PostgreSQL goes away', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let proxy: TcpProxy;
  let service: ServiceProcess;
  let port: number;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = await createPostgresDatabase(postgres!);
    const url = new URL(database.url);
    proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
    url.host = `127.0.0.1:${proxy.port}`;
    port = await freePort();
    service = await new ServiceProcess('notifier', {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: url.toString(),
      NOTIFIER_PORT: String(port),
    }).start(`http://127.0.0.1:${port}/health/ready`);
  });

  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    const code = await service.stop().finally(() => proxy.stop());
    await database.drop();
    expect(code).toBe(0);
  });

  it('turns 503 naming the database, and 200 again when it returns', async () => {
    await proxy.cut();
    const down = await eventually(async () => {
      const answer = await ready(port);
      return answer.status === 503 && answer;
    }, 'readiness to fail');
    expect(Object.keys(down.body.error)).toEqual(['database']);
    expect(down.body.info.redis).toMatchObject({ status: 'up' });

    await proxy.restore();
    await eventually(async () => (await ready(port)).status === 200, 'readiness to recover', 30_000);
  });
});
