import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { closeNotifier, startNotifier } from '@app/services';
import { clinics, type DatabaseHandle, followupJobId, followupJobs, followups, loadConfig, openDatabase, QueueName } from '@app/shared';
import { aClinic, aFollowup, aPatient } from '@app/shared/testing/records.js';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { eventually, freePort, REDIS_URL, tempDir, uniquePrefix } from './support/services.js';
import { sample } from './support/metrics.js';

/**
 * What `carecadence_messages_total` says about a follow-up that was deferred (quiet hours) and
 * later sent: once `deferred`, once `sent`, never `skipped` — and the recovery sweep, running every
 * second here, counts as nothing at all. The notifier runs in this process on PGlite and real Redis.
 */
describe('message outcomes in the metrics', () => {
  const prefix = uniquePrefix();
  let port: number;
  let database: DatabaseHandle;
  let notifier: INestApplication;
  let queue: Queue;

  beforeAll(async () => {
    port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      NOTIFIER_PORT: String(port),
      SWEEP_INTERVAL_MS: '1000',
      // The deferral below lands up to an hour ahead: inside this window, so its job is in Redis.
      SEND_WINDOW: 'PT2H',
    });
    database = await openDatabase({ dataDir: 'memory://' });
    notifier = await startNotifier(config, database);
    const redis = new URL(REDIS_URL);
    queue = new Queue(QueueName.Followups, { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix });

    const hour = new Date().getUTCHours();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const clinic = await aClinic(database.db, { quietHours: { start: hh(hour - 1), end: hh(hour + 1) } });
    const followup = await aFollowup(database.db, await aPatient(database.db, clinic));
    await queue.addBulk(followupJobs([followup], config.delivery));

    // Due inside the clinic's quiet hours: moved to their end under a new version.
    const deferred = await eventually(async () => {
      const [row] = await database.db.select().from(followups).where(eq(followups.id, followup.id));
      return row.version === 2 && row;
    }, 'the follow-up to be deferred');
    expect(deferred).toMatchObject({ status: 'scheduled', reason: 'quiet-hours' });

    // The clinic drops its quiet hours and the waiting job is run now: this time it goes out.
    await database.db.update(clinics).set({ quietHours: null }).where(eq(clinics.id, clinic.id));
    await (await queue.getJob(followupJobId(followup.id, 2)))!.promote();
    await eventually(async () => {
      const [row] = await database.db.select().from(followups).where(eq(followups.id, followup.id));
      return row.status === 'sent';
    }, 'the follow-up to be sent');
    // Let the sweep run a few times, as it does every minute in production.
    await new Promise((resolve) => setTimeout(resolve, 2500));
  });

  afterAll(async () => {
    await queue?.close();
    await closeNotifier(notifier);
    await database.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('counts a deferred then sent follow-up once as deferred and once as sent, never as skipped', async () => {
    const metrics = await eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return sample(text, 'carecadence_messages_total', { outcome: 'sent' }) === 1 && text;
    }, 'the send to be counted');
    expect(sample(metrics, 'carecadence_messages_total', { channel: 'email', kind: 'aftercare', outcome: 'deferred' })).toBe(1);
    expect(sample(metrics, 'carecadence_messages_total', { channel: 'email', kind: 'aftercare', outcome: 'sent' })).toBe(1);
    expect(sample(metrics, 'carecadence_messages_total', { outcome: 'skipped' })).toBeUndefined();
  });
});
