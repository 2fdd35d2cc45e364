import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;
type FieldErrors = { errors?: { field: string; reason: string }[] };

const clinicBody = { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test' };
const patientBody = { firstName: 'Alex', email: 'alex@patients.test', phone: '+15145550111', consent: { email: true, sms: true } };

const reasonFor = (body: FieldErrors, field: string) => body.errors?.find((e) => e.field === field)?.reason;

/** Input a client can send that used to crash a request (500) or slip through: each is a 400 naming the field. */
describe('scheduler API: hostile input is a 400 naming the field, never a 500', () => {
  let server: Started;
  let admin: Api;
  let clinic: Api;
  let patientId: string;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    admin = new Api(server.baseUrl, server.config.adminToken);
    clinic = admin.as((await admin.post('/v1/clinics', clinicBody)).body.apiKey);
    patientId = (await clinic.post('/v1/patients', patientBody)).body.id;
  });

  afterAll(() => server.stop());

  it.each([
    ['lastName', { ...patientBody, lastName: 'N\u0000' }],
    ['firstName', { ...patientBody, firstName: '\u0000' }],
    ['consent.email', { ...patientBody, consent: { email: 'yes\u0000', sms: true } }],
  ])('refuses a null character in %s, and stores nothing', async (field, body) => {
    const before = (await server.database.db.query.patients.findMany()).length;
    const response = await clinic.post('/v1/patients', body);
    expect(response.status).toBe(400);
    expect(reasonFor(response.body, field)).toMatch(/null character/);
    expect((await server.database.db.query.patients.findMany()).length).toBe(before);
  });

  it('refuses half a surrogate pair in any text (an email validator threw on it: a 500), and takes emoji', async () => {
    const clinicWithLoneSurrogate = await admin.request(
      'POST',
      '/v1/clinics',
      '{"name":"\\ud800x","timezone":"UTC","email":"\\udfff\\ud800"}',
      {
        'content-type': 'application/json',
      },
    );
    expect(clinicWithLoneSurrogate.status).toBe(400);
    expect(clinicWithLoneSurrogate.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
    expect((await clinic.post('/v1/patients', { ...patientBody, firstName: 'Zoé 😀' })).status).toBe(201);
  });

  it('refuses a null character in a query value and in a path', async () => {
    const query = await clinic.get('/v1/followups?patientId=%00');
    expect(query.status).toBe(400);
    expect(reasonFor(query.body, 'patientId')).toMatch(/null character/);
    const path = await clinic.get('/v1/cadences/massage%00');
    expect(path.status).toBe(400);
    expect(reasonFor(path.body, 'path')).toMatch(/null character/);
  });

  it.each([
    ['objects', (depth: number) => `{"firstName":"A","consent":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`, 'POST', '/v1/patients'],
    ['arrays', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`, 'PUT', '/v1/cadences/deep'],
  ])('refuses %s nested 2,000 deep (about 30 KB) with 400, with and without an Idempotency-Key', async (_, build, method, path) => {
    const body = build(2000);
    for (const headers of [{}, { 'idempotency-key': 'deep-1' }] as Record<string, string>[]) {
      const response = await clinic.request(method, path, body, { 'content-type': 'application/json', ...headers });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].reason).toMatch(/nests deeper than 32 levels/);
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key like any unknown field, at any depth', async (key) => {
    for (const body of [
      `{"firstName":"Alex","consent":{"email":true,"sms":true},"${key}":{"isAdmin":true}}`,
      `{"firstName":"Alex","consent":{"email":true,"sms":true,"${key}":{}}}`,
    ]) {
      const response = await clinic.request('POST', '/v1/patients', body, { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { reason: string }) => e.reason)).toContain(`property ${key} should not exist`);
    }
  });

  it.each([
    ['phone', { phone: '+99999999999' }, /not a valid phone number/],
    ['phone', { phone: '+1514555011' }, /not a valid phone number/],
    ['timezone', { timezone: 'UTC+5' }, /IANA/],
    ['timezone', { timezone: '+05:00' }, /IANA/],
    ['firstName', { firstName: '   ' }, /blank/],
    ['lastName', { lastName: '\t' }, /blank/],
  ])('refuses patient %s %j', async (field, override, reason) => {
    const response = await clinic.post('/v1/patients', { ...patientBody, ...override });
    expect(response.status).toBe(400);
    expect(reasonFor(response.body, field)).toMatch(reason);
  });

  it('refuses a clinic with a blank name, an offset for a zone or a number that cannot exist', async () => {
    const response = await admin.post('/v1/clinics', { ...clinicBody, name: ' ', timezone: 'UTC+5', phone: '+99999999999' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'phone', 'timezone']);
  });

  it('takes IANA names, including UTC and links such as Asia/Calcutta', async () => {
    for (const timezone of ['UTC', 'Asia/Calcutta', 'Europe/Paris']) {
      expect((await clinic.post('/v1/patients', { ...patientBody, timezone })).status).toBe(201);
    }
  });

  it.each(['0000-01-01T10:00:00Z', '0001-01-01T10:00:00Z', '1899-12-31T23:59:00-05:00', '2101-01-01T00:00:00Z', '9999-12-31T10:00:00Z'])(
    'refuses a visit at %s, and moves none there',
    async (startsAt) => {
      const booked = await clinic.post('/v1/appointments', { patientId, serviceType: 'acupuncture', startsAt, durationMinutes: 30 });
      expect(booked.status).toBe(400);
      expect(reasonFor(booked.body, 'startsAt')).toMatch(/between 1900 and 2100/);
      const valid = await clinic.post('/v1/appointments', {
        patientId,
        serviceType: 'acupuncture',
        startsAt: '2030-01-01T10:00:00Z',
        durationMinutes: 30,
      });
      const moved = await clinic.patch(`/v1/appointments/${valid.body.id}`, { startsAt });
      expect(moved.status).toBe(400);
      expect((await clinic.get(`/v1/appointments/${valid.body.id}`)).body.startsAt).toBe('2030-01-01T10:00:00.000Z');
    },
  );

  it('keeps the first and last days of the window as written', async () => {
    for (const startsAt of ['1900-01-01T00:00:00Z', '2100-12-31T23:00:00-05:00']) {
      const booked = await clinic.post('/v1/appointments', { patientId, serviceType: 'acupuncture', startsAt, durationMinutes: 30 });
      expect(booked.status).toBe(201);
      expect(new Date(booked.body.startsAt).getTime()).toBe(new Date(startsAt).getTime());
    }
  });

  it.each(['0000-01-01', '0001-01-01', '9999-12-31', '2101-01-01'])('refuses a plan starting on %s', async (startsOn) => {
    const response = await clinic.post('/v1/treatment-plans', {
      patientId,
      serviceType: 'physiotherapy',
      sessions: 3,
      intervalDays: 7,
      startsOn,
    });
    expect(response.status).toBe(400);
    expect(reasonFor(response.body, 'startsOn')).toMatch(/between 1900 and 2100/);
  });

  describe('cadence offsets and size', () => {
    const step = (offset: string, key = 'aftercare') => ({
      key,
      kind: 'aftercare',
      anchor: 'appointment.completed',
      offset,
      channel: 'email',
      template: { subject: 'Aftercare from {{clinicName}}', email: 'Hi {{firstName}}, drink water.', sms: '{{clinicName}}: drink water.' },
    });

    it.each(['PT99999999999999999999H', 'P100000Y', 'P401D', 'P2Y', 'P58W', 'P14M', 'PT9601H'])(
      'refuses %s, beyond 400 days, and bookings of the service type still work',
      async (offset) => {
        const response = await clinic.put('/v1/cadences/offset-test', { steps: [step(offset)] });
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ field: 'steps.0.offset', reason: 'must be at most 400 days before or after its anchor' }]);
      },
    );

    it('takes offsets up to 400 days either way', async () => {
      const steps = [step('P400D', 'a'), step('P1Y1M', 'b'), step('PT9600H', 'c')];
      expect((await clinic.put('/v1/cadences/offset-test', { steps })).status).toBe(200);
      const booked = await clinic.post('/v1/appointments', {
        patientId,
        serviceType: 'offset-test',
        startsAt: '2030-01-01T10:00:00Z',
        durationMinutes: 30,
      });
      expect(booked.status).toBe(201);
      expect((await clinic.post(`/v1/appointments/${booked.body.id}/complete`)).status).toBe(200);
    });

    it('takes the largest valid cadence (20 steps of full-length texts), and answers 413 with the field beyond the limit', async () => {
      // Characters JSON must escape (\u escapes, 6 bytes each) make the body as large as a valid one gets.
      const longText = (length: number) => '\u0001'.repeat(length - 20) + ' {{firstName}} done.';
      const steps = Array.from({ length: 20 }, (_, i) => ({
        ...step('PT2H', `step-${i}`),
        template: { subject: 'S'.repeat(200), email: longText(10_000), sms: 'short {{firstName}}' },
      }));
      const body = JSON.stringify({ steps });
      expect(body.length).toBeGreaterThan(1_000_000);
      const put = await clinic.request('PUT', '/v1/cadences/largest', body, { 'content-type': 'application/json' });
      expect(put.status).toBe(200);
      expect(put.body.steps).toHaveLength(20);
      const tooLarge = await clinic.request('PUT', '/v1/cadences/largest', `{"steps":[],"pad":"${'x'.repeat(3_000_000)}"}`, {
        'content-type': 'application/json',
      });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.errors).toEqual([{ field: 'body', reason: expect.stringMatching(/larger than 2 MB/) }]);
    });
  });

  it('validates a body no parser read (another content type, or none) as empty, naming the required fields', async () => {
    const xml = await clinic.request('POST', '/v1/patients', '<patient/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(400);
    expect(xml.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['firstName', 'consent']));
    const none = await clinic.request('POST', '/v1/treatment-plans');
    expect(none.status).toBe(400);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['patientId', 'sessions']));
  });

  it('answers unreadable JSON with the errors shape', async () => {
    const response = await clinic.request('POST', '/v1/patients', '{"firstName": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'body', reason: expect.stringMatching(/^must be valid JSON/) }]);
  });
});
