import { clinics, type DatabaseHandle, followups, patients } from '@app/shared';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { FollowupClaimsRepository } from './followup-claims.repository.js';

const step = {
  key: 'aftercare',
  kind: 'aftercare' as const,
  anchor: 'appointment.completed' as const,
  offset: 'PT2H',
  channel: 'email' as const,
  template: { subject: 's', email: 'e', sms: 'm' },
};

describe.each(testDatabases())('claiming follow-ups on $name', (database) => {
  let handle: DatabaseHandle;
  let claims: FollowupClaimsRepository;
  let owner: { clinicId: string; patientId: string };

  beforeAll(async () => {
    handle = await database.open();
    claims = new FollowupClaimsRepository(handle.db);
    const [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test', apiKeyHash: 'x'.repeat(64) }).returning();
    const [patient] = await handle.db.insert(patients).values({ clinicId: clinic.id, firstName: 'P', consentEmail: true, consentSms: false }).returning();
    owner = { clinicId: clinic.id, patientId: patient.id };
  });

  afterAll(() => handle.close());

  async function followup(anchorKey: string) {
    const [row] = await handle.db
      .insert(followups)
      .values({ ...owner, anchorKey, stepKey: 'aftercare', kind: 'aftercare', channel: 'email', step, sendAt: new Date() })
      .returning();
    return row;
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
    await claims.claim(row.id, row.version);
    await claims.release(row.id);
    const again = await claims.claim(row.id, row.version);
    expect(again?.attempts).toBe(2);
    await claims.settle(row.id, 'sent');
    expect((await claims.find(row.id))!).toMatchObject({ status: 'sent' });
    expect((await claims.find(row.id))!.sentAt).toBeInstanceOf(Date);
    await claims.release(row.id);
    expect((await claims.find(row.id))!.status).toBe('sent');
  });

  it('plans an occurrence once: the same anchor, step and channel cannot be inserted twice', async () => {
    await followup('once');
    const again = await handle.db
      .insert(followups)
      .values({ ...owner, anchorKey: 'once', stepKey: 'aftercare', kind: 'aftercare', channel: 'email', step, sendAt: new Date() })
      .onConflictDoNothing()
      .returning();
    expect(again).toHaveLength(0);
  });
});
