import { Logger } from '@nestjs/common';
import {
  clinics,
  type DatabaseHandle,
  deliveries,
  followupJobId,
  followupPartition,
  FollowupQueues,
  followups,
  loadConfig,
  patients,
  PeriodicJobs,
  redisOptionsFromUrl,
} from '@app/shared';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { aCadenceVersion } from '@app/shared/testing/records.js';
import { testDatabases } from '../../../../test/support/databases.js';
import { REDIS_URL, tempDir, uniquePrefix } from '../../../../test/support/services.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { DeliveriesRepository } from '../records/deliveries.repository.js';
import { UnrecordedSms } from '../records/unrecorded-sms.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { FollowupQueueRepository } from '../queue/followup-queue.repository.js';
import { RecoverySweepService } from './recovery-sweep.service.js';

const connection = redisOptionsFromUrl(REDIS_URL);
const step = {
  key: 'aftercare',
  kind: 'aftercare' as const,
  anchor: 'appointment.completed' as const,
  offset: 'PT2H',
  channel: 'email' as const,
  template: { en: { subject: 's', email: 'e', sms: 'm' } },
};

describe.each(testDatabases())('the recovery sweep on $name and real Redis', (database) => {
  let handle: DatabaseHandle;
  let owner: { clinicId: string; patientId: string };
  let versionId: string;
  let queue: Queue;
  let sweep: RecoverySweepService;
  let n = 0;

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

  function sweepWith(config: ReturnType<typeof loadConfig>, base: Queue): { sweep: RecoverySweepService; queues: FollowupQueues } {
    const queues = new FollowupQueues(base, config, connection);
    const service = new RecoverySweepService(
      new FollowupClaimsRepository(handle.db, config),
      new DeliveriesRepository(handle.db),
      new FollowupQueueRepository(base, queues, config),
      new UnrecordedSms(new SmsChannel(config), new DeliveriesRepository(handle.db)),
      new PeriodicJobs(new HealthIndicatorService()),
      config,
    );
    return { sweep: service, queues };
  }

  beforeEach(() => {
    const config = loadConfig({ QUEUE_PREFIX: uniquePrefix(), DATA_DIR: tempDir() });
    queue = new Queue('followups', { connection, prefix: config.queuePrefix });
    sweep = sweepWith(config, queue).sweep;
  });
  afterEach(async () => {
    await handle.db.update(followups).set({ status: 'cancelled' }).where(eq(followups.status, 'scheduled'));
    await handle.db.update(followups).set({ status: 'cancelled' }).where(eq(followups.status, 'sending'));
    await queue.obliterate({ force: true });
    await queue.close();
  });

  async function followup(values: Partial<typeof followups.$inferInsert> = {}) {
    const [row] = await handle.db
      .insert(followups)
      .values({
        ...owner,
        anchorKey: `a${n++}`,
        stepKey: 'aftercare',
        kind: 'aftercare',
        channel: 'email',
        cadenceVersionId: versionId,
        sendAt: new Date(Date.now() - 1000),
        ...values,
      })
      .returning();
    return row;
  }

  it('enqueues a due follow-up whose job Redis lost, once however often it runs', async () => {
    const row = await followup();
    expect(await sweep.sweep()).toMatchObject({ enqueued: 1 });
    expect(await queue.getJob(followupJobId(row.id, 1))).toBeDefined();
    expect(await sweep.sweep()).toMatchObject({ enqueued: 0 });
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });
  });

  it('after QUEUE_PARTITIONS changes, enqueues each due follow-up whose job sits in a partition no notifier reads any more into its new partition', async () => {
    const prefix = uniquePrefix();
    const before = loadConfig({ QUEUE_PREFIX: prefix, DATA_DIR: tempDir(), QUEUE_PARTITIONS: '4' });
    const after = loadConfig({ QUEUE_PREFIX: prefix, DATA_DIR: tempDir(), QUEUE_PARTITIONS: '2' });
    const base = new Queue('followups', { connection, prefix });
    const four = sweepWith(before, base);
    const two = sweepWith(after, base);
    try {
      const rows = await Promise.all(Array.from({ length: 12 }, () => followup()));
      await four.queues.enqueue(rows);
      // Jobs in partitions 2 and 3 of the old layout are read by nobody once there are two partitions.
      const stranded = rows.filter((row) => followupPartition(row.id, 4) >= 2);
      expect(stranded.length).toBeGreaterThan(0);
      const report = await two.sweep.sweep();
      const moved = rows.filter((row) => followupPartition(row.id, 4) !== followupPartition(row.id, 2));
      expect(report.enqueued).toBe(moved.length);
      for (const row of rows) {
        const job = await two.queues.queueOf(row.id).getJob(followupJobId(row.id, 1));
        expect(job?.data).toEqual({ followup: row.id, version: 1 });
      }
      expect(stranded.every((row) => moved.includes(row))).toBe(true);
      expect(await two.sweep.sweep()).toMatchObject({ enqueued: 0 });
    } finally {
      for (const queue of [...four.queues.partitions, ...two.queues.partitions, base]) await queue.obliterate({ force: true });
      await four.queues.onApplicationShutdown();
      await two.queues.onApplicationShutdown();
      await base.close();
    }
  });

  it('gives a scheduled follow-up whose job already finished a new version and job', async () => {
    const row = await followup();
    await queue.add('send-followup', { followupId: row.id, version: 1 }, { jobId: followupJobId(row.id, 1) });
    const worker = new Worker('followups', async () => 'not-claimable', { connection, prefix: queue.opts.prefix });
    await new Promise((resolve) => worker.once('completed', resolve));
    await worker.close();

    expect(await sweep.sweep()).toMatchObject({ enqueued: 1, replaced: 1 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'scheduled', version: 2 });
    expect(await (await queue.getJob(followupJobId(row.id, 2)))?.getState()).toBe('waiting');
  });

  it('settles a follow-up abandoned after its delivery was recorded sent, without sending again', async () => {
    const row = await followup({ status: 'sending', attempts: 1, updatedAt: new Date(Date.now() - 60_000) });
    await handle.db
      .insert(deliveries)
      .values({ ...owner, followupId: row.id, channel: 'email', to: 'p@p.test', status: 'sent', attempt: 1, providerMessageId: '<m@x>' });
    expect(await sweep.sweep()).toMatchObject({ recoveredSent: 1, resent: 0, enqueued: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after.status).toBe('sent');
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
  });

  it('sends again a follow-up abandoned mid-send, recording the interrupted try', async () => {
    const row = await followup({ status: 'sending', attempts: 1, updatedAt: new Date(Date.now() - 60_000) });
    const [record] = await handle.db
      .insert(deliveries)
      .values({ ...owner, followupId: row.id, channel: 'email', to: 'p@p.test', status: 'sending', attempt: 1 })
      .returning();
    expect(await sweep.sweep()).toMatchObject({ resent: 1 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'scheduled', version: 2 });
    expect(await queue.getJob(followupJobId(row.id, 2))).toBeDefined();
    const [settled] = await handle.db.select().from(deliveries).where(eq(deliveries.id, record.id));
    expect(settled).toMatchObject({ status: 'failed', error: 'interrupted' });
  });

  it('sends again a follow-up whose worker died during the send, putting the cut-short try on record', async () => {
    const claimedAt = new Date(Date.now() - 60_000);
    const row = await followup({ status: 'sending', attempts: 1, updatedAt: claimedAt });
    expect(await sweep.sweep()).toMatchObject({ resent: 1, recoveredSent: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'scheduled', version: 2 });
    expect(await queue.getJob(followupJobId(row.id, 2))).toBeDefined();
    const records = await handle.db.select().from(deliveries).where(eq(deliveries.followupId, row.id));
    expect(records).toEqual([
      expect.objectContaining({
        channel: 'email',
        to: 'p@p.test',
        status: 'failed',
        error: 'interrupted',
        attempt: 1,
        createdAt: claimedAt,
      }),
    ]);
  });

  it('leaves alone a claim taken an hour ago whose holder still renews its lease (a slow provider)', async () => {
    const row = await followup({
      status: 'sending',
      attempts: 1,
      updatedAt: new Date(Date.now() - 3600_000),
      leaseToken: crypto.randomUUID(),
      leaseExpiresAt: new Date(Date.now() + 20_000),
    });
    expect(await sweep.sweep()).toEqual({ enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'sending', version: 1, leaseToken: row.leaseToken });
  });

  it('takes over a claim as soon as its lease lapsed, however recent the claim', async () => {
    const row = await followup({
      status: 'sending',
      attempts: 1,
      updatedAt: new Date(Date.now() - 2000),
      leaseToken: crypto.randomUUID(),
      leaseExpiresAt: new Date(Date.now() - 1000),
    });
    expect(await sweep.sweep()).toMatchObject({ resent: 1 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'scheduled', version: 2 });
    expect(after.leaseToken).not.toBe(row.leaseToken);
  });

  it('leaves alone a follow-up claimed moments ago (a live send)', async () => {
    const row = await followup({ status: 'sending', attempts: 1 });
    expect(await sweep.sweep()).toEqual({ enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'sending', version: 1 });
  });
});
