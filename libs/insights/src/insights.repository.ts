import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database } from '@app/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { ReportingPeriod } from './reporting-period.js';

/** Which slice of a clinic's records to count. */
export interface InsightsScope {
  clinicId: string;
  zone: string;
  period: ReportingPeriod;
  serviceType?: string;
}

/**
 * One group of a step's follow-ups: a step's counts come in one row per skip reason (`skipReason`
 * null holds everything that was not skipped), and every sent follow-up also counts in its week.
 */
export interface StepOutcomeRow {
  serviceType: string | null;
  stepKey: string;
  kind: string;
  skipReason: string | null;
  planned: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  optedOutAfter: number;
  replies: number;
  bookedWithin7d: number;
  bookedWithin14d: number;
}

export interface WeekRow {
  weekStart: string;
  sent: number;
  bookedAfter7d: number;
  optedOut: number;
}

export interface OtherOutcomes {
  scores: { score: number; replies: number }[];
  alerts: { raised: number; acknowledged: number };
  plans: { started: number; completed: number; cancelled: number };
}

/**
 * Read-only SQL over the tables other modules own (docs/ARCHITECTURE.md, "Read models"): the
 * follow-ups and plans of the care timeline, the delivery records, the consent record and the
 * patients' replies. It writes nothing. Each table is read once per answer from an index on
 * (clinic, time) and matched by hash, so the work grows with the period asked about, not with the
 * tables (docs/decisions/0012-care-outcomes-read-once-per-period.md).
 */
@Injectable()
export class InsightsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Every count of an answer, read in one transaction: one snapshot, and no JIT (see `inOneSnapshot`). */
  async outcomes(scope: InsightsScope): Promise<{ steps: StepOutcomeRow[]; weeks: WeekRow[]; other: OtherOutcomes }> {
    const statements = insightsStatements(scope);
    const [stepRows, scores, [alerts], [plans]] = await inOneSnapshot(this.db, [
      statements.steps,
      statements.scores,
      statements.alerts,
      statements.plans,
    ]);
    const rows = stepRows as (StepOutcomeRow & { isWeek: boolean; weekStart: string | null })[];
    // Follow-ups that went out in the period, or were due in it and did not go out: each step's
    // groups and each week of sends come from one pass (grouping sets).
    const steps = rows.filter((r) => !r.isWeek).map(({ isWeek: _w, weekStart: _s, ...step }) => step);
    const weeks = rows
      .filter((r) => r.isWeek && r.weekStart !== null)
      .map((r) => ({ weekStart: r.weekStart!, sent: r.sent, bookedAfter7d: r.bookedWithin7d, optedOut: r.optedOutAfter }));
    return {
      steps,
      weeks,
      other: {
        scores: scores as OtherOutcomes['scores'],
        alerts: alerts as OtherOutcomes['alerts'],
        plans: plans as OtherOutcomes['plans'],
      },
    };
  }
}

/**
 * Runs read-only statements in one transaction, so the counts agree with each other, with
 * PostgreSQL's JIT compilation off: the planner's cost of the steps statement (thousands of key
 * look-ups) is over `jit_above_cost`, and compiling it took about 50 ms of a 120 ms answer, every
 * time (measured at 100,000 follow-ups). PGlite accepts the setting and has no JIT anyway.
 */
export async function inOneSnapshot(db: Database, statements: SQL[]): Promise<unknown[][]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    const answers: unknown[][] = [];
    for (const statement of statements) {
      // Both drivers answer `{rows}`; the shared Database type leaves the result's shape open.
      const result: unknown = await tx.execute<Record<string, unknown>>(statement);
      answers.push((result as { rows: unknown[] }).rows);
    }
    return answers;
  });
}

/**
 * The statements behind an answer, by name (the bench prints their plans). Follow-ups that went
 * out in the period, or were due in it and did not go out, give each step's groups and each week
 * of sends in one pass (grouping sets); `coalesce(sent_at, send_at)` is the expression
 * `followups_clinic_outcome_idx` indexes.
 */
