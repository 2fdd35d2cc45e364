import { Logger } from '@nestjs/common';
import { clinics, type DatabaseHandle, deliveries, followupJobId, followups, loadConfig, patients } from '@app/shared';
import { Queue, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { REDIS_URL, tempDir, uniquePrefix } from '../../../../test/support/services.js';
import { OptOutNoticesRepository } from '../channels/sms/opt-out-notices.repository.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';
import { FollowupQueueRepository } from './followup-queue.repository.js';
import { RecoverySweepService } from './recovery-sweep.service.js';

const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
const step = { key: 'aftercare', kind: 'aftercare' as const, anchor: 'appointment.completed' as const, offset: 'PT2H', channel: 'email' as const, template: { subject: 's', email: 'e', sms: 'm' } };

describe.each(testDatabases())('the recovery sweep on $name and real Redis', (database) => {
  let handle: DatabaseHandle;
  let owner: { clinicId: string; patientId: string };
  let queue: Queue;
  let sweep: RecoverySweepService;
  let n = 0;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
    const [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test', apiKeyHash: 'z'.repeat(64) }).returning();
    const [patient] = await handle.db.insert(patients).values({ clinicId: clinic.id, firstName: 'P', email: 'p@p.test', consentEmail: true, consentSms: false }).returning();
    owner = { clinicId: clinic.id, patientId: patient.id };
  });
  afterAll(() => handle.close());

  beforeEach(() => {
    const config = loadConfig({ QUEUE_PREFIX: uniquePrefix(), DATA_DIR: tempDir(), STUCK_SENDING_MS: '5000' });
    queue = new Queue('followups', { connection, prefix: config.queuePrefix });
    const claims = new FollowupClaimsRepository(handle.db);
    sweep = new RecoverySweepService(claims, new DeliveriesRepository(handle.db), new FollowupQueueRepository(queue, config), new SmsChannel(config, new OptOutNoticesRepository(handle.db)), config);
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
      .values({ ...owner, anchorKey: `a${n++}`, stepKey: 'aftercare', kind: 'aftercare', channel: 'email', step, sendAt: new Date(Date.now() - 1000), ...values })
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
    await handle.db.insert(deliveries).values({ ...owner, followupId: row.id, channel: 'email', to: 'p@p.test', status: 'sent', attempt: 1, providerMessageId: '<m@x>' });
    expect(await sweep.sweep()).toMatchObject({ recoveredSent: 1, resent: 0, enqueued: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after.status).toBe('sent');
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
  });

  it('sends again a follow-up abandoned mid-send, recording the interrupted try', async () => {
    const row = await followup({ status: 'sending', attempts: 1, updatedAt: new Date(Date.now() - 60_000) });
    const [record] = await handle.db.insert(deliveries).values({ ...owner, followupId: row.id, channel: 'email', to: 'p@p.test', status: 'sending', attempt: 1 }).returning();
    expect(await sweep.sweep()).toMatchObject({ resent: 1 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'scheduled', version: 2 });
    expect(await queue.getJob(followupJobId(row.id, 2))).toBeDefined();
    const [settled] = await handle.db.select().from(deliveries).where(eq(deliveries.id, record.id));
    expect(settled).toMatchObject({ status: 'failed', error: 'interrupted' });
  });

  it('leaves alone a follow-up claimed moments ago (a live send)', async () => {
    const row = await followup({ status: 'sending', attempts: 1 });
    expect(await sweep.sweep()).toEqual({ enqueued: 0, replaced: 0, recoveredSent: 0, resent: 0 });
    const [after] = await handle.db.select().from(followups).where(eq(followups.id, row.id));
    expect(after).toMatchObject({ status: 'sending', version: 1 });
  });
});
