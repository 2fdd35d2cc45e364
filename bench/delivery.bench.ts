// npm run bench: end-to-end delivery throughput and lateness against the loopback SMTP sink and the
// Twilio fake, Redis bytes per pending follow-up, and a bare BullMQ baseline in the same run.
// BENCH_N (default 1000) follow-ups, half email and half SMS, all due within one second;
// NOTIFIER_CONCURRENCY (default 4) jobs in hand; BENCH_DATABASE_URL (postgres://…) runs on a fresh
// PostgreSQL database instead of in-memory PGlite.
import 'reflect-metadata';
import { clinics, followupJobs, followups, loadConfig, openDatabase, patients, QueueName } from '@app/shared';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startNotifier } from '../apps/notifier/src/app.js';
import { createPostgresDatabase, freePort, REDIS_URL, tempDir, uniquePrefix } from '../test/support/services.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import { TwilioFake } from '../test/support/twilio-fake.js';

const N = Number(process.env.BENCH_N ?? 1000);
const LEAD_MS = 4_000;
const WINDOW_MS = 1_000;
const TWILIO = { accountSid: `AC${'3'.repeat(32)}`, authToken: 'bench-auth-token' };
const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function redisBytes(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) total += Number((await redis.call('MEMORY', 'USAGE', key)) ?? 0);
  } while (cursor !== '0');
  return total;
}

async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

async function waitUntil(done: () => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function deliveryRun(redis: Redis) {
  const smtp = await new SmtpSink().start();
  const twilio = await new TwilioFake(TWILIO).start();
  const prefix = uniquePrefix();
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: tempDir(),
    SMTP_URL: `${smtp.url}/?pool=true&maxConnections=4`,
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_FROM: '+15145550199',
    TWILIO_API_URL: twilio.url,
    NOTIFIER_PORT: String(await freePort()),
    // The bench measures the pipeline, not the senders' contracts: pacing and caps out of the way.
    NOTIFIER_CONCURRENCY: process.env.NOTIFIER_CONCURRENCY ?? '4',
    SMS_PER_SECOND: '100000',
    EMAIL_PER_SECOND: '100000',
    SMS_CAP_PER_DAY: '0',
    SMS_CAP_PER_WEEK: '0',
    EMAIL_CAP_PER_DAY: '0',
  });
  const postgres = process.env.BENCH_DATABASE_URL ? await createPostgresDatabase(process.env.BENCH_DATABASE_URL) : undefined;
  const database = await openDatabase(postgres ? { url: postgres.url, dataDir: 'unused' } : { dataDir: 'memory://' });
  const [clinic] = await database.db.insert(clinics).values({ name: 'Bench Clinic', timezone: 'UTC', email: 'desk@bench.test', apiKeyHash: 'b'.repeat(64), quietHours: null }).returning();
  const step = {
    key: 'aftercare',
    kind: 'aftercare' as const,
    anchor: 'appointment.completed' as const,
    offset: 'PT2H',
    channel: 'both' as const,
    template: { subject: 'After your visit - {{clinicName}}', email: 'Hi {{firstName}}, drink water today.', sms: '{{clinicName}}: Hi {{firstName}}, drink water today.' },
  };
  const dueFrom = Date.now() + LEAD_MS;
  const sendAtOf = new Map<string, number>();
  const rows = [];
  for (let i = 0; i < N; i += 250) {
    const batch = Array.from({ length: Math.min(250, N - i) }, (_, j) => i + j);
    const made = await database.db
      .insert(patients)
      .values(batch.map((k) => ({ clinicId: clinic.id, firstName: `P${k}`, email: `p${k}@bench.test`, phone: `+1555${String(k).padStart(7, '0')}`, consentEmail: true, consentSms: true })))
      .returning();
    const planned = await database.db
      .insert(followups)
      .values(
        made.map((patient, j) => {
          const channel = (i + j) % 2 === 0 ? ('email' as const) : ('sms' as const);
          const sendAt = new Date(dueFrom + Math.floor(((i + j) / N) * WINDOW_MS));
          sendAtOf.set(channel === 'email' ? patient.email! : patient.phone!, sendAt.getTime());
          return { clinicId: clinic.id, patientId: patient.id, anchorKey: `bench-${i + j}`, stepKey: step.key, kind: step.kind, channel, step, sendAt };
        }),
      )
      .returning();
    rows.push(...planned);
  }
  const queue = new Queue(QueueName.Followups, { connection, prefix });
  for (let i = 0; i < rows.length; i += 500) {
    await queue.addBulk(followupJobs(rows.slice(i, i + 500), config.delivery));
  }
  const bytesPerFollowup = (await redisBytes(redis, prefix)) / N;

  const app = await startNotifier(config, database);
  if (Date.now() > dueFrom) console.warn('bench: set-up ran past the first due time; lateness includes it');
  await waitUntil(() => smtp.messages.length + twilio.messages.length >= N, 'every message');
  const received = [
    ...smtp.messages.map((m) => ({ to: m.envelope.to[0], at: m.receivedAt.getTime() })),
    ...twilio.messages.map((m) => ({ to: m.to, at: m.receivedAt.getTime() })),
  ];
  const lateness = received.map((r) => r.at - sendAtOf.get(r.to)!).sort((a, b) => a - b);
  const last = Math.max(...received.map((r) => r.at));
  const duplicates = received.length - new Set(received.map((r) => r.to)).size;

  await app.close();
  await queue.close();
  await database.close();
  await postgres?.drop();
  await smtp.stop();
  await twilio.stop();
  await clearPrefix(redis, prefix);
  return { rate: N / ((last - dueFrom) / 1000), lateness, bytesPerFollowup, duplicates, concurrency: config.delivery.concurrency };
}