export function insightsStatements(scope: InsightsScope): Record<'steps' | 'scores' | 'alerts' | 'plans', SQL> {
  const { clinicId, zone, period, serviceType } = scope;
  const start = sql`${period.start.toISOString()}::timestamptz`;
  const end = sql`${period.end.toISOString()}::timestamptz`;
  const type = sql`${serviceType ?? null}::text`;
  // A reply counts for a service type through the follow-up it answered.
  const replyOfType = sql`(${type} is null or exists (
    select 1 from followups f
    left join appointments a on a.id = f.appointment_id
    left join treatment_plans p on p.id = f.plan_id
    where f.id = r.followup_id and coalesce(a.service_type, p.service_type) = ${type}))`;
  return {
    steps: sql`
      with period_followups as (
        -- Looked up by key, row by row: a join would read the whole appointments table. A service
        -- type asked for is applied at the end (outcomes): filtered here, the planner would expect
        -- a handful of rows and match everything after by nested loops.
        select f.id, f.anchor_key, f.patient_id, f.step_key, f.kind, f.status, f.reason, f.sent_at,
               coalesce((select a.service_type from appointments a where a.id = f.appointment_id),
                        (select p.service_type from treatment_plans p where p.id = f.plan_id)) as service_type
        from followups f
        where f.clinic_id = ${clinicId}
          and coalesce(f.sent_at, f.send_at) >= ${start} and coalesce(f.sent_at, f.send_at) < ${end}
      ),
      -- What happened after the sends is read once per table, by clinic and time (materialized, so
      -- the planner cannot turn it back into a look-up per follow-up), then matched to the
      -- follow-ups by hash. A delivery record is written as its send starts, before the follow-up
      -- is marked sent (minutes before at most, when the recovery sweep settles an interrupted send).
      period_deliveries as materialized (
        select d.followup_id, bool_or(d.status = 'delivered') as delivered, array_agg(distinct d.channel) as channels
        from deliveries d
        where d.clinic_id = ${clinicId} and d.created_at >= ${start} - interval '1 day' and d.created_at < ${end}
          and d.status in ('queued', 'sent', 'delivered', 'undelivered')
        group by d.followup_id
      ),
      -- A reply comes after the send it answers, however long after.
      period_replies as materialized (
        select r.followup_id, count(*)::int as replies from inbound_messages r
        where r.clinic_id = ${clinicId} and r.created_at >= ${start} and r.followup_id is not null
        group by r.followup_id
      ),
      -- A booking counts within 14 days of a send, an opt-out within 7.
      period_bookings as materialized (
        select b.patient_id, b.created_at from appointments b
        where b.clinic_id = ${clinicId} and b.created_at > ${start} and b.created_at <= ${end} + interval '14 days'
      ),
      period_opt_outs as materialized (
        select c.patient_id, c.channel, c.created_at from consent_events c
        where c.clinic_id = ${clinicId} and not c.granted and c.created_at > ${start} and c.created_at <= ${end} + interval '7 days'
      ),
      -- A step sent "by email and SMS" is one row per channel; the patient got one follow-up. It
      -- went out when either channel did; otherwise it failed, or was skipped, as its rows were.
      -- What its sent rows reached: confirmed deliveries, the channels, the replies.
      occurrences as (
        select f.anchor_key, f.step_key, (array_agg(f.patient_id))[1] as patient_id, (array_agg(f.kind))[1] as kind,
               (array_agg(f.service_type))[1] as service_type,
               case when bool_or(f.status = 'sent') then 'sent'
                    when bool_or(f.status in ('failed', 'dead')) then 'failed'
                    when bool_or(f.status = 'skipped') then 'skipped'
                    else 'pending' end as outcome,
               min(f.reason) filter (where f.status = 'skipped') as reason,
               min(f.sent_at) as sent_at,
               coalesce(bool_or(d.delivered) filter (where f.status = 'sent'), false) as delivered,
               coalesce(bool_or('email' = any(d.channels)) filter (where f.status = 'sent'), false) as reached_email,
               coalesce(bool_or('sms' = any(d.channels)) filter (where f.status = 'sent'), false) as reached_sms,
               coalesce(sum(r.replies) filter (where f.status = 'sent'), 0) as replies
        from period_followups f
        left join period_deliveries d on d.followup_id = f.id
        left join period_replies r on r.followup_id = f.id
        group by f.anchor_key, f.step_key
      ),
      -- The first appointment the patient booked (created) in the 14 days after the send.
      booked as (
        select o.anchor_key, o.step_key, min(b.created_at) as booked_at
        from occurrences o join period_bookings b on b.patient_id = o.patient_id
          and b.created_at > o.sent_at and b.created_at <= o.sent_at + interval '14 days'
        group by o.anchor_key, o.step_key
      ),
      -- Withdrawn, within 7 days, on a channel this follow-up reached the patient on.
      opted_out as (
        select distinct o.anchor_key, o.step_key
        from occurrences o join period_opt_outs c on c.patient_id = o.patient_id
          and ((c.channel = 'email' and o.reached_email) or (c.channel = 'sms' and o.reached_sms))
          and c.created_at > o.sent_at and c.created_at <= o.sent_at + interval '7 days'
      ),
      outcomes as (
        select o.*,
          case when o.outcome = 'skipped' then o.reason end as skip_reason,
          case when o.outcome = 'sent'
            then to_char(date_trunc('week', o.sent_at at time zone ${zone}), 'YYYY-MM-DD') end as week_start,
          case when o.outcome = 'sent' then bk.booked_at end as booked_at,
          o.outcome = 'sent' and op.anchor_key is not null as opted_out
        from occurrences o
        left join booked bk on bk.anchor_key = o.anchor_key and bk.step_key = o.step_key
        left join opted_out op on op.anchor_key = o.anchor_key and op.step_key = o.step_key
        where ${type} is null or o.service_type = ${type}
      )
      select
        grouping(week_start) = 0 as "isWeek",
        service_type as "serviceType", step_key as "stepKey", kind, skip_reason as "skipReason", week_start as "weekStart",
        count(*)::int as planned,
        count(*) filter (where outcome = 'sent')::int as sent,
        count(*) filter (where delivered)::int as delivered,
        count(*) filter (where outcome = 'failed')::int as failed,
        count(*) filter (where outcome = 'skipped')::int as skipped,
        count(distinct patient_id) filter (where opted_out)::int as "optedOutAfter",
        coalesce(sum(replies), 0)::int as replies,
        count(*) filter (where booked_at <= sent_at + interval '7 days')::int as "bookedWithin7d",
        count(*) filter (where booked_at is not null)::int as "bookedWithin14d"
      from outcomes
      group by grouping sets ((service_type, step_key, kind, skip_reason), (week_start))
    `,
    scores: sql`
      select r.score, count(*)::int as replies
      from inbound_messages r
      where r.clinic_id = ${clinicId} and r.created_at >= ${start} and r.created_at < ${end}
        and r.intent = 'checkin-score' and r.score is not null and ${replyOfType}
      group by r.score`,
    alerts: sql`
      select count(*)::int as raised, count(al.acknowledged_at)::int as acknowledged
      from patient_alerts al
      join inbound_messages r on r.id = al.inbound_message_id
      where al.clinic_id = ${clinicId} and al.created_at >= ${start} and al.created_at < ${end} and ${replyOfType}`,
    plans: sql`
      select
        count(*) filter (where starts_at >= ${start} and starts_at < ${end})::int as started,
        count(*) filter (where completed_at >= ${start} and completed_at < ${end})::int as completed,
        count(*) filter (where cancelled_at >= ${start} and cancelled_at < ${end})::int as cancelled
      from treatment_plans
      where clinic_id = ${clinicId} and (${type} is null or service_type = ${type})`,
  };
}
