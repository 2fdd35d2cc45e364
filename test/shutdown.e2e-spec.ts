import { Redis } from 'ioredis';
import { Api } from './support/api.js';
import { createPostgresDatabase, eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';

const ADMIN_TOKEN = 'shutdown-admin-token-0123456';
const PATIENTS = 6;

interface Deployment {
  name: string;
  /** Starts the services on fresh ports; the same `shared` settings (database, prefix) every time. */
  start(shared: Record<string, string>): Promise<{ services: ServiceProcess[]; schedulerUrl: string }>;
  setup?(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

const deployments: Deployment[] = [
  {
    name: 'both services in one process on embedded PGlite',
    async setup() {
      return { env: { DATA_DIR: tempDir() }, cleanup: async () => undefined };
    },
    async start(shared) {
      const port = await freePort();
      const env = { ...shared, SCHEDULER_PORT: String(port), NOTIFIER_PORT: String(await freePort()) };
      const standalone = await new ServiceProcess('standalone', env).start(`http://127.0.0.1:${port}/health/ready`);
      return { services: [standalone], schedulerUrl: `http://127.0.0.1:${port}` };
    },
  },
];

if (process.env.TEST_DATABASE_URL) {
  deployments.push({
    name: 'scheduler and notifier as separate processes on PostgreSQL',
    async setup() {
      const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
      return { env: { DATABASE_URL: database.url }, cleanup: () => database.drop() };
    },
    async start(shared) {
      const ports = { scheduler: await freePort(), notifier: await freePort() };
      const env = { ...shared, SCHEDULER_PORT: String(ports.scheduler), NOTIFIER_PORT: String(ports.notifier) };
      const notifier = await new ServiceProcess('notifier', env).start(`http://127.0.0.1:${ports.notifier}/health/ready`);
      const scheduler = await new ServiceProcess('scheduler', env).start(`http://127.0.0.1:${ports.scheduler}/health/ready`);
      return { services: [scheduler, notifier], schedulerUrl: `http://127.0.0.1:${ports.scheduler}` };
    },
  });
}

/**
 * SIGTERM while emails are mid-send: every service exits 0, the jobs in hand finish, the rest
 * wait in Redis, and after a restart every patient has received exactly one email.
 */
describe.each(deployments)('graceful shutdown with jobs in flight ($name)', (deployment) => {
  const smtp = new SmtpSink();
  const prefix = uniquePrefix();
  let cleanup: () => Promise<void> = async () => undefined;
  let running: ServiceProcess[] = [];

  afterAll(async () => {
    for (const service of running) await service.stop();
    await cleanup();
    await smtp.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('exits 0 and loses no message', async () => {
    await smtp.start();
    const setup = await deployment.setup!();
    cleanup = setup.cleanup;
    const shared = { ...setup.env, REDIS_URL, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, ADMIN_TOKEN };

    // Every email waits at the SMTP server's DATA reply until released: the sends stay in flight.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    smtp.holdData(async () => {
      held++;
      await released;
    });

    let { services, schedulerUrl } = await deployment.start(shared);
    running = services;
    const admin = new Api(schedulerUrl, ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Harbour Physio',
      timezone: 'UTC',
      email: 'desk@harbour.test',
      quietHours: null,
    });
    const api = admin.as(clinic.body.apiKey);
    const cadence = await api.get('/v1/cadences/physiotherapy');
    const steps = cadence.body.steps.map((s: { key: string }) => (s.key === 'aftercare' ? { ...s, offset: 'PT1S' } : s));
    expect((await api.put('/v1/cadences/physiotherapy', { ...cadence.body, steps })).status).toBe(200);
    const recipients: string[] = [];
    for (let i = 0; i < PATIENTS; i++) {
      const email = `patient-${i}@harbour.test`;
      recipients.push(email);
      const patient = await api.post('/v1/patients', { firstName: `P${i}`, email, consent: { email: true, sms: false } });
      const startsAt = new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00');
      const appointment = await api.post('/v1/appointments', {
        patientId: patient.body.id,
        serviceType: 'physiotherapy',
        startsAt,
        durationMinutes: 45,
      });
      expect((await api.post(`/v1/appointments/${appointment.body.id}/complete`)).status).toBe(200);
    }

    await eventually(async () => held > 0, 'an email to be in flight');
    const exits = services.map((service) => service.stop('SIGTERM'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    smtp.holdData(undefined);
    release();
    expect(await Promise.all(exits)).toEqual(services.map(() => 0));
    const beforeRestart = smtp.messages.length;
    expect(beforeRestart).toBeGreaterThan(0);

    ({ services, schedulerUrl } = await deployment.start(shared));
    running = services;
    await eventually(
      async () => recipients.every((to) => smtp.messages.some((m) => m.envelope.to.includes(to))),
      'every patient to get the email',
      40_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perRecipient = recipients.map((to) => smtp.messages.filter((m) => m.envelope.to.includes(to)).length);
    expect(perRecipient).toEqual(recipients.map(() => 1));

    const followups = (await new Api(schedulerUrl, clinic.body.apiKey).get('/v1/followups?status=sent')).body;
    expect(followups.filter((f: { stepKey: string; channel: string }) => f.stepKey === 'aftercare' && f.channel === 'email')).toHaveLength(
      PATIENTS,
    );
  });
});
