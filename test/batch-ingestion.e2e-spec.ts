// Bulk ingestion for booking systems: POST /v1/patients/batch and /v1/appointments/batch against
// the scheduler on PGlite and real Redis. One result per item; a bad item is refused alone while
// the others go in; a known externalId answers the record it names; bookings plan the same
// follow-ups as one at a time, and their jobs are in the queue.
import { followupJobId, QueueName, redisOptionsFromUrl } from '@app/shared';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;
const DAY = 24 * 3600_000;
// No quiet hours: the booking confirmation is then due three minutes after the booking.
const clinicBody = { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test', quietHours: null };

describe('bulk ingestion for booking systems', () => {
  let server: Started;
  let api: Api;
  let other: Api;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    api = admin.as((await admin.post('/v1/clinics', clinicBody)).body.apiKey);
    other = admin.as((await admin.post('/v1/clinics', { ...clinicBody, name: 'Other Clinic' })).body.apiKey);
  });

  afterAll(() => server.stop());

  const patient = (n: number, fields: Record<string, unknown> = {}) => ({
    firstName: `Alex${n}`,
    phone: `+1514555${String(3000 + n)}`,
    consent: { email: false, sms: true },
    externalId: `jane-patient-${n}`,
    ...fields,
  });

  const visit = (patientId: string, fields: Record<string, unknown> = {}) => ({
    patientId,
    serviceType: 'medical-massage',
    startsAt: new Date(Date.now() + 3 * DAY).toISOString(),
    durationMinutes: 60,
    ...fields,
  });

  it('takes patients: one result per item, a bad one refused alone, a known externalId answered with its patient', async () => {
    const response = await api.post('/v1/patients/batch', {
      items: [patient(1), patient(2, { phone: '+99999999999', nickname: 'Al' }), patient(1, { firstName: 'Alexandre' }), patient(3)],
    });
    expect(response.status).toBe(200);
    const [first, bad, again, third] = response.body.results;
    expect(first).toEqual({ index: 0, status: 201, id: expect.any(String) });
    expect(bad).toEqual({
      index: 1,
      status: 400,
      errors: expect.arrayContaining([
        { field: 'phone', reason: expect.any(String) },
        { field: 'nickname', reason: expect.stringContaining('should not exist') },
      ]),
    });
    expect(again).toEqual({ index: 2, status: 200, id: first.id });
    expect(third).toMatchObject({ index: 3, status: 201 });

    // In, as one at a time would have put them: readable, consent recorded, audited once.
    expect((await api.get(`/v1/patients/${first.id}`)).body).toMatchObject({ firstName: 'Alex1', externalId: 'jane-patient-1' });
    const audit = (await api.get('/v1/audit?limit=200')).body as { action: string; subjectId: string }[];
    expect(audit.filter((e) => e.action === 'patient.create' && e.subjectId === first.id)).toHaveLength(1);
    // The same batch again creates nothing.
    const repeated = await api.post('/v1/patients/batch', { items: [patient(1), patient(3)] });
    expect(repeated.body.results).toEqual([
      { index: 0, status: 200, id: first.id },
      { index: 1, status: 200, id: third.id },
    ]);
    // Another clinic's externalIds are its own.
    expect((await other.post('/v1/patients/batch', { items: [patient(1)] })).body.results[0]).toMatchObject({ status: 201 });
  });

  it('takes bookings: plans their follow-ups as one booking does and queues them; refuses each bad item with its reason', async () => {
    const made = await api.post('/v1/patients/batch', { items: [patient(10), patient(11)] });
    const [alex, sam] = made.body.results.map((r: { id: string }) => r.id);
    const theirs = (await other.post('/v1/patients/batch', { items: [patient(12)] })).body.results[0].id;

    const response = await api.post('/v1/appointments/batch', {
      items: [
        visit(alex, { externalId: 'jane-appt-1' }),
        visit(randomUUID()),
        visit(alex, { startsAt: 'tomorrow at ten' }),
        visit(alex, { serviceType: 'hot-stones' }),
        visit(alex, { externalId: 'jane-appt-1' }),
        visit(sam, { externalId: 'jane-appt-1' }),
        visit(theirs),
        visit(sam, { planId: randomUUID() }),
        visit(sam),
      ],
    });
    expect(response.status).toBe(200);
    const results = response.body.results as { index: number; status: number; id?: string; errors?: { field: string }[] }[];
    expect(results.map((r) => [r.index, r.status, r.errors?.map((e) => e.field)])).toEqual([
      [0, 201, undefined],
      [1, 404, ['patientId']],
      [2, 400, ['startsAt']],
      [3, 400, ['serviceType']],
      [4, 200, undefined],
      [5, 409, ['externalId']],
      [6, 404, ['patientId']],
      [7, 400, ['planId']],
      [8, 201, undefined],
    ]);
    expect(results[4].id).toBe(results[0].id);
    expect((await api.get(`/v1/appointments/${results[0].id}`)).body).toMatchObject({
      patientId: alex,
      status: 'booked',
      externalId: 'jane-appt-1',
    });

    // The same follow-ups as a booking made on its own, each with its job in the queue.
    const single = await api.post('/v1/appointments', visit(sam));
    const steps = async (appointmentId: string) =>
      ((await api.get(`/v1/followups?appointmentId=${appointmentId}`)).body as { stepKey: string; status: string }[])
        .map((f) => `${f.stepKey}:${f.status}`)
        .sort();
    const planned = await steps(results[0].id!);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned).toEqual(await steps(single.body.id));
    expect(await steps(results[8].id!)).toEqual(planned);

    const queue = new Queue(QueueName.Followups, {
      connection: redisOptionsFromUrl(server.config.redisUrl),
      prefix: server.config.queuePrefix,
    });
    try {
      // The booking confirmation is due in minutes: its job is in Redis now (later steps may wait
      // in the database for their send window).
      const rows = (await api.get(`/v1/followups?appointmentId=${results[0].id}`)).body as { id: string; status: string; sendAt: string }[];
      const soon = rows.filter((f) => f.status === 'scheduled' && Date.parse(f.sendAt) < Date.now() + 10 * 60_000);
      expect(soon.length).toBeGreaterThan(0);
      for (const followup of soon) expect(await queue.getJob(followupJobId(followup.id, 1))).toBeDefined();
    } finally {
      await queue.close();
    }
  });

  it('counts a booking towards the patient’s active plan, as one booking does', async () => {
    const alex = (await api.post('/v1/patients/batch', { items: [patient(20)] })).body.results[0].id;
    const plan = await api.post('/v1/treatment-plans', { patientId: alex, serviceType: 'physiotherapy', sessions: 4, intervalDays: 7 });
    expect(plan.status).toBe(201);
    const { results } = (
      await api.post('/v1/appointments/batch', {
        items: [visit(alex, { serviceType: 'physiotherapy' }), visit(alex, { serviceType: 'physiotherapy', planId: plan.body.id })],
      })
    ).body;
    for (const result of results) {
      expect(result.status).toBe(201);
      expect((await api.get(`/v1/appointments/${result.id}`)).body.planId).toBe(plan.body.id);
    }
  });

  it.each([
    ['no items', { items: [] }, 'items'],
    ['more than 500', { items: Array.from({ length: 501 }, (_, n) => patient(100 + n)) }, 'items'],
    ['items that are not a list', { items: { 0: patient(1) } }, 'items'],
    ['an unknown field beside items', { items: [patient(1)], dryRun: true }, 'dryRun'],
  ])('refuses a batch with %s as a whole, naming the field', async (_what, body, field) => {
    for (const path of ['/v1/patients/batch', '/v1/appointments/batch']) {
      const response = await api.post(path, body);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('takes 500 items in one request and needs a clinic key', async () => {
    const response = await api.post('/v1/patients/batch', { items: Array.from({ length: 500 }, (_, n) => patient(1000 + n)) });
    expect(response.status).toBe(200);
    expect(response.body.results.filter((r: { status: number }) => r.status === 201)).toHaveLength(500);
    expect((await new Api(server.baseUrl).post('/v1/patients/batch', { items: [patient(1)] })).status).toBe(401);
  });

  it('is in the OpenAPI document with its answer', async () => {
    const document = (await (await fetch(`${server.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    for (const path of ['/v1/patients/batch', '/v1/appointments/batch']) {
      expect(JSON.stringify(document.paths[path].post.responses['200'].content)).toContain('BatchResultDto');
    }
  });
});