async function bareRun(redis: Redis, concurrency: number) {
  const prefix = uniquePrefix();
  const queue = new Queue('bare', { connection, prefix });
  let done = 0;
  const worker = new Worker('bare', async () => undefined, { connection, prefix, concurrency, autorun: false });
  worker.on('completed', () => done++);
  for (let i = 0; i < N; i += 500) {
    await queue.addBulk(Array.from({ length: Math.min(500, N - i) }, (_, j) => ({ name: 'empty', data: {}, opts: { jobId: `bare-${i + j}`, removeOnComplete: { count: 10_000 } } })));
  }
  const bytesPerJob = (await redisBytes(redis, prefix)) / N;
  const started = Date.now();
  void worker.run();
  await waitUntil(() => done >= N, 'the bare jobs');
  const rate = N / ((Date.now() - started) / 1000);
  await worker.close();
  await queue.close();
  await clearPrefix(redis, prefix);
  return { rate, bytesPerJob };
}

const redis = new Redis(REDIS_URL);
const delivery = await deliveryRun(redis);
const bare = await bareRun(redis, delivery.concurrency);
redis.disconnect();

const ms = (v: number) => `${Math.round(v)} ms`;
console.log(`carecadence delivery benchmark: ${N} follow-ups (half email, half SMS) due within ${WINDOW_MS} ms, worker concurrency ${delivery.concurrency}, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}`);
console.log(`  end to end:        ${delivery.rate.toFixed(1)} messages/s (first due time to last message received)`);
console.log(`  lateness:          p50 ${ms(percentile(delivery.lateness, 50))}, p95 ${ms(percentile(delivery.lateness, 95))}, p99 ${ms(percentile(delivery.lateness, 99))}`);
console.log(`  Redis per pending: ${Math.round(delivery.bytesPerFollowup)} bytes per follow-up (MEMORY USAGE over the queue's keys / N)`);
console.log(`  duplicates:        ${delivery.duplicates}`);
console.log(`  bare BullMQ:       ${bare.rate.toFixed(1)} empty jobs/s, ${Math.round(bare.bytesPerJob)} bytes per waiting job`);
console.log(`  ratio:             bare BullMQ is ${(bare.rate / delivery.rate).toFixed(1)}× the end-to-end delivery rate`);
process.exit(0);
