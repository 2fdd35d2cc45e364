import { Inject, Injectable } from '@nestjs/common';
import {
  type Anchor,
  continuesFrom,
  DATABASE,
  type Database,
  type Followup,
  followups,
  type FollowupStatus,
  type FollowupWithStep,
  plannedStep,
} from '@app/shared';
import { and, asc, count, eq, getTableColumns, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PlannedFollowup } from '../planning/plan-followups.js';

export interface FollowupFilter {
  clinicId: string;
  patientId?: string;
  appointmentId?: string;
  planId?: string;
  status?: FollowupStatus;
}

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

/** Whose follow-ups they are, and the cadence version they were planned from. */
export interface FollowupOwner {
  clinicId: string;
  patientId: string;
  appointmentId?: string;
  planId?: string;
  cadenceVersionId: string;
}

/** The row of a planned follow-up: its step stays in the cadence version, named by its key. */
function rowOf(owner: FollowupOwner, { step: _step, ...planned }: PlannedFollowup) {
  return { ...owner, ...planned };
}

@Injectable()
export class FollowupsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts planned follow-ups; an occurrence planned before is left as it is (idempotent). */
  async insertPlanned(owner: FollowupOwner, planned: PlannedFollowup[], tx: Executor = this.db): Promise<Followup[]> {
    if (planned.length === 0) return [];
    return tx
      .insert(followups)
      .values(planned.map((p) => rowOf(owner, p)))
      .onConflictDoNothing()
      .returning();
  }

  /**
   * The follow-ups of many owners (a batch of bookings) in one statement: each column goes as one
   * array parameter through `unnest`, so a batch of 500 bookings (2,500 rows) costs the same few
   * parameters as one. Drizzle's multi-row `values()` built a placeholder per cell and spent most of
   * a batch's time building the statement. An occurrence planned before is left as it is.
   */
  async insertPlannedMany(
    planned: { owner: FollowupOwner; followups: PlannedFollowup[] }[],
    tx: Executor & Pick<Database, 'execute'>,
  ): Promise<Pick<Followup, 'id' | 'version' | 'sendAt' | 'status'>[]> {
    const rows = planned.flatMap(({ owner, followups: each }) => each.map((p) => rowOf(owner, p)));
    if (rows.length === 0) return [];
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
    const result = (await tx.execute(sql`
      insert into followups (clinic_id, patient_id, appointment_id, plan_id, cadence_version_id, anchor_key, step_key, kind,
                             channel, send_at, status, reason)
      select * from unnest(
        ${column((r) => r.clinicId)}::uuid[], ${column((r) => r.patientId)}::uuid[],
        ${column((r) => r.appointmentId ?? null)}::uuid[], ${column((r) => r.planId ?? null)}::uuid[],
        ${column((r) => r.cadenceVersionId)}::uuid[], ${column((r) => r.anchorKey)}::text[], ${column((r) => r.stepKey)}::text[],
        ${column((r) => r.kind)}::text[], ${column((r) => r.channel)}::text[], ${column((r) => r.sendAt.toISOString())}::timestamptz[],
        ${column((r) => r.status)}::text[], ${column((r) => r.reason)}::text[]
      )
      on conflict do nothing
      returning id, version, send_at, status`)) as {
      rows: { id: string; version: number; send_at: string | Date; status: FollowupStatus }[];
    };
    // Only what the queue needs comes back.
    return result.rows.map((row) => ({ id: row.id, version: row.version, sendAt: new Date(row.send_at), status: row.status }));
  }

  /** Cancels what has not started yet; a follow-up already `sending` is left alone. */
  async cancelPending(appointmentId: string, reason: string, tx: Executor = this.db, anchorKey?: string): Promise<Followup[]> {
    const conditions = [eq(followups.appointmentId, appointmentId), eq(followups.status, 'scheduled')];
    if (anchorKey) conditions.push(eq(followups.anchorKey, anchorKey));
    return tx
      .update(followups)
      .set({ status: 'cancelled', reason, updatedAt: sql`now()` })
      .where(and(...conditions))
      .returning();
  }

  /** Cancels a treatment plan's pending follow-ups, or only those hanging on one anchor. */
  async cancelPendingForPlan(planId: string, reason: string, tx: Executor, anchor?: Anchor): Promise<Followup[]> {
    const conditions = [eq(followups.planId, planId), eq(followups.status, 'scheduled')];
    if (anchor) conditions.push(sql`${plannedStep(followups)}->>'anchor' = ${anchor}`);
    return tx
      .update(followups)
      .set({ status: 'cancelled', reason, updatedAt: sql`now()` })
      .where(and(...conditions))
      .returning();
  }

  /** What moves with its anchor: follow-ups still to come, and those skipped only for being too late. */
  pendingForAnchor(anchorKey: string, tx: Executor = this.db): Promise<FollowupWithStep[]> {
    return tx
      .select({ ...getTableColumns(followups), step: plannedStep(followups) })
      .from(followups)
      .where(and(eq(followups.anchorKey, anchorKey), retimeable()));
  }

  /** Moves a follow-up (see pendingForAnchor) and bumps its version, so its old job no longer matches. */
  async move(
    id: string,
    version: number,
    sendAt: Date,
    status: 'scheduled' | 'skipped',
    reason: string | null,
    tx: Executor = this.db,
  ): Promise<Followup | undefined> {
    const [row] = await tx
      .update(followups)
      .set({ sendAt, status, reason, version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.version, version), retimeable()))
      .returning();
    return row;
  }

  async find(clinicId: string, id: string): Promise<Followup | undefined> {
    const [row] = await this.db
      .select()
      .from(followups)
      .where(and(eq(followups.clinicId, clinicId), eq(followups.id, id)));
    return row;
  }

  /**
   * A failed or dead follow-up planned again to go out now: a new version (its old job no longer
   * matches) with the step it was planned with. Its tries keep counting, so the delivery records
   * of the earlier tries stay as they were.
   */
  async replanFailed(clinicId: string, id: string, tx: Executor = this.db): Promise<Followup | undefined> {
    const [row] = await tx
      .update(followups)
      .set({ status: 'scheduled', sendAt: sql`now()`, reason: null, version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.clinicId, clinicId), eq(followups.id, id), inArray(followups.status, ['failed', 'dead'])))
      .returning();
    return row;
  }

  /** Follow-ups due in [from, to), soonest first; and how many there are. */
  async due(clinicId: string, from: Date, to: Date, limit: number): Promise<{ rows: Followup[]; total: number }> {
    const where = and(
      eq(followups.clinicId, clinicId),
      eq(followups.status, 'scheduled'),
      gte(followups.sendAt, from),
      lt(followups.sendAt, to),
    );
    const rows = await this.db.select().from(followups).where(where).orderBy(asc(followups.sendAt), asc(followups.id)).limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(followups).where(where);
    return { rows, total };
  }

  /** Failed and dead follow-ups: a person has to look at them. Most recent first. */
  async needingAttention(clinicId: string, limit: number): Promise<{ rows: Followup[]; total: number }> {
    const where = and(eq(followups.clinicId, clinicId), inArray(followups.status, ['failed', 'dead']));
    const rows = await this.db
      .select()
      .from(followups)
      .where(where)
      .orderBy(sql`${followups.updatedAt} desc`, asc(followups.id))
      .limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(followups).where(where);
    return { rows, total };
  }

  /**
   * A page of the clinic's follow-ups, by any of the filters, in creation order. The statement for
   * each combination of filters is built once and prepared (see listQuery): these lists are what
   * booking systems and the console ask for most, and building the statement through Drizzle took
   * more of the scheduler's time than PostgreSQL took to answer it.
   */
  async list(filter: FollowupFilter, limit: number, afterId?: string): Promise<Followup[]> {
    return this.listQuery(filter, Boolean(afterId)).execute({ ...filter, limit, afterId });
  }

  private readonly listQueries = new Map<string, ReturnType<FollowupsRepository['prepareList']>>();

  private listQuery(filter: FollowupFilter, continued: boolean) {
    // A filter left empty filters nothing, as before the statements were prepared.
    const filters = LIST_FILTERS.filter((name) => Boolean(filter[name]));
    const key = [...filters, ...(continued ? ['afterId'] : [])].join('-') || 'clinic';
    let query = this.listQueries.get(key);
    if (!query) this.listQueries.set(key, (query = this.prepareList(filters, continued, `followups_list_${key}`)));
    return query;
  }

  private prepareList(filters: ListFilter[], continued: boolean, name: string) {
    const conditions: SQL[] = [eq(followups.clinicId, sql.placeholder('clinicId'))];
    for (const filter of filters) conditions.push(eq(followups[filter], sql.placeholder(filter)));
    if (continued) conditions.push(continuesFrom(followups, sql.placeholder('afterId'), 'asc'));
    return this.db
      .select()
      .from(followups)
      .where(and(...conditions))
      .orderBy(asc(followups.createdAt), asc(followups.id))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  }
}

/** The optional filters of a list, in the order their statements name them. */
const LIST_FILTERS = ['patientId', 'appointmentId', 'planId', 'status'] as const;
type ListFilter = (typeof LIST_FILTERS)[number];

/**
 * A reminder skipped because the visit was booked too close to it comes back when the visit moves
 * far enough away; anything sent, sending or cancelled stays as it is.
 */
function retimeable(): SQL {
  return or(eq(followups.status, 'scheduled'), and(eq(followups.status, 'skipped'), eq(followups.reason, 'too-late')))!;
}
