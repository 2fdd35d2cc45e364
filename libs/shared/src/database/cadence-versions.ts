import { createHash } from 'node:crypto';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import stableStringify from 'fast-json-stable-stringify';
import type { CadenceStep } from '../contracts/cadence.js';
import type { Database } from './database.js';
import { cadenceVersions } from './schema.js';

export interface CadenceToPlan {
  clinicId: string;
  serviceType: string;
  steps: readonly CadenceStep[];
}

// Steps planned from the same cadence object (one look-up serving a batch of bookings) are hashed once.
const digests = new WeakMap<readonly CadenceStep[], string>();

/**
 * What identifies a cadence version: the sha256 of its steps' canonical JSON (keys sorted), so the
 * same steps, whether read back from PostgreSQL's jsonb or written in code, give the same version.
 */
export function cadenceDigest(steps: readonly CadenceStep[]): string {
  let digest = digests.get(steps);
  if (digest === undefined) {
    digest = createHash('sha256').update(stableStringify(steps)).digest('hex');
    digests.set(steps, digest);
  }
  return digest;
}

/**
 * The step a follow-up was planned from (jsonb), read from its cadence version by step key: for a
 * select list or a condition, given the follow-up table's `cadence_version_id` and `step_key`.
 */
export function plannedStep(followup: { cadenceVersionId: PgColumn; stepKey: PgColumn }): SQL<CadenceStep> {
  return sql<CadenceStep>`(select s.step from cadence_versions v, jsonb_array_elements(v.steps) as s(step)
    where v.id = ${followup.cadenceVersionId} and s.step->>'key' = ${followup.stepKey} limit 1)`;
}

/**
 * The id of the version holding exactly these steps, stored the first time they are planned from
 * (the care timeline's `CadenceVersionsRepository`; tests and the bench plant through it too).
 * Usually one indexed read. Run in the planning transaction, so a version is never left referenced
 * by nothing but a rolled-back plan's rows.
 */
export async function cadenceVersionOf(db: Pick<Database, 'insert' | 'select'>, cadence: CadenceToPlan): Promise<string> {
  const digest = cadenceDigest(cadence.steps);
  const same = and(
    eq(cadenceVersions.clinicId, cadence.clinicId),
    eq(cadenceVersions.serviceType, cadence.serviceType),
    eq(cadenceVersions.digest, digest),
  );
  const [found] = await db.select({ id: cadenceVersions.id }).from(cadenceVersions).where(same);
  if (found) return found.id;
  const [inserted] = await db
    .insert(cadenceVersions)
    .values({ clinicId: cadence.clinicId, serviceType: cadence.serviceType, digest, steps: [...cadence.steps] })
    .onConflictDoNothing()
    .returning({ id: cadenceVersions.id });
  if (inserted) return inserted.id;
  // Another transaction stored the same steps meanwhile: the insert waited for it to commit, and
  // this new statement sees its row.
  const [stored] = await db.select({ id: cadenceVersions.id }).from(cadenceVersions).where(same);
  return stored.id;
}
