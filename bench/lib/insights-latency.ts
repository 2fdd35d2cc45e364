// The care-outcomes measurement (issue 14), shared by `npm run bench:insights` (bench/insights.bench.ts:
// PGlite and PostgreSQL, 30 and 366 days, EXPLAIN) and `npm run bench` (PostgreSQL, 30 and 366
// days). A clinic with `followups` follow-ups over the last year and another with half as many:
// GET /v1/insights beside the plain GET /v1/followups list (the baseline); the first year-long
// answer, which counts and keeps the settled days, apart from the ones after it; then the answer in
// the process, counted from the records alone (the baseline: how it was counted before settled days
// were kept) and with the kept days, alternating on the same data, after checking they agree.
import { type DatabaseHandle, loadConfig } from '@app/shared';
import { percentile } from './stats.js';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import {
  foldSteps,
  inOneSnapshot,
  InsightsRepository,
  type InsightsScope,
  InsightsService,
  insightsStatements,
  resolvePeriod,
  splitPeriod,
  stepDaysStatement,
  weeklyOf,
} from '@app/insights';
import { startScheduler } from '@app/services';
import { Api } from '../../test/support/api.js';
import { freePort, REDIS_URL, tempDir, uniquePrefix } from '../../test/support/services.js';

export interface InsightsFigures {
  followups: number;
  /** GET /v1/insights, last 30 days, one request at a time. */
  p50: number;
  p99: number;
  /** GET /v1/insights, 366 days: the first answer (counts and keeps the settled days), then p50/p99 of the next. */
  yearFirst: number;
  yearP50: number;
  yearP99: number;
  /** GET /v1/followups, one page, same run: the baseline. */
  listP99: number;
  /** The year's answer in the process, from the records alone (before) and with the kept days (now), alternating. */
  recordsYearP99: number;
  keptYearP99: number;
}

/**
 * A clinic's year: patients, completed visits (a third each of three service types), an aftercare
 * and a check-in per visit (sent when due in the past, 5 % skipped), their delivery records,
 * rebookings, opt-outs, check-in replies, flare-up alerts and treatment plans. Ids are derived from
 * the clinic and a counter so the rows can refer to each other without a round trip.
 */
async function plantYear(db: DatabaseHandle['db'], clinicId: string, followupCount: number): Promise<void> {
  const visits = followupCount / 2;
  const patientCount = Math.max(1, Math.round(visits / 5));
  const id = (kind: string, n: unknown) => sql`md5(${clinicId} || ${kind} || ${n})::uuid`;
  await db.execute(sql`
    insert into patients (id, clinic_id, first_name, email, phone, consent_email, consent_sms)
    select ${id('p', sql`g`)}, ${clinicId}, 'Bench', 'bench' || g || '@patients.test', '+1514' || lpad(g::text, 7, '0'), true, true
    from generate_series(1, ${patientCount}) g`);
  // Visit g starts (g mod 365) days ago; it was booked ten days before it.
  await db.execute(sql`
    insert into appointments (id, clinic_id, patient_id, service_type, starts_at, duration_minutes, status, completed_at, created_at)
    select ${id('a', sql`g`)}, ${clinicId}, ${id('p', sql`(g % ${patientCount}) + 1`)},
           (array['medical-massage', 'acupuncture', 'physiotherapy'])[(g % 3) + 1],
           now() - make_interval(days => g % 365, hours => 3), 60, 'completed', now() - make_interval(days => g % 365, hours => 2),
           now() - make_interval(days => (g % 365) + 10)
    from generate_series(1, ${visits}) g`);
  // Insights read no step texts: the follow-ups name one empty cadence version.
  await db.execute(sql`
    insert into cadence_versions (id, clinic_id, service_type, digest, steps)
    values (${id('v', 1)}, ${clinicId}, 'bench', 'bench', '[]'::jsonb)`);
  await db.execute(sql`
    insert into followups (id, clinic_id, patient_id, appointment_id, anchor_key, step_key, kind, channel, cadence_version_id, send_at, status, reason, sent_at)
    select ${id('f', sql`g`)}, ${clinicId}, ${id('p', sql`(v % ${patientCount}) + 1`)}, ${id('a', sql`v`)}, 'completed:' || ${id('a', sql`v`)},
           s.key, s.kind, s.channel, ${id('v', 1)}, due,
           case when due > now() then 'scheduled' when g % 20 = 0 then 'skipped' else 'sent' end,
           case when due <= now() and g % 20 = 0 then 'opted-out' end,
           case when due <= now() and g % 20 <> 0 then due end
    from generate_series(1, ${followupCount}) g
    cross join lateral (select (g + 1) / 2 as v) visit
    cross join lateral (
      select case when g % 2 = 1 then 'aftercare' else 'checkin-day-2' end as key,
             case when g % 2 = 1 then 'aftercare' else 'checkin' end as kind,
             case when g % 2 = 1 then 'email' else 'sms' end as channel,
             now() - make_interval(days => v % 365, hours => 3) + case when g % 2 = 1 then interval '2 hours' else interval '2 days' end as due
    ) s`);
  await db.execute(sql`
    insert into deliveries (clinic_id, patient_id, followup_id, channel, "to", status, attempt, provider_message_id, created_at)
    select clinic_id, patient_id, id, channel, channel || '-of-' || patient_id, case when channel = 'sms' then 'delivered' else 'sent' end, 1, 'SM' || md5(id::text), sent_at
    from followups where clinic_id = ${clinicId} and status = 'sent'`);
  // One patient in five books again within two weeks of a visit.
  await db.execute(sql`
    insert into appointments (clinic_id, patient_id, service_type, starts_at, duration_minutes, created_at)
    select ${clinicId}, ${id('p', sql`(g % ${patientCount}) + 1`)}, 'medical-massage', now(), 60,
           now() - make_interval(days => g % 365) + make_interval(days => g % 14)
    from generate_series(1, ${visits}, 5) g`);
  await db.execute(sql`
    insert into consent_events (clinic_id, patient_id, channel, granted, source, created_at)
    select ${clinicId}, ${id('p', sql`g`)}, 'sms', false, 'sms-stop', now() - make_interval(days => g % 365)
    from generate_series(1, ${patientCount}, 25) g`);
  await db.execute(sql`
    insert into inbound_messages (id, provider_message_id, clinic_id, patient_id, followup_id, "from", sender, body, intent, score, status, created_at)
    select ${id('r', sql`g`)}, 'SM' || md5(${clinicId} || 'r' || g), ${clinicId}, ${id('p', sql`((g / 2) % ${patientCount}) + 1`)}, ${id('f', sql`g`)},
           'bench', 'bench', ((g / 2) % 5 + 1)::text, 'checkin-score', (g / 2) % 5 + 1, 'handled', now() - make_interval(days => (g / 2) % 365) + interval '2 days'
    from generate_series(2, ${followupCount}, 20) g`);
  await db.execute(sql`
    insert into patient_alerts (clinic_id, patient_id, kind, score, inbound_message_id, created_at)
    select clinic_id, patient_id, 'flare-up', score, id, created_at from inbound_messages where clinic_id = ${clinicId} and score = 5`);
  await db.execute(sql`
    insert into treatment_plans (clinic_id, patient_id, service_type, sessions, interval_days, starts_at, status, completed_at)
    select ${clinicId}, ${id('p', sql`g`)}, 'physiotherapy', 6, 7, now() - make_interval(days => g % 365), 'completed', now() - make_interval(days => g % 300)
    from generate_series(1, ${patientCount}, 10) g`);
}

