import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { createPostgresDatabase } from '../../../../test/support/services.js';
import { openDatabase, type DatabaseHandle } from './database.js';

const postgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

postgres('transactions on PostgreSQL when connections die', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handle: DatabaseHandle;
  let pool: pg.Pool;

  beforeAll(async () => {
    created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    handle = await openDatabase({ url: created.url, dataDir: 'unused' });
    pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  });
  afterAll(async () => {
    await handle?.close();
    await created?.drop();
  });

  it('gives the connection back when it dies before the transaction begins, so the pool never runs dry', async () => {
    // More failures than the pool has connections (10): each one would otherwise keep one for good.
    for (let i = 0; i < 12; i++) {
      // The connection ends the moment it is handed out, as one cut by the network would.
      pool.once('acquire', (client: pg.PoolClient) => void client.end());
      await expect(handle.db.transaction((tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    }
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // Both drivers answer `{rows}`; the shared Database type leaves the result's shape open.
    const answer = (await handle.db.transaction((tx) => tx.execute(sql`select 41 + 1 as n`))) as { rows: unknown[] };
    expect(answer.rows).toEqual([{ n: 42 }]);
  });

  it('keeps a connection whose transaction PostgreSQL refused', async () => {
    await handle.db.execute(sql`select 1`);
    const before = pool.totalCount;
    await expect(handle.db.transaction((tx) => tx.execute(sql`select 1 / 0`))).rejects.toThrow();
    expect(pool.totalCount).toBe(before);
    expect(pool.idleCount).toBe(pool.totalCount);
  });

  it('keeps the connection of a statement PostgreSQL refused outside a transaction', async () => {
    await handle.db.execute(sql`create table if not exists pool_keep (id int primary key)`);
    await handle.db.execute(sql`insert into pool_keep values (1) on conflict do nothing`);
    let opened = 0;
    const count = () => opened++;
    pool.on('connect', count);
    try {
      // A claim meeting the one-send-per-patient index fails like this, by design.
      for (let i = 0; i < 20; i++) await expect(handle.db.execute(sql`insert into pool_keep values (1)`)).rejects.toThrow();
      await handle.db.execute(sql`select 1`);
    } finally {
      pool.off('connect', count);
    }
    expect(opened).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
