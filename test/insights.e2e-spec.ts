import { deliveries, followups } from '@app/shared';
import { and, eq } from 'drizzle-orm';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

const clinicBody = { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test' };
const HOUR = 3600_000;

describe('GET /v1/insights through HTTP', () => {
  let server: Started;
  let clinicA: Api;
  let clinicB: Api;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    clinicA = admin.as((await admin.post('/v1/clinics', clinicBody)).body.apiKey);
    clinicB = admin.as((await admin.post('/v1/clinics', { ...clinicBody, name: 'Other Clinic' })).body.apiKey);

    // A massage completed through the API plans the aftercare; the notifier does not run here, so
    // the row is marked sent an hour ago as the send would have, with its delivery record.
    const patient = (await clinicA.post('/v1/patients', { firstName: 'Alex', phone: '+15145550111', consent: { email: true, sms: true } }))
      .body.id;
    const visit = await clinicA.post('/v1/appointments', {
      patientId: patient,
      serviceType: 'medical-massage',
      startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
      durationMinutes: 60,
    });
    expect((await clinicA.post(`/v1/appointments/${visit.body.id}/complete`)).status).toBe(200);
    const db = server.database.db;
    const [aftercare] = await db
      .update(followups)
      .set({ status: 'sent', sentAt: new Date(Date.now() - HOUR) })
      .where(and(eq(followups.appointmentId, visit.body.id), eq(followups.kind, 'aftercare')))
      .returning();
    await db.insert(deliveries).values({
      clinicId: aftercare.clinicId,
      patientId: aftercare.patientId,
      followupId: aftercare.id,
      channel: 'sms',
      to: '+15145550111',
      status: 'delivered',
      attempt: 1,
    });
    // …and the patient books the next massage.
    const rebooked = await clinicA.post('/v1/appointments', {
      patientId: patient,
      serviceType: 'medical-massage',
      startsAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
      durationMinutes: 60,
    });
    expect(rebooked.status).toBe(201);
  });

  afterAll(() => server.stop());

  it('answers the last 30 days of the clinic with the booking that followed the aftercare', async () => {
    const response = await clinicA.get('/v1/insights');
    expect(response.status).toBe(200);
    expect(response.body.steps).toContainEqual(
      expect.objectContaining({
        serviceType: 'medical-massage',
        kind: 'aftercare',
        sent: 1,
        delivered: 1,
        bookedAfter: { within7d: 1, within14d: 1 },
        conversion7d: 1,
      }),
    );
    const days = (Date.parse(response.body.to) - Date.parse(response.body.from)) / (24 * HOUR) + 1;
    expect(days).toBe(30);
    expect(response.body.weekly.reduce((sum: number, week: { sent: number }) => sum + week.sent, 0)).toBe(1);
    expect(JSON.stringify(response.body)).not.toMatch(/Alex|\+1514/);
  });

  it('shows another clinic none of it', async () => {
    const response = await clinicB.get('/v1/insights');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ steps: [], checkins: { replies: 0 }, alerts: { raised: 0 }, plans: { started: 0 } });
  });

  it('needs a clinic key', async () => {
    expect((await new Api(server.baseUrl).get('/v1/insights')).status).toBe(401);
  });

  it.each([
    ['?from=2026-02-30', [{ field: 'from', reason: 'is not a day of the calendar (2026-02-30)' }]],
    [
      '?from=tomorrow&to=2026-1-1',
      [
        { field: 'from', reason: 'must be a date as YYYY-MM-DD' },
        { field: 'to', reason: 'must be a date as YYYY-MM-DD' },
      ],
    ],
    ['?from=2026-06-02&to=2026-06-01', [{ field: 'from', reason: 'must not be after to' }]],
    ['?from=2024-01-01&to=2025-12-31', [{ field: 'from', reason: 'period is 731 days; at most 366' }]],
    ['?serviceType=Deep Tissue', [{ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' }]],
    ['?from=2026-01-01&from=2026-02-01', [{ field: 'from', reason: 'must be a string' }]],
    ['?clinicId=someone-else', [{ field: 'clinicId', reason: 'property clinicId should not exist' }]],
  ])('refuses %s with 400 naming the field', async (query, errors) => {
    const response = await clinicA.get(`/v1/insights${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(errors);
  });

  it('describes its answer in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.baseUrl}/docs-json`)).json()) as any;
    expect(document.paths['/v1/insights'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/InsightsDto',
    });
    expect(Object.keys(document.components.schemas.StepOutcomeDto.properties)).toEqual(
      expect.arrayContaining(['stepKey', 'sent', 'skippedByReason', 'optedOutAfter', 'bookedAfter', 'conversion7d']),
    );
  });
});
