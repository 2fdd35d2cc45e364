// npm run bench:batch [-- --appointments N] [-- --single N]
//
// Appointment ingestion on PostgreSQL (a fresh database on BENCH_DATABASE_URL, else
// TEST_DATABASE_URL, else the local server) through a built scheduler process: one POST
// /v1/appointments each (16 clients, the baseline) beside POST /v1/appointments/batch (500 a
// request), same clinic, same run. The same measurement is part of `npm run bench`.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { openDatabase } from '@app/shared';
import { Redis } from 'ioredis';
import { generateApiKey, hashApiKey } from '../libs/clinics/src/api-key.js';
import { freePort, REDIS_URL, ServiceProcess, uniquePrefix } from '../test/support/services.js';
import { measureIngestion } from './lib/batch-ingestion.js';
import { BUILD, SERVICE_SETTINGS } from './lib/delivery-runs.js';
import { createClinic } from './lib/plant.js';
import { freshDatabase } from './lib/postgres.js';
import { clearPrefix } from './lib/redis-footprint.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const batchAppointments = option('appointments', 10_000);
const singleAppointments = option('single', 1_000);

const postgres = await freshDatabase();
const prefix = uniquePrefix();
const redis = new Redis(REDIS_URL);
const handle = await openDatabase({ url: postgres.url, dataDir: 'unused' });
const apiKey = generateApiKey();
await createClinic(handle.db, hashApiKey(apiKey));
const port = String(await freePort());
const scheduler = new ServiceProcess(
  'scheduler',
  {
    ...SERVICE_SETTINGS,
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
  const patients = await fetch(`${api}/v1/patients/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      items: Array.from({ length: 500 }, (_, i) => ({
        firstName: `Bench${i}`,
        email: `bench${i}@bench.test`,
        consent: { email: true, sms: false },
      })),
    }),
  });
  const patientIds = ((await patients.json()) as { results: { id: string }[] }).results.map((r) => r.id);
  const load = loadavg()[0].toFixed(1);
  const rates = await measureIngestion(api, apiKey, patientIds, { singleAppointments, batchAppointments });
  const n = (value: number | undefined) => (value === undefined ? '—' : Math.round(value).toLocaleString('en-US'));
  console.log(`appointment ingestion on PostgreSQL, one scheduler process (load average before: ${load})`);
  console.log(
    `  one POST /v1/appointments each, 16 clients (${singleAppointments}):  ${n(rates.singleAppointmentsPerSecond)} appointments/s`,
  );
  console.log(
    `  POST /v1/appointments/batch, 500 a request (${batchAppointments}):     ${n(rates.batchAppointmentsPerSecond)} appointments/s`,
  );
  console.log(`  POST /v1/patients/batch, 500 a request:                      ${n(rates.batchPatientsPerSecond)} patients/s`);
  console.log(
    `bench: batch_appts_per_s=${Math.round(rates.batchAppointmentsPerSecond ?? 0)} single_appts_per_s=${Math.round(rates.singleAppointmentsPerSecond)} batch_patients_per_s=${Math.round(rates.batchPatientsPerSecond ?? 0)}`,
  );
} finally {
  await scheduler.stop();
  await handle.close();
  await postgres.drop();
  await clearPrefix(redis, prefix);
  redis.disconnect();
}
process.exit(0);
