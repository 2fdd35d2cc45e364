import { type Clinic, type DatabaseHandle, idempotencyKeys } from '@app/shared';
import { aClinic } from '@app/shared/testing/records.js';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { IdempotencyPurge } from './idempotency-purge.js';
import { IDEMPOTENCY_TTL_MS } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const HOUR = 3600_000;

describe.each(testDatabases())('idempotency records expire after 24 hours on $name', (database) => {
  let handle: DatabaseHandle;
  let keys: IdempotencyRepository;
  let clinic: Clinic;

  /** A key first used `hoursAgo` hours ago, its answer holding a patient's details. */
  async function usedKey(key: string, hoursAgo: number): Promise<void> {
    await handle.db.insert(idempotencyKeys).values({
      clinicId: clinic.id,
      key,
      requestHash: 'h1',
      status: 201,
      body: { firstName: 'Marguerite', email: 'marguerite@patients.test', phone: '+15145550187' },
      createdAt: new Date(Date.now() - hoursAgo * HOUR),
    });
  }

  const stored = async (key: string) => (await handle.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key)))[0];

  beforeAll(async () => {
    handle = await database.open();
    keys = new IdempotencyRepository(handle.db);
    clinic = await aClinic(handle.db);
  });

  afterAll(() => handle.close());

  it('forgets answers older than 24 hours, personal data included, and keeps the younger ones', async () => {
    await usedKey('old-1', 25);
    await usedKey('old-2', 24 * 30);
    await usedKey('young', 23);
    expect(await new IdempotencyPurge(keys).purge()).toBe(2);
    expect(await stored('old-1')).toBeUndefined();
    expect(await stored('old-2')).toBeUndefined();
    expect((await stored('young'))?.body).toMatchObject({ email: 'marguerite@patients.test' });
  });

  it('takes a key whose record expired as a new key, and not one used within the day', async () => {
    await usedKey('expired', 25);
    await usedKey('recent', 1);
    const expiredBefore = new Date(Date.now() - IDEMPOTENCY_TTL_MS);
    expect(await keys.claim(clinic.id, 'expired', 'h2', expiredBefore)).toBe(true);
    expect(await stored('expired')).toMatchObject({ requestHash: 'h2', status: null, body: null });
    expect(await keys.claim(clinic.id, 'recent', 'h2', expiredBefore)).toBe(false);
    expect(await stored('recent')).toMatchObject({ requestHash: 'h1', status: 201 });
  });
});
