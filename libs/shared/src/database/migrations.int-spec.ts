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
import type { CadenceStep } from '../contracts/cadence.js';
import { aClinic, aDelivery, anAppointment, aPatient, aStep } from '../testing/records.js';
import { plannedStep } from './cadence-versions.js';
import type { Database } from './database.js';
import { cadenceVersions, deliveries, type Followup, followups, type Patient } from './schema.js';

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

/**
 * A follow-up as versions before 0011 stored it, with its own copy of its step (the current schema
 * has no such column, so the row is written in SQL).
 */
async function aFollowupCarryingItsStep(
  db: Database,
  patient: Pick<Patient, 'id' | 'clinicId'>,
  { step = aStep(), status = 'scheduled', updatedAt = new Date(), appointmentId = null as string | null } = {},
): Promise<Pick<Followup, 'id' | 'clinicId' | 'patientId' | 'channel'>> {
  const anchorKey = `old-${Math.random()}`;
  await db.execute(sql`insert into followups
      (clinic_id, patient_id, appointment_id, anchor_key, step_key, kind, channel, step, send_at, status, updated_at)
    values (${patient.clinicId}, ${patient.id}, ${appointmentId}, ${anchorKey}, ${step.key}, ${step.kind}, 'email',
      ${JSON.stringify(step)}::jsonb, now(), ${status}, ${updatedAt.toISOString()}::timestamptz)`);
  // Only columns every version has are read back.
  const rows = await db.select({ id: followups.id }).from(followups).where(eq(followups.anchorKey, anchorKey));
  return { id: rows[0].id, clinicId: patient.clinicId, patientId: patient.id, channel: 'email' };
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
      const first = await aFollowupCarryingItsStep(db, patient, { status: 'sending', updatedAt: claimedAt(90) });
      const second = await aFollowupCarryingItsStep(db, patient, { status: 'sending', updatedAt: claimedAt(60) });
      const third = await aFollowupCarryingItsStep(db, patient, { status: 'sending', updatedAt: claimedAt(30) });
      // The version before leases wrote its delivery record before calling the provider.
      const inFlight = await aDelivery(db, second, 'ana@example.test', { status: 'sending', providerMessageId: null });
      const other = await aPatient(db, { id: patient.clinicId }, { email: 'ben@example.test' });
      const alone = await aFollowupCarryingItsStep(db, other, { status: 'sending' });

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

  it('moves the copy of its step each follow-up carried into a cadence version, one per distinct step, and reads it back', async () => {
    const older = migrationsUpTo('0010_insight_days');
    const upgraded = await database.open();
    try {
      await upgraded.migrate(older.folder);
      const { db } = upgraded;
      const patient = await aPatient(db, await aClinic(db));
      const visit = await anAppointment(db, patient, { serviceType: 'acupuncture' });
      const aftercare = aStep();
      const edited: CadenceStep = {
        ...aStep(),
        template: { en: { subject: 'After your visit', email: 'Rest today.', sms: 'Rest today.' } },
      };
      const planned = [
        await aFollowupCarryingItsStep(db, patient, { step: aftercare, appointmentId: visit.id }),
        await aFollowupCarryingItsStep(db, patient, { step: aftercare, appointmentId: visit.id }),
        await aFollowupCarryingItsStep(db, patient, { step: edited, appointmentId: visit.id }),
      ];

      await upgraded.migrate(allMigrations);

      const rows = await db
        .select({ id: followups.id, versionId: followups.cadenceVersionId, step: plannedStep(followups) })
        .from(followups)
        .where(
          sql`${followups.id} in (${sql.join(
            planned.map((p) => sql`${p.id}`),
            sql`, `,
          )})`,
        );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(planned.map((p) => byId.get(p.id)!.step)).toEqual([aftercare, aftercare, edited]);
      expect(byId.get(planned[0].id)!.versionId).toBe(byId.get(planned[1].id)!.versionId);
      expect(byId.get(planned[2].id)!.versionId).not.toBe(byId.get(planned[0].id)!.versionId);
      const versions = await db.select().from(cadenceVersions);
      expect(versions).toHaveLength(2);
      expect(versions.every((version) => version.serviceType === 'acupuncture' && version.clinicId === patient.clinicId)).toBe(true);
    } finally {
      await upgraded.close();
      older.remove();
    }
  });
});