function report(what: string, times: number[]): void {
  console.log(
    `  ${what.padEnd(48)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms   (${times.length} runs)`,
  );
}

function scopeOf(clinicId: string, from?: string): InsightsScope {
  const resolved = resolvePeriod({ from }, 'America/Toronto', new Date());
  if (!('period' in resolved)) throw new Error('bench: no period');
  return { clinicId, zone: 'America/Toronto', period: resolved.period };
}

/**
 * The whole answer in the process, as the service computes it: from the records alone, or with the
 * settled days kept (the first call keeps them).
 */
async function answerInProcess(service: InsightsService, scope: InsightsScope, version: 'records' | 'kept'): Promise<number> {
  const started = performance.now();
  await service.outcomes(scope, new Date(), { live: version === 'records' });
  return performance.now() - started;
}

/** Counted from the records alone and with kept days, the answers must agree, or the comparison means nothing. */
async function sameAnswer(service: InsightsService, scope: InsightsScope): Promise<void> {
  const clinic = { id: scope.clinicId, timezone: scope.zone };
  const query = { from: scope.period.from, to: scope.period.to };
  const kept = await service.forClinic(clinic, query);
  const records = await service.outcomes(scope, new Date(), { live: true });
  const fromRecords = { steps: foldSteps(records.days, records.replies), weekly: weeklyOf(scope.period, records.days) };
  if (JSON.stringify({ steps: kept.steps, weekly: kept.weekly }) !== JSON.stringify(fromRecords)) {
    throw new Error(`bench: kept days and records count differently from ${scope.period.from}`);
  }
}

async function timed(api: Api, path: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await api.get(path);
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`bench: ${path} answered ${response.status}`);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Plants the data, measures and prints. `full` adds the service-type filter, 366 days both ways and
 * the plans (EXPLAIN) of every statement.
 */
