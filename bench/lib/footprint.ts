// What a clinic's future costs and how its lists answer: follow-ups pending over 30 days and a few
// inside the send window, their bytes in Redis and in PostgreSQL, EXPLAIN of every list query at
// that size, GET /v1/followups?patientId= under 16 clients, and appointment ingestion.
import { randomUUID } from 'node:crypto';
import { type Clinic, type Database, openDatabase } from '@app/shared';
import * as schema from '@app/shared/database/schema.js';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ConsentRepository } from '../../libs/consent/src/consent.repository.js';
import { DeliveriesRepository } from '../../libs/delivery/src/records/deliveries.repository.js';
import { RepliesRepository } from '../../libs/replies/src/replies.repository.js';
import { AlertsRepository } from '../../libs/care-timeline/src/patients/patient-alerts.repository.js';
import { generateApiKey, hashApiKey } from '../../libs/clinics/src/api-key.js';
import { FollowupsRepository } from '../../libs/care-timeline/src/followups/followups.repository.js';
import { freePort, REDIS_URL, ServiceProcess, uniquePrefix } from '../../test/support/services.js';
import { BUILD, SERVICE_SETTINGS } from './delivery-runs.js';
import { freshDatabase } from './postgres.js';
import { measureIngestion } from './batch-ingestion.js';
import { startBaseline } from './bench-process.js';
import { createClinic, enqueuePlanned, plantDueMessages, plantFuture } from './plant.js';
import { clearPrefix, redisBytes } from './redis-footprint.js';
import { ascending, closedLoop, percentile } from './stats.js';

const DAY = 86400_000;

export interface ExplainedQuery {
  name: string;
  /** Scans of the listed table, e.g. "Index Scan using followups_patient_idx". */
  access: string[];
  rowsReturned: number;
  /** Rows the scans read to find them (returned + removed by a filter). */
  rowsRead: number;
  ms: number;
  indexed: boolean;
}

export interface Footprint {
  pending: number;
  redisBytesPerFarPending: number;
  windowJobs: number;
  redisBytesPerWindowJob: number;
  dbBytesPerFollowup: number;
  dbIndexBytesPerFollowup: number;
  listRequests: number;
  listP50: number;
  listP99: number;
  /** The same requests to the list floor (list-floor-server.ts): node:http, pg and the one query. */
  listFloorRequests: number;
  listFloorP50: number;
  listFloorP99: number;
  explained: ExplainedQuery[];
  singleAppointmentsPerSecond: number;
  batchAppointmentsPerSecond?: number;
  batchPatientsPerSecond?: number;
}

