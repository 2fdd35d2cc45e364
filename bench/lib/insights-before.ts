// The care-outcomes statement as it was before it read deliveries, new bookings, opt-outs and
// replies once each by clinic and time (libs/insights/src/insights.repository.ts now): every
// follow-up of the period looked them up one by one. Kept here, out of the service, so
// `npm run bench:insights` measures both on the same data in the same run.
import type { InsightsScope } from '@app/insights';
import { type SQL, sql } from 'drizzle-orm';

export function stepsStatementBefore(scope: InsightsScope): SQL {
  const { clinicId, zone, period, serviceType } = scope;
  const start = sql`${period.start.toISOString()}::timestamptz`;
  const end = sql`${period.end.toISOString()}::timestamptz`;
  const type = sql`${serviceType ?? null}::text`;
  return sql`
      with period_followups as (
        select * from (
          -- Looked up by key, row by row: a join would read the whole appointments table.
          select f.id, f.anchor_key, f.patient_id, f.step_key, f.kind, f.status, f.reason, f.sent_at,
                 coalesce((select a.service_type from appointments a where a.id = f.appointment_id),
                          (select p.service_type from treatment_plans p where p.id = f.plan_id)) as service_type
          from followups f
          where f.clinic_id = ${clinicId}
            and coalesce(f.sent_at, f.send_at) >= ${start} and coalesce(f.sent_at, f.send_at) < ${end}
        ) f
        where ${type} is null or f.service_type = ${type}
      ),
      -- A step sent "by email and SMS" is one row per channel; the patient got one follow-up. It
      -- went out when either channel did; otherwise it failed, or was skipped, as its rows were.
      occurrences as (
        select (array_agg(patient_id))[1] as patient_id, step_key, (array_agg(kind))[1] as kind,
               (array_agg(service_type))[1] as service_type,
               case when bool_or(status = 'sent') then 'sent'
                    when bool_or(status in ('failed', 'dead')) then 'failed'
                    when bool_or(status = 'skipped') then 'skipped'
                    else 'pending' end as outcome,
               min(reason) filter (where status = 'skipped') as reason,
               min(sent_at) as sent_at,
               array_agg(id) filter (where status = 'sent') as sent_ids
        from period_followups
        group by anchor_key, step_key
      ),
      outcomes as (
        select o.*,
          case when o.outcome = 'skipped' then o.reason end as skip_reason,
          case when o.outcome = 'sent'
            then to_char(date_trunc('week', o.sent_at at time zone ${zone}), 'YYYY-MM-DD') end as week_start,
          o.outcome = 'sent' and exists (
            select 1 from deliveries d where d.followup_id = any(o.sent_ids) and d.status = 'delivered') as delivered,
          -- The first appointment the patient booked (created) in the 14 days after the send.
          case when o.outcome = 'sent' then (
            select min(b.created_at) from appointments b
            where b.patient_id = o.patient_id and b.created_at > o.sent_at
              and b.created_at <= o.sent_at + interval '14 days') end as booked_at,
          -- Withdrawn, within 7 days, on a channel this follow-up reached the patient on.
          o.outcome = 'sent' and exists (
            select 1 from deliveries d
            join consent_events c on c.patient_id = o.patient_id and c.channel = d.channel and not c.granted
              and c.created_at > o.sent_at and c.created_at <= o.sent_at + interval '7 days'
            where d.followup_id = any(o.sent_ids) and d.status in ('queued', 'sent', 'delivered', 'undelivered')) as opted_out,
          case when o.outcome = 'sent' then (
            select count(*) from inbound_messages r where r.followup_id = any(o.sent_ids)) else 0 end as replies
        from occurrences o
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
    `;
}
