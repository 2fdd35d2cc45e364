import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import stableStringify from 'fast-json-stable-stringify';
import type { CadenceStep } from '../contracts/cadence.js';

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
 * select list, given the follow-up's `cadence_version_id` and `step_key` columns (of the table or
 * of a CTE over it).
 */
export function plannedStep(followup: { cadenceVersionId: PgColumn | SQL.Aliased; stepKey: PgColumn | SQL.Aliased }): SQL<CadenceStep> {
  return sql<CadenceStep>`(select s.step from cadence_versions v, jsonb_array_elements(v.steps) as s(step)
    where v.id = ${followup.cadenceVersionId} and s.step->>'key' = ${followup.stepKey} limit 1)`;
}