export async function footprint(options: {
  pending: number;
  windowJobs: number;
  listSeconds: number;
  singleAppointments: number;
  batchAppointments: number;
}): Promise<Footprint> {
  const postgres = await freshDatabase();
  const prefix = uniquePrefix();
  const redis = new Redis(REDIS_URL);
  const handle = await openDatabase({ url: postgres.url, dataDir: 'unused' });
  const apiKey = generateApiKey();
  const clinic = await createClinic(handle.db, hashApiKey(apiKey));
  const port = String(await freePort());
  const scheduler = new ServiceProcess(
    'scheduler',
    {
      ...SERVICE_SETTINGS,
      // The scheduler sends nothing: no providers to name.
      ALLOW_DEVELOPMENT_DEFAULTS: 'true',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: postgres.url,
      SCHEDULER_PORT: port,
    },
    BUILD,
  );
  try {
    await scheduler.start(`http://127.0.0.1:${port}/health/ready`, 60_000);
    const api = `http://127.0.0.1:${port}`;

    const empty = await redisBytes(redis, prefix);
    const future = await plantFuture(handle.db, clinic, options.pending, { fromMs: 3600_000, toMs: 30 * DAY });
    await enqueuePlanned(REDIS_URL, prefix, future.rows);
    const withFuture = await redisBytes(redis, prefix);
    const soon = Date.now() + 2 * 60_000;
    const window = await plantDueMessages(
      handle.db,
      clinic,
      options.windowJobs,
      (i) => new Date(soon + (i * (8 * 60_000)) / options.windowJobs),
    );
    await enqueuePlanned(REDIS_URL, prefix, window.rows);
    const withWindow = await redisBytes(redis, prefix);

    const sql = new pg.Client({ connectionString: postgres.url });
    await sql.connect();
    await fillHistory(sql, clinic);
    await sql.query('vacuum analyze');
    const { rows: sizes } = await sql.query<{ rows: string; table: string; indexes: string }>(
      `select count(*)::text as rows, pg_table_size('followups')::text as table, pg_indexes_size('followups')::text as indexes from followups`,
    );
    const explained = await explainLists(sql, postgres.url, clinic, future);
    await sql.end();

    const patientIds = future.patientIds;
    const listLatencies = (base: string, headers: Record<string, string>) => {
      const until = Date.now() + options.listSeconds * 1000;
      return closedLoop(
        16,
        () => Date.now() > until,
        async () => {
          const patientId = patientIds[Math.floor(Math.random() * patientIds.length)];
          const response = await fetch(`${base}/v1/followups?patientId=${patientId}`, { headers });
          if (response.status !== 200) throw new Error(`bench: GET /v1/followups on ${base} answered ${response.status}`);
          await response.arrayBuffer();
        },
      ).then(ascending);
    };
    const latencies = await listLatencies(api, { authorization: `Bearer ${apiKey}` });
    // The same requests, rows and database, served by node:http and pg alone (list-floor-server.ts).
    const floorPort = String(await freePort());
    const listFloor = await startBaseline('list-floor-server.js', {
      LIST_FLOOR_DATABASE_URL: postgres.url,
      LIST_FLOOR_CLINIC_ID: clinic.id,
      LIST_FLOOR_PORT: floorPort,
    });
    const floorLatencies = await listLatencies(`http://127.0.0.1:${floorPort}`, {}).finally(() => listFloor.stop());

    const ingestion = await measureIngestion(api, apiKey, patientIds, options);
    return {
      pending: future.rows.length,
      redisBytesPerFarPending: (withFuture.bytes - empty.bytes) / future.rows.length,
      windowJobs: window.rows.length,
      redisBytesPerWindowJob: (withWindow.bytes - withFuture.bytes) / window.rows.length,
      dbBytesPerFollowup: Number(sizes[0].table) / Number(sizes[0].rows),
      dbIndexBytesPerFollowup: Number(sizes[0].indexes) / Number(sizes[0].rows),
      listRequests: latencies.length,
      listP50: percentile(latencies, 50),
      listP99: percentile(latencies, 99),
      listFloorRequests: floorLatencies.length,
      listFloorP50: percentile(floorLatencies, 50),
      listFloorP99: percentile(floorLatencies, 99),
      explained,
      ...ingestion,
    };
  } finally {
    await scheduler.stop();
    await handle.close();
    await postgres.drop();
    await clearPrefix(redis, prefix);
    redis.disconnect();
  }
}

/** Sent messages, replies, alerts and consent history at the same scale, so their lists are explained at size. */
async function fillHistory(sql: pg.Client, clinic: Clinic): Promise<void> {
  await sql.query(
    `insert into deliveries (clinic_id, patient_id, followup_id, channel, "to", status, attempt, provider_message_id, created_at, updated_at)
     select clinic_id, patient_id, id, 'email', 'p@bench.test', 'sent', 1, 'bench-' || id, created_at, created_at from followups`,
  );
  await sql.query(
    `insert into inbound_messages (provider_message_id, clinic_id, patient_id, "from", sender, body, intent, status, created_at)
     select 'SM' || md5(f.id::text), f.clinic_id, f.patient_id, '+15550000000', '+15145550199', 'ok thanks',
            case when n % 100 = 0 then 'unrecognised' else 'confirm' end, case when n % 100 = 0 then 'unread' else 'handled' end,
            now() - (n || ' seconds')::interval
     from (select id, clinic_id, patient_id, row_number() over () as n from followups) f`,
  );
  await sql.query(
    `insert into patient_alerts (clinic_id, patient_id, kind, score, inbound_message_id, created_at)
     select clinic_id, patient_id, 'flare-up', 4, id, created_at from inbound_messages`,
  );
  await sql.query(
    `insert into consent_events (clinic_id, patient_id, channel, granted, source)
     select clinic_id, id, c.channel, true, 'api' from patients, (values ('email'), ('sms')) as c(channel) where clinic_id = $1`,
    [clinic.id],
  );
}

