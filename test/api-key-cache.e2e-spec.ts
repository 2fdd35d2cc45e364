// API keys are kept by each scheduler for a short while (API_KEY_CACHE_TTL_MS) so a busy booking
// system does not cost a database look-up per request; revoking a key drops it at once in every
// scheduler, over Redis pub/sub. Two schedulers on one database and one Redis, as two replicas.
import type { INestApplication } from '@nestjs/common';
import { API_KEY_CACHE_TTL_MS, ApiKeyCache } from '@app/clinics';
import { apiKeys } from '@app/shared';
import { startScheduler } from '@app/services';
import { eq } from 'drizzle-orm';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';
import { freePort } from './support/services.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

describe('API keys cached by each scheduler', () => {
  let server: Started;
  let replica: INestApplication;
  let replicaUrl: string;
  let owner: Api;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const port = await freePort();
    replica = await startScheduler({ ...server.config, schedulerPort: port }, server.database);
    replicaUrl = `http://127.0.0.1:${port}`;
    const admin = new Api(server.baseUrl, server.config.adminToken);
    owner = admin.as(
      (await admin.post('/v1/clinics', { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test' })).body
        .apiKey,
    );
  });

  afterAll(async () => {
    await replica?.close();
    await server?.stop();
  });

  it('answers a known key without the database, and stops honouring a revoked one at once on every replica', async () => {
    const made = await owner.post('/v1/api-keys', { name: 'Jane booking sync' });
    expect(made.status).toBe(201);
    const here = new Api(server.baseUrl, made.body.key);
    const there = new Api(replicaUrl, made.body.key);
    // A new key works at once on both (a key that was not found is never kept).
    expect((await here.get('/v1/cadences')).status).toBe(200);
    expect((await there.get('/v1/cadences')).status).toBe(200);

    // Revoked behind the schedulers' backs, straight in the database: both still honour it from
    // what they keep, which is what spares the look-up (and why revoking must tell them).
    await server.database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, made.body.id));
    expect((await here.get('/v1/cadences')).status).toBe(200);
    expect((await there.get('/v1/cadences')).status).toBe(200);

    // Revoked through the API on one scheduler: refused there at once, and on the replica as soon
    // as the message arrives, well before the cache's own expiry.
    const revokedAt = Date.now();
    expect((await owner.post(`/v1/api-keys/${made.body.id}/revoke`)).status).toBe(200);
    expect((await here.get('/v1/cadences')).status).toBe(401);
    while ((await there.get('/v1/cadences')).status !== 401 && Date.now() - revokedAt < API_KEY_CACHE_TTL_MS / 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await there.get('/v1/cadences')).status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(API_KEY_CACHE_TTL_MS / 10);
  });

  it('asks the database again once an entry is older than the TTL (a replica that missed the message)', async () => {
    const cache = server.app.get(ApiKeyCache);
    const made = await owner.post('/v1/api-keys', { name: 'Nightly export' });
    const key = new Api(server.baseUrl, made.body.key);
    expect((await key.get('/v1/cadences')).status).toBe(200);
    const [row] = await server.database.db.select().from(apiKeys).where(eq(apiKeys.id, made.body.id));
    const now = Date.now();
    expect(cache.get(row.keyHash, now)).toBeDefined();
    expect(cache.get(row.keyHash, now + API_KEY_CACHE_TTL_MS + 1)).toBeUndefined();
  });
});
