// Appointment ingestion as a booking system does it, against a running scheduler: one POST each
// (16 clients, the baseline) and in batches of 500 (POST /v1/appointments/batch), on the same
// clinic in the same run; patients in batches of 500 too. Called by `npm run bench` (footprint.ts)
// and by `npm run bench:batch` (bench/batch.bench.ts).
import { closedLoop, perSecond } from './stats.js';

const DAY = 86400_000;
const BATCH = 500;

export interface IngestionRates {
  /** One POST /v1/appointments each, 16 clients. */
  singleAppointmentsPerSecond: number;
  /** POST /v1/appointments/batch, 500 a request, one request at a time; absent when the API has no batch endpoint. */
  batchAppointmentsPerSecond?: number;
  batchPatientsPerSecond?: number;
}

export async function measureIngestion(
  api: string,
  apiKey: string,
  patientIds: string[],
  options: { singleAppointments: number; batchAppointments: number },
): Promise<IngestionRates> {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  let made = 0;
  const appointment = () => {
    const n = made++;
    return {
      patientId: patientIds[n % patientIds.length],
      serviceType: 'medical-massage',
      startsAt: new Date(Date.now() + 7 * DAY + n * 60_000).toISOString(),
      durationMinutes: 60,
      externalId: `bench-${n}`,
    };
  };
  let started = Date.now();
  let sent = 0;
  await closedLoop(
    16,
    () => sent >= options.singleAppointments,
    async () => {
      sent++;
      const response = await fetch(`${api}/v1/appointments`, { method: 'POST', headers, body: JSON.stringify(appointment()) });
      if (response.status !== 201) throw new Error(`bench: POST /v1/appointments answered ${response.status}: ${await response.text()}`);
    },
  );
  const singleAppointmentsPerSecond = perSecond(sent, Date.now() - started);

  const probe = await fetch(`${api}/v1/appointments/batch`, { method: 'POST', headers, body: JSON.stringify({ items: [] }) });
  if (probe.status === 404) return { singleAppointmentsPerSecond };
  const post = async (path: string, items: unknown[]) => {
    const response = await fetch(`${api}${path}`, { method: 'POST', headers, body: JSON.stringify({ items }) });
    const body = (await response.json()) as { results: { status: number }[] };
    if (response.status !== 200 || body.results.some((r) => r.status >= 400)) {
      throw new Error(`bench: POST ${path} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  const batches = Math.ceil(options.batchAppointments / BATCH);
  started = Date.now();
  for (let b = 0; b < batches; b++) {
    await post(
      '/v1/patients/batch',
      Array.from({ length: BATCH }, (_, i) => ({
        firstName: `New${b}-${i}`,
        email: `new${b}-${i}@bench.test`,
        consent: { email: true, sms: false },
        externalId: `bench-patient-${b}-${i}`,
      })),
    );
  }
  const batchPatientsPerSecond = perSecond(batches * BATCH, Date.now() - started);
  started = Date.now();
  for (let b = 0; b < batches; b++) {
    await post(
      '/v1/appointments/batch',
      Array.from({ length: BATCH }, () => appointment()),
    );
  }
  return {
    singleAppointmentsPerSecond,
    batchPatientsPerSecond,
    batchAppointmentsPerSecond: perSecond(batches * BATCH, Date.now() - started),
  };
}
