import { Redis } from 'ioredis';
import { clinicWithAftercareEmail, completedVisit } from './support/aftercare-clinic.js';
import { Api } from './support/api.js';
import { RedisServer } from './support/redis-server.js';
import { eventually, freePort, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';

const ADMIN_TOKEN = 'self-healing-admin-token-0123';

/** The target: after Redis loses its data, every due follow-up goes out within 2 minutes. */
const RECOVERY_TARGET_MS = 120_000;

/**
 * Redis loses everything while the services run — FLUSHALL, then a restart without persistence —
 * and nobody restarts them. Default timings (sweep each minute, schedule checks every 15 s): the
 * periodic jobs' schedules come back by themselves, so the recovery sweep re-enqueues the follow-ups
 * whose jobs were lost. A private redis-server, so FLUSHALL touches nothing else.
 */
describe('schedules heal themselves after Redis loses its data', () => {
  const redis = new RedisServer();
  const smtp = new SmtpSink();
  let service: ServiceProcess;
  let api: Api;
  let notifierPort: number;
  let patientNo = 0;

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    const schedulerPort = await freePort();
    notifierPort = await freePort();
    service = await new ServiceProcess('standalone', {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: uniquePrefix(),
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(notifierPort),
    }).start(`http://127.0.0.1:${schedulerPort}/health/ready`);
    const admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    api = await clinicWithAftercareEmail(admin, {
      name: 'Tideline Massage',
      email: 'desk@tideline.test',
      serviceType: 'tide-care',
      offset: 'PT25S',
    });
  });
  afterAll(async () => {
    await service?.stop();
    await smtp.stop();
    await redis.stop();
  });

  const ready = () =>
    fetch(`http://127.0.0.1:${notifierPort}/health/ready`).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { error?: Record<string, unknown> },
    }));

  /** Completed visits whose aftercare (in 25 s) waits in Redis as delayed jobs; returns the addresses. */
  async function visits(count: number): Promise<string[]> {
    const addresses: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `tide${patientNo++}@patients.test`;
      await completedVisit(api, { firstName: 'Tide', email, serviceType: 'tide-care' });
      addresses.push(email);
    }
    return addresses;
  }

  async function expectEachDeliveredOnceWithin(addresses: string[], since: number): Promise<number> {
    const received = () => smtp.messages.flatMap((m) => m.envelope.to).filter((to) => addresses.includes(to));
    await eventually(async () => received().length >= addresses.length, 'every due follow-up delivered', RECOVERY_TARGET_MS);
    const elapsed = Date.now() - since;
    await new Promise((r) => setTimeout(r, 1000));
    expect(received().sort()).toEqual([...addresses].sort());
    return elapsed;
  }

  it('FLUSHALL: readiness names the missing schedules, it comes back without a restart and every due follow-up goes out within 2 minutes', async () => {
    const pid = service.pid;
    const addresses = await visits(20);
    const client = new Redis(redis.url);
    try {
      expect(await client.flushall()).toBe('OK');
    } finally {
      client.disconnect();
    }
    const lost = Date.now();
    const missing = await ready();
    expect(missing.status).toBe(503);
    const schedulers = missing.body.error?.schedulers as { status: string; missing: string[] };
    expect(schedulers.status).toBe('down');
    expect([...schedulers.missing].sort()).toEqual(['promote-followups', 'recovery-sweep']);
    await eventually(async () => (await ready()).status === 200, 'ready again', 30_000);

    const elapsed = await expectEachDeliveredOnceWithin(addresses, lost);
    expect(elapsed).toBeLessThan(RECOVERY_TARGET_MS);
    expect(service.pid).toBe(pid);
    process.stdout.write(`schedules after FLUSHALL: ${addresses.length} due follow-ups delivered ${elapsed} ms after the flush\n`);
  }, 200_000);

  it('FLUSHALL with no one asking readiness: the periodic check puts the schedule back', async () => {
    const addresses = await visits(10);
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    const lost = Date.now();
    const elapsed = await expectEachDeliveredOnceWithin(addresses, lost);
    expect(elapsed).toBeLessThan(RECOVERY_TARGET_MS);
    expect((await ready()).status).toBe(200);
  }, 200_000);

  it('a Redis restart without persistence: the schedule is back on reconnect and the due follow-ups go out', async () => {
    const addresses = await visits(10);
    await redis.stop();
    await redis.start();
    const lost = Date.now();
    const elapsed = await expectEachDeliveredOnceWithin(addresses, lost);
    expect(elapsed).toBeLessThan(RECOVERY_TARGET_MS);
    await eventually(async () => (await ready()).status === 200, 'ready after the restart', 30_000);
  }, 200_000);
});
