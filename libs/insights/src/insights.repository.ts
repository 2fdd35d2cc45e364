import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type InsightDayStep, insightDays } from '@app/shared';
import { and, between, eq, type SQL, sql } from 'drizzle-orm';
import { type DayRange, dayRange, daysOf, type ReportingPeriod } from './reporting-period.js';

/** Which slice of a clinic's records to count. */
export interface InsightsScope {
  clinicId: string;
  zone: string;
  period: ReportingPeriod;
  serviceType?: string;
}

/**
 * A step's counts on one day (`YYYY-MM-DD`, the clinic's calendar) counted live, or over the kept
 * days of one week (`day` is then its Monday): what the answer's steps and weeks are folded from.
 */
export type StepDayRow = InsightDayStep & { day: string };

/** Replies to a step's sent follow-ups of the period, whenever they came. */
export interface StepReplies {
  serviceType: string | null;
  stepKey: string;
  kind: string;
  replies: number;
}

export interface OtherOutcomes {
  scores: { score: number; replies: number }[];
  alerts: { raised: number; acknowledged: number };
  plans: { started: number; completed: number; cancelled: number };
}

/**
 * Read-only SQL over the tables other modules own (docs/ARCHITECTURE.md, "Read models"): the
 * follow-ups and plans of the care timeline, the delivery records, the consent record and the
 * patients' replies. Each table is read once per answer from an index on (clinic, time) and
 * matched by hash, so the work grows with the period asked about, not with the tables
 * (docs/decisions/0012-care-outcomes-read-once-per-period.md). Days that can no longer change are
 * counted once and kept in its own table, `insight_days` (docs/decisions/0013-settled-days-kept.md).
 */
