import { clinics, type DatabaseHandle, deliveries, followups, loadConfig, patients, smsOptOutNotices, smsSuppressions } from '@app/shared';
import { eq } from 'drizzle-orm';
import { aCadenceVersion } from '@app/shared/testing/records.js';
import { testDatabases } from '../../../../test/support/databases.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';
import { LeaseKeeper } from './lease-keeper.js';

const step = {
  key: 'aftercare',
  kind: 'aftercare' as const,
  anchor: 'appointment.completed' as const,
  offset: 'PT2H',
  channel: 'email' as const,
  template: { en: { subject: 's', email: 'e', sms: 'm' } },
};

describe.each(testDatabases())('claiming follow-ups on $name', (database) => {
  let handle: DatabaseHandle;
  let claims: FollowupClaimsRepository;
  let owner: { clinicId: string; patientId: string };
  let versionId: string;

  beforeAll(async () => {
    handle = await database.open();
    claims = new FollowupClaimsRepository(handle.db, loadConfig({}));
    const [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test' }).returning();
    const [patient] = await handle.db
      .insert(patients)
      .values({ clinicId: clinic.id, firstName: 'P', phone: '+15145550123', consentEmail: true, consentSms: true })
      .returning();
    owner = { clinicId: clinic.id, patientId: patient.id };
    versionId = await aCadenceVersion(handle.db, clinic.id, [step]);
  });

  afterAll(() => handle.close());
  // One follow-up in flight per patient: each test starts with none.
  afterEach(() => handle.db.update(followups).set({ status: 'cancelled' }).where(eq(followups.status, 'sending')));

  async function followup(anchorKey: string, patientId = owner.patientId) {
    const [row] = await handle.db
      .insert(followups)
      .values({
        ...owner,
        patientId,
        anchorKey,
        stepKey: 'aftercare',
        kind: 'aftercare',
        channel: 'email',
        cadenceVersionId: versionId,
        sendAt: new Date(),
      })
      .returning();
    return row;
  }

  async function anotherPatient(): Promise<string> {
    const [patient] = await handle.db
      .insert(patients)
      .values({ clinicId: owner.clinicId, firstName: 'Q', email: 'q@q.test', consentEmail: true, consentSms: false })
      .returning();
    return patient.id;
  }

  it('lets exactly one of many concurrent claims win', async () => {
    const row = await followup('concurrent');
    const results = await Promise.all(Array.from({ length: 8 }, () => claims.claim(row.id, row.version)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await claims.find(row.id))!).toMatchObject({ status: 'sending', attempts: 1 });
  });

  it('refuses a claim for an old version (a job left over from a reschedule)', async () => {
    const row = await followup('stale');
    await handle.db.update(followups).set({ version: 2 }).where(eq(followups.id, row.id));
    expect(await claims.claim(row.id, 1)).toBeUndefined();
    expect(await claims.claim(row.id, 2)).toBeDefined();
  });

  it('refuses a claim for a cancelled follow-up', async () => {
    const row = await followup('cancelled');
    await handle.db.update(followups).set({ status: 'cancelled', reason: 'appointment-cancelled' }).where(eq(followups.id, row.id));
    expect(await claims.claim(row.id, row.version)).toBeUndefined();
  });

  it('releases after a transient error so the retry can claim again, and settles once', async () => {
    const row = await followup('retry');
    const first = (await claims.claim(row.id, row.version))!.followup;
    await claims.release(first);
    const again = (await claims.claim(row.id, row.version))!.followup;
    expect(again.attempts).toBe(2);
    expect(again.leaseToken).not.toBe(first.leaseToken);
    await claims.settle(again, 'sent');
    expect((await claims.find(row.id))!).toMatchObject({ status: 'sent' });
    expect((await claims.find(row.id))!.sentAt).toBeInstanceOf(Date);
    await claims.release(again);
    expect((await claims.find(row.id))!.status).toBe('sent');
  });

  describe('a claim is a lease', () => {
    const lease = loadConfig({}).delivery.claimLeaseMs;

    it('lasts CLAIM_LEASE_MS from the claim and is extended by its holder', async () => {
      const row = await followup('lease-renew');
      const before = Date.now();
      const { followup: claimed } = (await claims.claim(row.id, row.version))!;
      expect(claimed.leaseToken).toEqual(expect.any(String));
      expect(claimed.leaseExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + lease - 1000);
      await new Promise((r) => setTimeout(r, 50));
      expect(await claims.renew([claimed.leaseToken!, crypto.randomUUID()])).toEqual(new Set([claimed.leaseToken]));
      expect((await claims.find(row.id))!.leaseExpiresAt!.getTime()).toBeGreaterThan(claimed.leaseExpiresAt!.getTime());
      // Renewing moves the lease, not the claim's time, which recovery reads as "sent since".
      expect((await claims.find(row.id))!.updatedAt).toEqual(claimed.updatedAt);
    });

    it('cannot be taken over, nor found abandoned, while it has not lapsed, however long the send takes', async () => {
      const row = await followup('lease-live');
      const { followup: claimed } = (await claims.claim(row.id, row.version))!;
      expect(await claims.takeOver(row.id)).toBeUndefined();
      expect((await claims.abandoned(new Date(), 500)).map((f) => f.id)).not.toContain(row.id);
      expect(await claims.leaseOf(row.id, row.version)).toEqual({ heldUntil: claimed.leaseExpiresAt });
      // Long after the claim, a renewed lease still holds.
      await handle.db
        .update(followups)
        .set({ updatedAt: new Date(Date.now() - 3600_000) })
        .where(eq(followups.id, row.id));
      await claims.renew([claimed.leaseToken!]);
      expect(await claims.takeOver(row.id)).toBeUndefined();
    });

    it('once lapsed, is taken over with a new token; only the new holder can settle it', async () => {
      const row = await followup('lease-lapsed');
      const { followup: dead } = (await claims.claim(row.id, row.version))!;
      const later = new Date(Date.now() + lease + 1000);
      expect(await claims.leaseOf(row.id, row.version, later)).toEqual({ lapsed: true });
      expect((await claims.abandoned(later, 500)).map((f) => f.id)).toContain(row.id);
      const taken = (await claims.takeOver(row.id, later))!;
      expect(taken.leaseToken).not.toBe(dead.leaseToken);
      expect(taken.updatedAt).toEqual(dead.updatedAt);
      expect(await claims.takeOver(row.id)).toBeUndefined();

      // The old holder, had it been alive after all, can no longer renew, release or record.
      expect(await claims.renew([dead.leaseToken!])).toEqual(new Set());
      await claims.release(dead);
      expect(await claims.record({ followup: dead, status: 'sent' })).toBe(false);
      expect((await claims.find(row.id))!.status).toBe('sending');
      expect(await claims.record({ followup: taken, status: 'failed', reason: 'interrupted' })).toBe(true);
      expect((await claims.find(row.id))!.status).toBe('failed');
    });
  });

  describe('its keeper, which a send asks before calling the provider', () => {
    const lease = loadConfig({}).delivery.claimLeaseMs;
    let keeper: LeaseKeeper;
    beforeAll(() => (keeper = new LeaseKeeper(claims, loadConfig({}))));
    afterAll(() => keeper.onModuleDestroy());

    it('calls a lease fresh for half a lease from its last confirmation', async () => {
      const row = await followup('keeper-fresh');
      const askedAt = Date.now();
      const { followup: claimed } = (await claims.claim(row.id, row.version))!;
      keeper.hold(claimed.leaseToken, askedAt);
      expect(keeper.isFresh(claimed.leaseToken, askedAt + lease / 2 - 1)).toBe(true);
      // Renewals that failed for half a lease (the database away): the send must confirm it itself.
      expect(keeper.isFresh(claimed.leaseToken, askedAt + lease / 2)).toBe(false);
      keeper.release(claimed.leaseToken);
      expect(keeper.isFresh(claimed.leaseToken, askedAt)).toBe(false);
    });

    it("is fresh again once a confirmation kept it, while it is the holder's", async () => {
      const row = await followup('keeper-confirm');
      const { followup: claimed } = (await claims.claim(row.id, row.version))!;
      // As if the claim had been asked for a whole lease ago and its renewals had all failed since.
      keeper.hold(claimed.leaseToken, Date.now() - lease);
      expect(keeper.isFresh(claimed.leaseToken)).toBe(false);
      expect(await keeper.confirm(claimed.leaseToken)).toBe(true);
      expect(keeper.isFresh(claimed.leaseToken)).toBe(true);
      keeper.release(claimed.leaseToken);
    });

    it('does not confirm a lease that lapsed and was taken over', async () => {
      const row = await followup('keeper-taken');
      const askedAt = Date.now();
      const { followup: claimed } = (await claims.claim(row.id, row.version))!;
      keeper.hold(claimed.leaseToken, askedAt);
      expect(await claims.takeOver(row.id, new Date(Date.now() + lease + 1000))).toBeDefined();
      expect(await keeper.confirm(claimed.leaseToken)).toBe(false);
      keeper.release(claimed.leaseToken);
    });
  });

  it('returns with the claim what the send needs: patient, clinic, suppression, opt-out notice, past messages', async () => {
    const sender = 'outbox';
    await handle.db.insert(smsSuppressions).values({ phone: '+15145550123', sender, source: 'sms-stop' });
    const hintAt = new Date('2026-01-02T03:04:05Z');
    await handle.db.insert(smsOptOutNotices).values({ phone: '+15145550123', sender, lastSentAt: hintAt });
    const earlier = await followup('earlier');
    const sentAt = new Date(Date.now() - 3_600_000);
    await handle.db
      .insert(deliveries)
      .values({ ...owner, followupId: earlier.id, channel: 'sms', to: '+15145550123', status: 'delivered', attempt: 1, createdAt: sentAt });
    const row = await followup('context');

    const claimed = await claims.claim(row.id, row.version);

    expect(claimed!.followup).toMatchObject({ id: row.id, status: 'sending', attempts: 1 });
    expect(claimed!.context).toMatchObject({ patient: { id: owner.patientId }, clinic: { id: owner.clinicId } });
    expect(claimed!.context!.appointment).toBeUndefined();
    expect(claimed!.context!.facts).toEqual({
      smsSuppressed: true,
      optOutHintSentAt: hintAt,
      sentTimes: { email: [], sms: [sentAt] },
      bookedAhead: false,
      smsAnswerLostSince: null,
    });
    await handle.db.delete(smsSuppressions);
    await handle.db.delete(smsOptOutNotices);
  });

  it('claims concurrent jobs in a few statements, each job getting its own row', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, async (_, i) => followup(`batch-${i}`, await anotherPatient())));
    const claimed = await Promise.all(rows.map((row) => claims.claim(row.id, row.version)));
    expect(claimed.map((c) => c?.followup.id)).toEqual(rows.map((row) => row.id));
  });

  it('claims one follow-up per patient at a time; the other stays scheduled until the first is recorded', async () => {
    const patientId = await anotherPatient();
    const rows = await Promise.all(['one-a', 'one-b', 'one-c'].map((key) => followup(key, patientId)));
    const claimed = await Promise.all(rows.map((row) => claims.claim(row.id, row.version)));
    expect(claimed.filter(Boolean)).toHaveLength(1);
    const waiting = rows.filter((_, i) => !claimed[i]);
    for (const row of waiting) expect(await claims.leaseOf(row.id, row.version)).toEqual({ patientBusy: true });
    const { followup: first } = claimed.find(Boolean)!;
    expect(await claims.record({ followup: first, status: 'sent' })).toBe(true);
    expect(await claims.claim(waiting[0].id, waiting[0].version)).toBeDefined();
    expect(await claims.claim(waiting[1].id, waiting[1].version)).toBeUndefined();
  });

  it('records a try and the outcome together; a follow-up no longer sending is left alone', async () => {
    const row = await followup('record');
    const { followup: claimed } = (await claims.claim(row.id, row.version))!;
    const delivery = {
      id: crypto.randomUUID(),
      channel: 'sms' as const,
      to: '+15145550123',
      attempt: 1,
      startedAt: new Date(Date.now() - 50),
    };
    const recorded = await claims.record({
      followup: claimed,
      status: 'sent',
      language: 'fr',
      delivery: { ...delivery, status: 'sent', providerMessageId: 'SM1', segments: 1, hinted: true },
    });
    expect(recorded).toBe(true);
    expect(await claims.find(row.id)).toMatchObject({ status: 'sent', language: 'fr', sentAt: expect.any(Date) });
    const [record] = await handle.db.select().from(deliveries).where(eq(deliveries.followupId, row.id));
    expect(record).toMatchObject({ id: delivery.id, status: 'sent', providerMessageId: 'SM1', createdAt: delivery.startedAt });
    const [notice] = await handle.db.select().from(smsOptOutNotices);
    expect(notice).toEqual({ phone: '+15145550123', sender: 'outbox', lastSentAt: delivery.startedAt });

    expect(await claims.record({ followup: claimed, status: 'failed', reason: 'late' })).toBe(false);
    expect((await claims.find(row.id))!.status).toBe('sent');
  });

  it('plans an occurrence once: the same anchor, step and channel cannot be inserted twice', async () => {
    await followup('once');
    const again = await handle.db
      .insert(followups)
      .values({
        ...owner,
        anchorKey: 'once',
        stepKey: 'aftercare',
        kind: 'aftercare',
        channel: 'email',
        cadenceVersionId: versionId,
        sendAt: new Date(),
      })
      .onConflictDoNothing()
      .returning();
    expect(again).toHaveLength(0);
  });
});