export async function measureInsights(
  name: string,
  database: DatabaseHandle,
  options: { followups: number; requests: number; full: boolean },
): Promise<InsightsFigures> {
  const { followups: FOLLOWUPS, requests: REQUESTS, full } = options;
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL,
    QUEUE_PREFIX: uniquePrefix(),
    DATA_DIR: tempDir(),
    SCHEDULER_PORT: String(port),
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
  });
  const app = await startScheduler(config, database);
  try {
    const admin = new Api(`http://127.0.0.1:${port}`, config.adminToken);
    const body = { name: 'Bench Clinic', timezone: 'America/Toronto', email: 'desk@bench.test' };
    const clinic = (await admin.post('/v1/clinics', body)).body;
    const other = (await admin.post('/v1/clinics', { ...body, name: 'Neighbour' })).body;
    const planting = performance.now();
    await plantYear(database.db, clinic.id, FOLLOWUPS);
    await plantYear(database.db, other.id, FOLLOWUPS / 2);
    await database.db.execute(sql`analyze`);
    const planted = (await database.db.execute<Record<string, unknown>>(sql`select count(*)::int as n from followups`)) as {
      rows: { n: number }[];
    };
    console.log(`\n${name}: ${planted.rows[0].n} follow-ups planted in ${((performance.now() - planting) / 1000).toFixed(1)} s`);

    const api = admin.as(clinic.apiKey);
    // The keep-alive connection of the clinic creation went idle while planting: the server closed it.
    await api.get('/v1/followups').catch(() => undefined);
    // The first year-long answer counts the settled days and keeps them; it is timed on its own.
    const yearPath = `/v1/insights?from=${yearAgo()}`;
    const [yearFirst] = await timed(api, yearPath, 1);
    await timed(api, '/v1/insights', 10); // warm-up: plans cached, pages in memory
    await timed(api, '/v1/followups', 10);
    const list = await timed(api, '/v1/followups', REQUESTS);
    const insights = await timed(api, '/v1/insights', REQUESTS);
    const year = await timed(api, yearPath, REQUESTS);
    report('GET /v1/followups (baseline: one page of 50)', list);
    report('GET /v1/insights (last 30 days)', insights);
    console.log(`  GET /v1/insights (366 days), the first: ${yearFirst.toFixed(1)} ms (counts and keeps the settled days)`);
    report('GET /v1/insights (366 days, every follow-up)', year);
    if (full) report('GET /v1/insights?serviceType=acupuncture', await timed(api, '/v1/insights?serviceType=acupuncture', REQUESTS));

    console.log('  the answer in the process, from the records alone (before) and with kept days (now), alternating:');
    const service = new InsightsService(new InsightsRepository(database.db));
    const compared: { records: number[]; kept: number[] }[] = [];
    for (const [days, from, count] of [
      [30, undefined, REQUESTS],
      [366, yearAgo(), Math.max(20, REQUESTS / 5)],
    ] as const) {
      const scope = scopeOf(clinic.id, from);
      await sameAnswer(service, scope);
      const records: number[] = [];
      const kept: number[] = [];
      for (let i = 0; i < count; i++) {
        records.push(await answerInProcess(service, scope, 'records'));
        kept.push(await answerInProcess(service, scope, 'kept'));
      }
      records.sort((a, b) => a - b);
      kept.sort((a, b) => a - b);
      report(`before: from the records alone (${days} days)`, records);
      report(`now: settled days kept (${days} days)`, kept);
      compared.push({ records, kept });
    }
    if (full) await explain(database, clinic.id);
    const [, yearCompared] = compared;
    return {
      followups: FOLLOWUPS,
      p50: percentile(insights, 50),
      p99: percentile(insights, 99),
      yearFirst,
      yearP50: percentile(year, 50),
      yearP99: percentile(year, 99),
      listP99: percentile(list, 99),
      recordsYearP99: percentile(yearCompared.records, 99),
      keptYearP99: percentile(yearCompared.kept, 99),
    };
  } finally {
    await app.close();
    const redis = new Redis(config.redisUrl);
    const keys = await redis.keys(`${config.queuePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

/** Each statement of a 30-day answer: its time inside the database and the indexes its plan reads. */
async function explain(database: DatabaseHandle, clinicId: string): Promise<void> {
  const scope = scopeOf(clinicId);
  const { live } = splitPeriod(scope.period, scope.zone, new Date());
  const statements = { 'steps (live days)': stepDaysStatement(clinicId, scope.zone, live!), ...insightsStatements(scope) };
  for (const [name, statement] of Object.entries(statements)) {
    // Each as the service runs it: in the service's snapshot, without JIT.
    const explained = sql`explain (analyze, format json) ${statement}`;
    const result = { rows: (await inOneSnapshot(database.db, [explained]))[0] } as { rows: { 'QUERY PLAN': unknown }[] };
    const raw = result.rows[0]['QUERY PLAN'];
    const [plan] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { 'Execution Time': number; Plan: unknown }[];
    const nodes = JSON.stringify(plan.Plan);
    const indexes = [...new Set([...nodes.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]))];
    const scans = [...new Set([...nodes.matchAll(/"Node Type":"Seq Scan","[^}]*?"Relation Name":"([^"]+)"/g)].map((m) => m[1]))];
    console.log(
      `    ${name.padEnd(18)} ${plan['Execution Time'].toFixed(1).padStart(7)} ms in the database; indexes: ${indexes.join(', ') || '—'}${scans.length ? `; sequential scans: ${scans.join(', ')}` : ''}`,
    );
  }
}

function yearAgo(): string {
  const day = new Date(Date.now() - 365 * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(day);
}