/**
 * Every list the API serves, as the repositories write it (captured from Drizzle's query log),
 * explained with ANALYZE at size. "Indexed" means no sequential scan of the listed table and no
 * more rows read than a few pages' worth.
 */
async function explainLists(
  sql: pg.Client,
  url: string,
  clinic: Clinic,
  future: { patientIds: string[]; appointmentIds: string[] },
): Promise<ExplainedQuery[]> {
  const captured: { query: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Database;
  const patientId = future.patientIds[Math.floor(future.patientIds.length / 2)];
  const appointmentId = future.appointmentIds[Math.floor(future.appointmentIds.length / 2)];
  const { rows: planned } = await sql.query<{ id: string }>(
    'select id from followups where patient_id = $1 order by created_at, id limit 1',
    [patientId],
  );
  const followupsRepository = new FollowupsRepository(db);
  const lists: [string, string, () => Promise<unknown>][] = [
    ['followups', 'GET /v1/followups (clinic)', () => followupsRepository.list({ clinicId: clinic.id }, 51)],
    ['followups', 'GET /v1/followups?patientId=', () => followupsRepository.list({ clinicId: clinic.id, patientId }, 51)],
    [
      'followups',
      'GET /v1/followups?patientId=&cursor=',
      () => followupsRepository.list({ clinicId: clinic.id, patientId }, 51, planned[0].id),
    ],
    ['followups', 'GET /v1/followups?appointmentId=', () => followupsRepository.list({ clinicId: clinic.id, appointmentId }, 51)],
    ['followups', 'GET /v1/followups?planId=', () => followupsRepository.list({ clinicId: clinic.id, planId: randomUUID() }, 51)],
    ['followups', 'GET /v1/followups?status=dead', () => followupsRepository.list({ clinicId: clinic.id, status: 'dead' }, 51)],
    ['deliveries', 'GET /v1/patients/:id/messages', () => new DeliveriesRepository(db).listForPatient(clinic.id, patientId, 51)],
    ['inbound_messages', 'GET /v1/replies?status=unread', () => new RepliesRepository(db).list(clinic.id, 'unread', 51)],
    ['patient_alerts', 'GET /v1/patients/:id/alerts', () => new AlertsRepository(db).list(clinic.id, patientId, 51)],
    ['consent_events', 'GET /v1/patients/:id/consent', () => new ConsentRepository(db).history(patientId)],
  ];
  const explained: ExplainedQuery[] = [];
  try {
    for (const [table, name, run] of lists) {
      captured.length = 0;
      await run();
      const { query, params } = captured[captured.length - 1];
      const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
        `explain (analyze, format json) ${query}`,
        params,
      );
      const [{ Plan: plan, 'Execution Time': ms }] = rows[0]['QUERY PLAN'];
      const scans = scansOf(plan).filter((node) => node['Relation Name'] === table);
      const rowsRead = scans.reduce(
        (sum, n) => sum + ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1),
        0,
      );
      explained.push({
        name,
        access: scans.map((n) => `${n['Node Type']}${indexesOf(n).length ? ` using ${indexesOf(n).join(' + ')}` : ''}`),
        rowsReturned: plan['Actual Rows'] ?? 0,
        rowsRead,
        ms,
        indexed: scans.every((n) => n['Node Type'] !== 'Seq Scan') && rowsRead <= 500,
      });
    }
  } finally {
    await pool.end();
  }
  return explained;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** The index a scan uses; a bitmap heap scan names its indexes on its bitmap index scan children. */
function indexesOf(node: PlanNode): string[] {
  if (node['Index Name']) return [node['Index Name']];
  return (node.Plans ?? []).filter((child) => child['Node Type'].startsWith('Bitmap')).flatMap(indexesOf);
}

function scansOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(scansOf)].filter((n) => n['Relation Name'] !== undefined);
}
