import { Logger } from '@nestjs/common';
import {
  clinics,
  type DatabaseHandle,
  followupJobId,
  FollowupQueues,
  followups,
  loadConfig,
  patients,
  PeriodicJobs,
  redisOptionsFromUrl,
} from '@app/shared';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { aCadenceVersion } from '@app/shared/testing/records.js';
import { testDatabases } from '../../../../test/support/databases.js';
import { REDIS_URL, tempDir, uniquePrefix } from '../../../../test/support/services.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { FollowupQueueRepository } from '../queue/followup-queue.repository.js';
import { SendWindowPromoter } from './send-window-promoter.service.js';

const connection = redisOptionsFromUrl(REDIS_URL);
const step = {
  key: 'aftercare',
  kind: 'aftercare' as const,
  anchor: 'appointment.completed' as const,
  offset: 'PT2H',
  channel: 'email' as const,
  template: { en: { subject: 's', email: 'e', sms: 'm' } },
};
const MINUTE = 60_000;

describe.each(testDatabases())('the send window on $name and real Redis', (database) => {
  let handle: DatabaseHandle;
  let owner: { clinicId: string; patientId: string };
  let versionId: string;
  let queue: Queue;
  let queueDoor: FollowupQueueRepository;
  let promoter: SendWindowPromoter;
  let n = 0;
  const now = new Date();

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
    const [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test' }).returning();
    const [patient] = await handle.db
      .insert(patients)
      .values({ clinicId: clinic.id, firstName: 'P', email: 'p@p.test', consentEmail: true, consentSms: false })
      .returning();
    owner = { clinicId: clinic.id, patientId: patient.id };
    versionId = await aCadenceVersion(handle.db, clinic.id, [step]);
  });
  afterAll(() => handle.close());

  beforeEach(async () => {
    await handle.db.delete(followups);
    const config = loadConfig({ QUEUE_PREFIX: uniquePrefix(), DATA_DIR: tempDir() });
    queue = new Queue('followups', { connection, prefix: config.queuePrefix });
    queueDoor = new FollowupQueueRepository(queue, new FollowupQueues(queue, config, connection), config);
    promoter = new SendWindowPromoter(
      new FollowupClaimsRepository(handle.db, config),
      queueDoor,
      new PeriodicJobs(new HealthIndicatorService()),
      config,
    );
  });
  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  async function dueIn(ms: number) {
    const [row] = await handle.db
      .insert(followups)
      .values({
        ...owner,
        anchorKey: `a${++n}`,
        stepKey: 'aftercare',
        kind: 'aftercare',
        channel: 'email',
        cadenceVersionId: versionId,
        sendAt: new Date(now.getTime() + ms),
      })
      .returning();
    return row;
  }
  const queued = async (...rows: { id: string; version: number }[]) =>
    Promise.all(rows.map(async (row) => (await queue.getJob(followupJobId(row.id, row.version))) !== undefined));

  it('keeps in Redis only what is due within the window, and enqueues the rest as it comes within', async () => {
    const soon = await dueIn(5 * MINUTE);
    const later = await dueIn(60 * MINUTE);
    const farAway = await dueIn(40 * 24 * 60 * MINUTE);

    // What the scheduler does after planning: only the one due within 15 minutes becomes a job.
    await queueDoor.enqueue([soon, later, farAway]);
    expect(await queued(soon, later, farAway)).toEqual([true, false, false]);

    expect(await promoter.promote(now)).toEqual({ enqueued: 1, refilled: true });
    expect(await promoter.promote(new Date(now.getTime() + 50 * MINUTE))).toEqual({ enqueued: 1, refilled: false });
    expect(await queued(soon, later, farAway)).toEqual([true, true, false]);
    const job = await queue.getJob(followupJobId(later.id, later.version));
    expect(await job!.getState()).toBe('delayed');
  });

  it('refills a Redis that lost its data on the next run', async () => {
    const overdue = await dueIn(-10 * MINUTE);
    const soon = await dueIn(5 * MINUTE);
    const later = await dueIn(60 * MINUTE);
    await promoter.promote(now);
    expect(await queued(overdue, soon, later)).toEqual([true, true, false]);

    // As after FLUSHALL: the jobs and the promoter's own mark are gone.
    const redis = new Redis(REDIS_URL);
    await queue.obliterate({ force: true });
    await redis.del(`${queue.opts.prefix}:followups:promoted-until`);
    redis.disconnect();
    expect(await queued(overdue, soon, later)).toEqual([false, false, false]);

    expect(await promoter.promote(now)).toEqual({ enqueued: 2, refilled: true });
    expect(await queued(overdue, soon, later)).toEqual([true, true, false]);
  });

  it('picks up a follow-up that came within the window just behind the last run (committed while it read)', async () => {
    await promoter.promote(now);
    const behind = await dueIn(15 * MINUTE - 30_000);
    expect(await promoter.promote(new Date(now.getTime() + MINUTE))).toEqual({ enqueued: 1, refilled: false });
    expect(await queued(behind)).toEqual([true]);
  });

  it('with four partitions, one promoter run enqueues each follow-up entering the window into its own partition', async () => {
    const config = loadConfig({ QUEUE_PREFIX: uniquePrefix(), DATA_DIR: tempDir(), QUEUE_PARTITIONS: '4' });
    const base = new Queue('followups', { connection, prefix: config.queuePrefix });
    const queues = new FollowupQueues(base, config, connection);
    const partitioned = new SendWindowPromoter(
      new FollowupClaimsRepository(handle.db, config),
      new FollowupQueueRepository(base, queues, config),
      new PeriodicJobs(new HealthIndicatorService()),
      config,
    );
    try {
      const rows = await Promise.all(Array.from({ length: 16 }, (_, i) => dueIn((i + 1) * 30_000)));
      const farAway = await dueIn(60 * MINUTE);
      expect(await partitioned.promote(now)).toEqual({ enqueued: 16, refilled: true });
      for (const row of rows) {
        const job = await queues.queueOf(row.id).getJob(followupJobId(row.id, row.version));
        expect(job?.data).toEqual({ followup: row.id, version: row.version });
      }
      const perPartition = await Promise.all(queues.partitions.map((queue) => queue.getJobCountByTypes('delayed', 'waiting')));
      expect(perPartition.reduce((a, b) => a + b, 0)).toBe(16);
      expect(perPartition.filter((n) => n > 0).length).toBeGreaterThan(1);
      expect(await queues.queueOf(farAway.id).getJob(followupJobId(farAway.id, farAway.version))).toBeUndefined();
      expect(await base.getJobCountByTypes('delayed', 'waiting')).toBe(0);
    } finally {
      for (const queue of [...queues.partitions, base]) await queue.obliterate({ force: true });
      await queues.onApplicationShutdown();
      await base.close();
    }
  });
});
