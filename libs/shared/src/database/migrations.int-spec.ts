import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createPostgresDatabase } from '../../../../test/support/services.js';
import { aClinic, aDelivery, aFollowup, aPatient } from '../testing/records.js';
import type { Database } from './database.js';
import { deliveries, followups } from './schema.js';

const allMigrations = fileURLToPath(new URL('./migrations', import.meta.url));

/** A copy of the migrations folder that stops after `lastTag`: a database as an older version left it. */
function migrationsUpTo(lastTag: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'carecadence-migrations-'));
  cpSync(allMigrations, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

interface UpgradableDatabase {
  db: Database;
  /** Applies the migrations in `folder` that this database has not had yet. */
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

const databases: { name: string; open(): Promise<UpgradableDatabase> }[] = [
  {
    name: 'PGlite',
    async open() {
      const client = await PGlite.create('memory://');
      const db = drizzlePglite(client);
      return {
        db: db as unknown as Database,
        migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
        close: () => client.close(),
      };
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  databases.push({
    name: 'PostgreSQL',
    async open() {
      const created = await createPostgresDatabase(url);
      const pool = new pg.Pool({ connectionString: created.url, max: 2 });
      const db = drizzlePg(pool);
      return {
        db: db as unknown as Database,
        migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
        async close() {
          await pool.end();
          await created.drop();
        },
      };
    },
  });
}

describe.each(databases)('upgrading a database, on $name', (database) => {
  it('builds the one-send-per-patient index where an older version left two sends to one patient in flight', async () => {
    const older = migrationsUpTo('0007_claim_leases');
    const upgraded = await database.open();
    try {
      await upgraded.migrate(older.folder);
      const { db } = upgraded;
      const patient = await aPatient(db, await aClinic(db));
      const claimedAt = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1_000);
      const first = await aFollowup(db, patient, { status: 'sending', updatedAt: claimedAt(90) });
      const second = await aFollowup(db, patient, { status: 'sending', updatedAt: claimedAt(60) });
      const third = await aFollowup(db, patient, { status: 'sending', updatedAt: claimedAt(30) });
      // The version before leases wrote its delivery record before calling the provider.
      const inFlight = await aDelivery(db, second, 'ana@example.test', { status: 'sending', providerMessageId: null });
      const other = await aPatient(db, { id: patient.clinicId }, { email: 'ben@example.test' });
      const alone = await aFollowup(db, other, { status: 'sending' });

      await upgraded.migrate(allMigrations);

      const rows = await db
        .select({ id: followups.id, status: followups.status, version: followups.version })
        .from(followups)
        .where(sql`${followups.id} in (${first.id}, ${second.id}, ${third.id}, ${alone.id})`);
      expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.version]]))).toEqual({
        [first.id]: ['sending', 1],
        [second.id]: ['scheduled', 2],
        [third.id]: ['scheduled', 2],
        [alone.id]: ['sending', 1],
      });
      const [record] = await db.select().from(deliveries).where(eq(deliveries.id, inFlight.id));
      expect(record).toMatchObject({ status: 'failed', error: 'interrupted' });
      // The index holds from now on: a second send to the first patient is refused.
      await expect(db.update(followups).set({ status: 'sending' }).where(eq(followups.id, second.id))).rejects.toThrow();
    } finally {
      await upgraded.close();
      older.remove();
    }
  });
});