@Injectable()
export class InsightsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Counts and keeps the settled days of `sealed` that are not kept yet in the clinic's zone (a
   * zone change makes every day count again): one pass over the span from the first missing day
   * to the last, every day of it kept, empty days included (a day counted again comes out the
   * same: a day's steps are read whole, see `stepDaysStatement`).
   */
  async keepSettledDays(clinicId: string, zone: string, sealed: DayRange): Promise<number> {
    const kept = await this.db
      .select({ day: insightDays.day })
      .from(insightDays)
      .where(and(eq(insightDays.clinicId, clinicId), eq(insightDays.zone, zone), between(insightDays.day, sealed.from, sealed.to)));
    const have = new Set(kept.map((row) => row.day));
    const missing = daysOf(sealed).filter((day) => !have.has(day));
    if (missing.length === 0) return 0;
    const span = dayRange(missing[0], missing[missing.length - 1], zone);
    const [rows] = (await inOneSnapshot(this.db, [stepDaysStatement(clinicId, zone, span)])) as [StepDayRow[]];
    const byDay = new Map<string, InsightDayStep[]>(daysOf(span).map((day) => [day, []]));
    for (const { day, ...step } of rows) byDay.get(day)?.push(step);
    const values = [...byDay].map(([day, steps]) => ({ clinicId, day, zone, steps }));
    for (let i = 0; i < values.length; i += 100) {
      await this.db
        .insert(insightDays)
        .values(values.slice(i, i + 100))
        .onConflictDoUpdate({
          target: [insightDays.clinicId, insightDays.day],
          set: { zone: sql`excluded.zone`, steps: sql`excluded.steps`, computedAt: sql`now()` },
        });
    }
    return byDay.size;
  }

  /**
   * Every count of an answer, read in one transaction (one snapshot, no JIT: see `inOneSnapshot`):
   * the kept days of `sealed`, the days of `live` counted from the records, the replies and the
   * rest over the whole period. Undefined when a day of `sealed` is not kept in the clinic's zone
   * (its zone changed since `keepSettledDays`): the caller counts it all live instead.
   */
  async outcomes(
    scope: InsightsScope,
    parts: { sealed?: DayRange; live?: DayRange },
  ): Promise<{ days: StepDayRow[]; replies: StepReplies[]; other: OtherOutcomes } | undefined> {
    const statements = insightsStatements(scope);
    const none = sql`select null where false`;
    const [[keptCount], kept, live, replies, scores, [alerts], [plans]] = await inOneSnapshot(this.db, [
      parts.sealed ? keptDayCountStatement(scope.clinicId, scope.zone, parts.sealed) : sql`select 0 as n`,
      parts.sealed ? keptWeeksStatement(scope.clinicId, scope.zone, parts.sealed) : none,
      parts.live ? stepDaysStatement(scope.clinicId, scope.zone, parts.live) : none,
      statements.replies,
      statements.scores,
      statements.alerts,
      statements.plans,
    ]);
    if (parts.sealed && (keptCount as { n: number }).n < daysOf(parts.sealed).length) return undefined;
    const keptWeeks = (kept as (Omit<StepDayRow, 'optedOut'> & { optedOut: string[][] })[]).map((row) => ({
      ...row,
      optedOut: row.optedOut.flat(),
    }));
    const days: StepDayRow[] = [...keptWeeks, ...(live as StepDayRow[])];
    return {
      days,
      replies: replies as StepReplies[],
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
 * The service type of follow-up `f`: that of its visit, else of its plan. Looked up by key, row by
 * row: a join would read the whole appointments table.
 */
const serviceTypeOfFollowup = sql`coalesce((select a.service_type from appointments a where a.id = f.appointment_id),
  (select p.service_type from treatment_plans p where p.id = f.plan_id))`;

/**
 * The statements behind an answer over the whole period, by name (the bench prints their plans):
 * replies to the period's sent follow-ups, check-in scores, alerts and plans. The steps' counts
 * come by day from `stepDaysStatement` (live) or `keptDaysStatement` (settled days).
 */
export function insightsStatements(scope: InsightsScope): Record<'replies' | 'scores' | 'alerts' | 'plans', SQL> {
  const { clinicId, period, serviceType } = scope;
  const start = sql`${period.start.toISOString()}::timestamptz`;
  const end = sql`${period.end.toISOString()}::timestamptz`;
  const type = sql`${serviceType ?? null}::text`;
  // A reply counts for a service type through the follow-up it answered.
  // Looked up per reply by key: as a semi-join, the planner read every follow-up and appointment.
  const replyOfType = sql`(${type} is null or coalesce(
    (select a.service_type from followups f join appointments a on a.id = f.appointment_id where f.id = r.followup_id),
    (select p.service_type from followups f join treatment_plans p on p.id = f.plan_id where f.id = r.followup_id)) = ${type})`;
  return {
    // A reply comes after the send it answers, however long after: counted from the records at
    // every answer, never kept with a day. One per reply to a follow-up that went out in the period.
    replies: sql`
      select ${serviceTypeOfFollowup} as "serviceType",
             f.step_key as "stepKey", f.kind, count(*)::int as replies
      from inbound_messages r join followups f on f.id = r.followup_id
      where r.clinic_id = ${clinicId} and r.created_at >= ${start}
        and f.clinic_id = ${clinicId} and f.status = 'sent'
        and coalesce(f.sent_at, f.send_at) >= ${start} and coalesce(f.sent_at, f.send_at) < ${end}
      group by 1, 2, 3`,
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

/**
 * How far apart the rows of one step (one per channel) may fall and still count as one follow-up:
 * the frequency cap defers a channel by up to two days, quiet hours by a night.
 */
const STEP_SPREAD_DAYS = 3;

/** How many days of a range are kept in the clinic's zone. */
function keptDayCountStatement(clinicId: string, zone: string, range: DayRange): SQL {
  return sql`
    select count(*)::int as n from insight_days d
    where d.clinic_id = ${clinicId} and d.day between ${range.from}::date and ${range.to}::date and d.zone = ${zone}`;
}

/**
 * The kept days of a range, added up in the database by week (the week's Monday stands for its
 * days) and by step: a year is a few hundred rows instead of every day's. The patients who opted
 * out come as one list per row, to be counted once across rows by the caller.
 */
function keptWeeksStatement(clinicId: string, zone: string, range: DayRange): SQL {
  return sql`
    select to_char(date_trunc('week', d.day), 'YYYY-MM-DD') as day,
           s."serviceType", s."stepKey", s.kind, s."skipReason",
           sum(s.planned)::int as planned, sum(s.sent)::int as sent, sum(s.delivered)::int as delivered,
           sum(s.failed)::int as failed, sum(s.skipped)::int as skipped,
           sum(s."bookedWithin7d")::int as "bookedWithin7d", sum(s."bookedWithin14d")::int as "bookedWithin14d",
           coalesce(jsonb_agg(s."optedOut") filter (where jsonb_array_length(s."optedOut") > 0), '[]'::jsonb) as "optedOut"
    from insight_days d
    cross join lateral jsonb_to_recordset(d.steps) as s(
      "serviceType" text, "stepKey" text, kind text, "skipReason" text, planned int, sent int, delivered int,
      failed int, skipped int, "bookedWithin7d" int, "bookedWithin14d" int, "optedOut" jsonb)
    where d.clinic_id = ${clinicId} and d.day between ${range.from}::date and ${range.to}::date and d.zone = ${zone}
    group by 1, 2, 3, 4, 5`;
}

/**
 * Each step's counts by day over a range of days, every service type, from the records: the
 * follow-ups that went out on a day, or were due on it and did not go out. `coalesce(sent_at,
 * send_at)` is the expression `followups_clinic_outcome_idx` indexes.
 */
export function stepDaysStatement(clinicId: string, zone: string, range: DayRange): SQL {
  const start = sql`${range.start.toISOString()}::timestamptz`;
  const end = sql`${range.end.toISOString()}::timestamptz`;
  // The rows of a step sent by email and SMS can fall on different days (a cap or quiet hours
  // defers one channel): read with a margin, so a step on the range's edge is whole in every
  // range that counts it, and counted only by the range holding its day.
  const spread = sql.raw(`interval '${STEP_SPREAD_DAYS} days'`);
  return sql`
      with period_followups as (
        select f.id, f.anchor_key, f.patient_id, f.step_key, f.kind, f.status, f.reason, f.sent_at,
               (coalesce(f.sent_at, f.send_at) at time zone ${zone})::date as day,
               ${serviceTypeOfFollowup} as service_type
        from followups f
        where f.clinic_id = ${clinicId}
          and coalesce(f.sent_at, f.send_at) >= ${start} - ${spread} and coalesce(f.sent_at, f.send_at) < ${end} + ${spread}
      ),
      -- What happened after the sends is read once per table, by clinic and time (materialized, so
      -- the planner cannot turn it back into a look-up per follow-up), then matched to the
      -- follow-ups by hash. A delivery record is written as its send starts, before the follow-up
      -- is marked sent (minutes before at most, when the recovery sweep settles an interrupted send).
      period_deliveries as materialized (
        select d.followup_id, bool_or(d.status = 'delivered') as delivered, array_agg(distinct d.channel) as channels
        from deliveries d
        where d.clinic_id = ${clinicId} and d.created_at >= ${start} - ${spread} - interval '1 day' and d.created_at < ${end} + ${spread}
          and d.status in ('queued', 'sent', 'delivered', 'undelivered')
        group by d.followup_id
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
      -- Its day is the day it went out, else its first row's. What its sent rows reached:
      -- confirmed deliveries, the channels.
      occurrences as (
        select f.anchor_key, f.step_key, (array_agg(f.patient_id))[1] as patient_id, (array_agg(f.kind))[1] as kind,
               (array_agg(f.service_type))[1] as service_type,
               coalesce(min(f.day) filter (where f.status = 'sent'), min(f.day)) as day,
               case when bool_or(f.status = 'sent') then 'sent'
                    when bool_or(f.status in ('failed', 'dead')) then 'failed'
                    when bool_or(f.status = 'skipped') then 'skipped'
                    else 'pending' end as outcome,
               min(f.reason) filter (where f.status = 'skipped') as reason,
               min(f.sent_at) as sent_at,
               coalesce(bool_or(d.delivered) filter (where f.status = 'sent'), false) as delivered,
               coalesce(bool_or('email' = any(d.channels)) filter (where f.status = 'sent'), false) as reached_email,
               coalesce(bool_or('sms' = any(d.channels)) filter (where f.status = 'sent'), false) as reached_sms
        from period_followups f
        left join period_deliveries d on d.followup_id = f.id
        group by f.anchor_key, f.step_key
        having coalesce(min(f.day) filter (where f.status = 'sent'), min(f.day)) between ${range.from}::date and ${range.to}::date
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
          case when o.outcome = 'sent' then bk.booked_at end as booked_at,
          o.outcome = 'sent' and op.anchor_key is not null as opted_out
        from occurrences o
        left join booked bk on bk.anchor_key = o.anchor_key and bk.step_key = o.step_key
        left join opted_out op on op.anchor_key = o.anchor_key and op.step_key = o.step_key
      )
      select
        to_char(day, 'YYYY-MM-DD') as day,
        service_type as "serviceType", step_key as "stepKey", kind, skip_reason as "skipReason",
        count(*)::int as planned,
        count(*) filter (where outcome = 'sent')::int as sent,
        count(*) filter (where delivered)::int as delivered,
        count(*) filter (where outcome = 'failed')::int as failed,
        count(*) filter (where outcome = 'skipped')::int as skipped,
        count(*) filter (where booked_at <= sent_at + interval '7 days')::int as "bookedWithin7d",
        count(*) filter (where booked_at is not null)::int as "bookedWithin14d",
        coalesce(array_agg(distinct patient_id::text) filter (where opted_out), '{}') as "optedOut"
      from outcomes
      group by day, service_type, step_key, kind, skip_reason
    `;
}
