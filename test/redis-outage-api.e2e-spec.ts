import { Redis } from 'ioredis';
import { clinicWithAftercareEmail } from './support/aftercare-clinic.js';
import { Api } from './support/api.js';
import { eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TcpProxy } from './support/tcp-proxy.js';

const ADMIN_TOKEN = 'redis-outage-admin-token-0123';
const redisTarget = new URL(REDIS_URL);

/**
 * The API does not wait on Redis: while Redis refuses connections or hangs, a booking commits and
 * answers within 2 s (the queue gets at most 1 s), once; the follow-ups it planned are enqueued
 * by the recovery sweep when Redis is back. Default timings.
 */
describe('booking while Redis is away', () => {
  const prefix = uniquePrefix();
  const proxy = new TcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
  const smtp = new SmtpSink();
  let service: ServiceProcess;
  let api: Api;

  beforeAll(async () => {
    await proxy.start();
    await smtp.start();
    const schedulerPort = await freePort();
    service = await new ServiceProcess('standalone', {
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(await freePort()),
    }).start(`http://127.0.0.1:${schedulerPort}/health/ready`);
    const admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    api = await clinicWithAftercareEmail(admin, {
      name: 'Outage Physio',
      email: 'desk@outage.test',
      serviceType: 'outage-care',
      offset: 'PT2S',
    });
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await service?.stop();
    await proxy.stop();
    await smtp.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  async function timed<T>(request: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = performance.now();
    const answer = await request();
    return { answer, ms: performance.now() - started };
  }

  /** Books and completes a visit for a new patient while Redis is away; each answer within 2 s. */
  async function bookDuringOutage(email: string): Promise<{ patientId: string; ms: number[] }> {
    const patient = await timed(() => api.post('/v1/patients', { firstName: 'Ola', email, consent: { email: true, sms: false } }));
    expect(patient.answer.status).toBe(201);
    const booking = await timed(() =>
      api.post('/v1/appointments', {
        patientId: patient.answer.body.id,
        serviceType: 'outage-care',
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        durationMinutes: 60,
      }),
    );
    expect(booking.answer.status).toBe(201);
    const completion = await timed(() => api.post(`/v1/appointments/${booking.answer.body.id}/complete`));
    expect(completion.answer.status).toBe(200);
    const ms = [patient.ms, booking.ms, completion.ms];
    for (const taken of ms) expect(taken).toBeLessThan(2000);
    return { patientId: patient.answer.body.id, ms };
  }

  async function expectBookedOnceAndDeliveredOnce(patientId: string, email: string): Promise<void> {
    // One visit, so one aftercare follow-up: nothing was booked twice.
    const planned = await api.get(`/v1/followups?patientId=${patientId}`);
    expect(planned.body).toHaveLength(1);
    const received = () => smtp.messages.filter((m) => m.envelope.to.includes(email)).length;
    // Left to the recovery sweep (one run a minute by default) once Redis is back.
    await eventually(async () => received() > 0, `the aftercare to ${email}`, 150_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(received()).toBe(1);
  }

  it('Redis refusing connections: the booking answers at once, books once, and the aftercare goes out when Redis returns', async () => {
    await proxy.cut();
    const { patientId, ms } = await bookDuringOutage('refused@patients.test');
    process.stdout.write(`redis refused: patient, booking, completion answered in ${ms.map((n) => Math.round(n)).join(', ')} ms\n`);
    await proxy.restore();
    await expectBookedOnceAndDeliveredOnce(patientId, 'refused@patients.test');
  }, 200_000);

  it('Redis hanging: the queue gets at most a second, the booking answers within 2 s, books once, and the aftercare goes out later', async () => {
    proxy.stall();
    const { patientId, ms } = await bookDuringOutage('hanging@patients.test');
    process.stdout.write(`redis hanging: patient, booking, completion answered in ${ms.map((n) => Math.round(n)).join(', ')} ms\n`);
    await proxy.restore();
    await expectBookedOnceAndDeliveredOnce(patientId, 'hanging@patients.test');
  }, 200_000);
});
