import { Redis } from 'ioredis';
import { clinicWithAftercareEmail, completedVisit } from './support/aftercare-clinic.js';
import { Api } from './support/api.js';
import { createPostgresDatabase, eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TcpProxy } from './support/tcp-proxy.js';

const ADMIN_TOKEN = 'database-outage-admin-token-0123';
const PATIENTS = 20;
const OUTAGE_MS = 60_000;
/**
 * After the outage, with the default back-off (5 s doubling, 8 attempts), jobs that failed all
 * through a minute's outage sit 40–80 s in back-off. Waiting for the dependency instead, they are
 * back within 10 s of its return; 20 s leaves room for the sends.
 */
const AFTER_RETURN_MS = 20_000;

const postgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/**
 * The notifier loses PostgreSQL for a minute while follow-ups come due (the scheduler, on its own
 * connection, keeps booking). Default settings. Once the database is back, every follow-up goes
 * out within seconds, and once: jobs waiting out an outage neither spend their attempts nor sit
 * in a failure's back-off.
 */
postgres('delivery after the notifier lost PostgreSQL, default settings', () => {
  const smtp = new SmtpSink();
  const prefix = uniquePrefix();
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let proxy: TcpProxy;
  let scheduler: ServiceProcess;
  let notifier: ServiceProcess;
  let api: Api;

  beforeAll(async () => {
    await smtp.start();
    database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const url = new URL(database.url);
    proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
    const proxied = new URL(database.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const common = { REDIS_URL, QUEUE_PREFIX: prefix, DATA_DIR: tempDir(), SMTP_URL: smtp.url, ADMIN_TOKEN };
    const schedulerPort = await freePort();
    scheduler = await new ServiceProcess('scheduler', {
      ...common,
      DATABASE_URL: database.url,
      SCHEDULER_PORT: String(schedulerPort),
    }).start(`http://127.0.0.1:${schedulerPort}/health/ready`);
    const notifierPort = await freePort();
    notifier = await new ServiceProcess('notifier', {
      ...common,
      DATABASE_URL: proxied.toString(),
      NOTIFIER_PORT: String(notifierPort),
    }).start(`http://127.0.0.1:${notifierPort}/health/ready`);
    const admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    api = await clinicWithAftercareEmail(admin, {
      name: 'Outage Physio',
      email: 'desk@outage.test',
      serviceType: 'outage-care',
      offset: 'PT1S',
    });
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await Promise.all([scheduler?.stop(), notifier?.stop()]);
    await proxy?.stop();
    await smtp.stop();
    await database?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it(
    'sends every follow-up that came due during the outage within seconds of its end, each once',
    async () => {
      await proxy.cut();
      const outageEnds = Date.now() + OUTAGE_MS;
      const addresses = Array.from({ length: PATIENTS }, (_, i) => `outage${i}@patients.test`);
      await Promise.all(addresses.map((email) => completedVisit(api, { firstName: 'Oli', email, serviceType: 'outage-care' })));
      // Due within a second; the notifier cannot reach the database for the rest of the minute.
      await new Promise((resolve) => setTimeout(resolve, outageEnds - Date.now()));
      expect(smtp.messages).toHaveLength(0);

      await proxy.restore();
      const back = Date.now();
      try {
        await eventually(async () => smtp.messages.length >= PATIENTS, 'every follow-up to go out', AFTER_RETURN_MS);
      } catch (error) {
        process.stderr.write(`${smtp.messages.length} of ${PATIENTS} sent ${Date.now() - back} ms after the database returned\n`);
        throw error;
      }
      const recipients = smtp.messages.flatMap((message) => message.envelope.to).sort();
      expect(recipients).toEqual([...addresses].sort());
      const page: { body: { status: string }[] } = await api.get('/v1/followups?limit=200');
      expect(page.body.map((followup) => followup.status)).toEqual(Array(PATIENTS).fill('sent'));
    },
    OUTAGE_MS + AFTER_RETURN_MS + 60_000,
  );
});
