import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

const clinicBody = { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test' };
const patientBody = { firstName: 'Alex', email: 'alex@patients.test', phone: '+15145550111', consent: { email: true, sms: true } };

function fields(body: { errors?: { field: string; reason: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('scheduler API: bad input, authentication and tenancy', () => {
  let server: Started;
  let admin: Api;
  let clinicA: Api;
  let clinicB: Api;
  let patientA: string;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    admin = new Api(server.baseUrl, server.config.adminToken);
    clinicA = admin.as((await admin.post('/v1/clinics', clinicBody)).body.apiKey);
    clinicB = admin.as((await admin.post('/v1/clinics', { ...clinicBody, name: 'Other Clinic' })).body.apiKey);
    patientA = (await clinicA.post('/v1/patients', patientBody)).body.id;
  });

  afterAll(() => server.stop());

  describe('clinics', () => {
    it('needs the admin token', async () => {
      expect((await new Api(server.baseUrl).post('/v1/clinics', clinicBody)).status).toBe(401);
      expect((await admin.as('not-the-admin-token-at-all').post('/v1/clinics', clinicBody)).status).toBe(401);
      expect((await clinicA.post('/v1/clinics', clinicBody)).status).toBe(401);
    });

    it('answers the key once and keeps only its hash', async () => {
      const created = await admin.post('/v1/clinics', clinicBody);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...clinicBody, quietHours: { start: '21:00', end: '08:00' } });
      expect(created.body).not.toHaveProperty('apiKeyHash');
      const stored = await server.database.db.query.apiKeys.findFirst({ where: (k, { eq }) => eq(k.clinicId, created.body.id) });
      expect(stored!.keyHash).not.toContain(created.body.apiKey);
      expect(stored!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each([
      [{ ...clinicBody, timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ ...clinicBody, email: 'not-an-email' }, 'email'],
      [{ ...clinicBody, phone: '514-555-0100' }, 'phone'],
      [{ ...clinicBody, quietHours: { start: '9pm', end: '08:00' } }, 'quietHours.start'],
      [{ ...clinicBody, colour: 'blue' }, 'colour'],
      [{ timezone: 'UTC', email: 'a@b.test' }, 'name'],
    ])('refuses %j naming %s', async (body, field) => {
      const response = await admin.post('/v1/clinics', body);
      expect(response.status).toBe(400);
      expect(fields(response.body)).toContain(field);
    });

    it('turns quiet hours off with null', async () => {
      const response = await admin.post('/v1/clinics', { ...clinicBody, quietHours: null });
      expect(response.status).toBe(201);
      expect(response.body.quietHours).toBeNull();
    });
  });

  describe('patients', () => {
    it.each([
      [{ ...patientBody, email: 'alex@' }, 'email', /email/],
      [{ ...patientBody, phone: '5145550111' }, 'phone', /E\.164/],
      [{ ...patientBody, timezone: 'Europe/Atlantis' }, 'timezone', /IANA/],
      [{ firstName: 'Alex', email: 'alex@patients.test' }, 'consent', /required/],
      [{ ...patientBody, consent: { email: true } }, 'consent.sms', /boolean/],
      [{ ...patientBody, consent: { email: 'yes', sms: true } }, 'consent.email', /boolean/],
      [{ ...patientBody, diagnosis: 'sciatica' }, 'diagnosis', /should not exist/],
      [{ ...patientBody, preferredChannel: 'fax' }, 'preferredChannel', /email, sms/],
    ])('refuses %j naming %s', async (body, field, reason) => {
      const response = await clinicA.post('/v1/patients', body);
      expect(response.status).toBe(400);
      const error = response.body.errors.find((e: { field: string }) => e.field === field);
      expect(error).toBeDefined();
      expect(error.reason).toMatch(reason);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await clinicA.request('POST', '/v1/patients', '{"firstName": ', { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
    });

    it('does not create a second patient for a repeated externalId', async () => {
      const first = await clinicA.post('/v1/patients', { ...patientBody, externalId: 'jane-123' });
      const again = await clinicA.post('/v1/patients', { ...patientBody, externalId: 'jane-123' });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const otherClinic = await clinicB.post('/v1/patients', { ...patientBody, externalId: 'jane-123' });
      expect(otherClinic.status).toBe(201);
      expect(otherClinic.body.id).not.toBe(first.body.id);
    });

    it('updates consent and fields with PATCH', async () => {
      const response = await clinicA.patch(`/v1/patients/${patientA}`, { consent: { sms: false }, timezone: 'Europe/Paris' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ consent: { email: true, sms: false }, timezone: 'Europe/Paris' });
      expect((await clinicA.patch(`/v1/patients/${patientA}`, { phone: 'call me' })).status).toBe(400);
    });
  });

  describe('tenancy', () => {
    it('refuses requests without a valid clinic key', async () => {
      expect((await new Api(server.baseUrl).get(`/v1/patients/${patientA}`)).status).toBe(401);
      expect((await admin.as('cc_forged').get(`/v1/patients/${patientA}`)).status).toBe(401);
      expect((await admin.get(`/v1/patients/${patientA}`)).status).toBe(401);
    });

    it("answers 404 for another clinic's patient, appointment and messages", async () => {
      expect((await clinicA.get(`/v1/patients/${patientA}`)).status).toBe(200);
      expect((await clinicB.get(`/v1/patients/${patientA}`)).status).toBe(404);
      expect((await clinicB.patch(`/v1/patients/${patientA}`, { firstName: 'Mallory' })).status).toBe(404);
      expect((await clinicB.get(`/v1/patients/${patientA}/messages`)).status).toBe(404);
      const booked = await clinicA.post('/v1/appointments', {
        patientId: patientA,
        serviceType: 'acupuncture',
        startsAt: '2030-03-01T09:00:00-05:00',
        durationMinutes: 45,
      });
      expect(booked.status).toBe(201);
      expect((await clinicB.post(`/v1/appointments/${booked.body.id}/complete`)).status).toBe(404);
      expect((await clinicB.post(`/v1/appointments/${booked.body.id}/cancel`)).status).toBe(404);
      expect(
        (
          await clinicB.post('/v1/appointments', {
            patientId: patientA,
            serviceType: 'acupuncture',
            startsAt: '2030-03-01T09:00:00-05:00',
            durationMinutes: 45,
          })
        ).status,
      ).toBe(404);
      expect((await clinicB.get(`/v1/followups?patientId=${patientA}`)).body).toEqual([]);
      expect((await clinicA.get(`/v1/patients/not-a-uuid`)).status).toBe(404);
    });
  });

  describe('appointments', () => {
    it.each([
      [{ serviceType: 'hot-stone-yoga' }, 'serviceType', /not a service type of this clinic/],
      [{ serviceType: 'Medical Massage' }, 'serviceType', /service type/],
      [{ startsAt: '2030-03-01T09:00:00' }, 'startsAt', /offset/],
      [{ startsAt: 'next tuesday' }, 'startsAt', /ISO 8601/],
      [{ startsAt: '2030-13-01T09:00:00Z' }, 'startsAt', /ISO 8601/],
      [{ startsAt: '2030-02-30T09:00:00-05:00' }, 'startsAt', /ISO 8601/],
      [{ startsAt: '2030-03-01T25:00:00Z' }, 'startsAt', /ISO 8601/],
      [{ startsAt: '2030-03-01T09:00:00+99:00' }, 'startsAt', /ISO 8601/],
      [{ durationMinutes: 0 }, 'durationMinutes', /not be less than/],
      [{ patientId: 'abc' }, 'patientId', /UUID/],
    ])('refuses %j naming %s', async (override, field, reason) => {
      const response = await clinicA.post('/v1/appointments', {
        patientId: patientA,
        serviceType: 'medical-massage',
        startsAt: '2030-03-01T09:00:00-05:00',
        durationMinutes: 60,
        ...override,
      });
      expect(response.status).toBe(400);
      const error = response.body.errors.find((e: { field: string }) => e.field === field);
      expect(error?.reason).toMatch(reason);
    });

    it('cannot reschedule or complete a cancelled appointment (409)', async () => {
      const booked = await clinicA.post('/v1/appointments', {
        patientId: patientA,
        serviceType: 'acupuncture',
        startsAt: '2030-04-01T09:00:00-04:00',
        durationMinutes: 45,
      });
      expect((await clinicA.post(`/v1/appointments/${booked.body.id}/cancel`)).status).toBe(200);
      expect((await clinicA.post(`/v1/appointments/${booked.body.id}/cancel`)).status).toBe(200);
      expect((await clinicA.post(`/v1/appointments/${booked.body.id}/complete`)).status).toBe(409);
      expect((await clinicA.patch(`/v1/appointments/${booked.body.id}`, { startsAt: '2030-04-02T09:00:00-04:00' })).status).toBe(409);
    });
  });

  describe('cadences', () => {
    it('lists the defaults and takes a GET answer back unchanged with PUT', async () => {
      const list = await clinicA.get('/v1/cadences');
      expect(list.body.map((c: { serviceType: string }) => c.serviceType)).toEqual(
        expect.arrayContaining(['medical-massage', 'relaxation-massage', 'acupuncture']),
      );
      const medical = await clinicA.get('/v1/cadences/medical-massage');
      expect(medical.body.steps.map((s: { kind: string }) => s.kind)).toEqual([
        'aftercare',
        'checkin',
        'rebook',
        'rebook',
        'flareup-checkin',
        'flareup-checkin',
        'confirmation',
        'reminder',
        'reminder',
      ]);
      const put = await clinicA.put('/v1/cadences/medical-massage', medical.body);
      expect(put.status).toBe(200);
      expect(put.body.steps).toEqual(medical.body.steps);
      expect((await clinicB.get('/v1/cadences/medical-massage')).body.isDefault).toBe(true);
    });

    it('adds a service type of the clinic’s own', async () => {
      const medical = (await clinicA.get('/v1/cadences/medical-massage')).body;
      expect((await clinicA.put('/v1/cadences/cupping', { steps: medical.steps })).status).toBe(200);
      const booked = await clinicA.post('/v1/appointments', {
        patientId: patientA,
        serviceType: 'cupping',
        startsAt: '2030-05-01T09:00:00-04:00',
        durationMinutes: 30,
      });
      expect(booked.status).toBe(201);
      expect((await clinicB.get('/v1/cadences/cupping')).status).toBe(404);
    });

    it('names an unknown merge field instead of sending a blank', async () => {
      const medical = (await clinicA.get('/v1/cadences/medical-massage')).body;
      medical.steps[0].template.fr.sms = 'Bonjour {{firstName}}, au sujet de votre {{diagnosis}}';
      const response = await clinicA.put('/v1/cadences/medical-massage', medical);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'steps.0.template.fr.sms', reason: expect.stringContaining('{{diagnosis}}') }]);
    });

    it('keeps the kind of care out of SMS bodies and email subjects, not out of email bodies', async () => {
      const medical = (await clinicA.get('/v1/cadences/medical-massage')).body;
      medical.steps[0].template.en.sms = 'Hi {{firstName}}, thanks for your {{serviceName}} today';
      medical.steps[0].template.fr.subject = 'Votre {{ serviceName }}';
      const response = await clinicA.put('/v1/cadences/medical-massage', medical);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'steps.0.template.en.sms',
        'steps.0.template.fr.subject',
      ]);
      expect(response.body.errors[0].reason).toMatch(/no clinical detail/);
      const emailOnly = (await clinicA.get('/v1/cadences/medical-massage')).body;
      emailOnly.steps[0].template.en.email = 'Hi {{firstName}}, thank you for your {{serviceName}} today.';
      expect((await clinicA.put('/v1/cadences/medical-massage', emailOnly)).status).toBe(200);
    });

    it.each([
      {
        change: 'a duplicate key',
        mutate: (s: any[]) => s.splice(1, 0, { ...s[0] }),
        field: 'steps.1.key',
        reason: /duplicates steps.0.key/,
      },
      { change: 'an offset in words', mutate: (s: any[]) => (s[0].offset = '2 hours'), field: 'steps.0.offset', reason: /ISO 8601/ },
      {
        change: 'an unknown channel',
        mutate: (s: any[]) => (s[0].channel = 'pigeon'),
        field: 'steps.0.channel',
        reason: /preferred, email, sms, both/,
      },
      {
        change: 'aftercare before the visit',
        mutate: (s: any[]) => (s[0].offset = '-PT2H'),
        field: 'steps.0.offset',
        reason: /cannot be negative/,
      },
      {
        change: 'a reminder after completion',
        mutate: (s: any[]) => (s[0].kind = 'reminder'),
        field: 'steps.0.anchor',
        reason: /appointment.start/,
      },
    ])('refuses $change naming $field', async ({ mutate, field, reason }) => {
      const medical = (await clinicA.get('/v1/cadences/medical-massage')).body;
      mutate(medical.steps);
      const response = await clinicA.put('/v1/cadences/medical-massage', medical);
      expect(response.status).toBe(400);
      expect(response.body.errors.find((e: { field: string }) => e.field === field)?.reason).toMatch(reason);
    });
  });

  describe('a cadence back to the default', () => {
    it('drops the clinic’s version, answers the built-in cadence, records it in the audit log, and refuses a type of the clinic’s own', async () => {
      const built = (await clinicA.get('/v1/cadences/acupuncture')).body;
      const edited = built.steps.map((step: { key: string; offset: string }) =>
        step.key === 'aftercare' ? { ...step, offset: 'PT3H' } : step,
      );
      expect((await clinicA.put('/v1/cadences/acupuncture', { steps: edited })).body.isDefault).toBe(false);

      const reset = await clinicA.delete('/v1/cadences/acupuncture');
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ serviceType: 'acupuncture', isDefault: true, updatedAt: null });
      expect(reset.body.steps).toEqual(built.steps);
      expect((await clinicA.get('/v1/cadences/acupuncture')).body).toEqual(reset.body);
      const [entry] = (await clinicA.get('/v1/audit?limit=1')).body;
      expect(entry).toMatchObject({ action: 'cadence.reset', subjectType: 'cadence', subjectId: 'acupuncture' });
      expect(entry.before.steps.find((step: { key: string }) => step.key === 'aftercare').offset).toBe('PT3H');
      expect(entry.after.isDefault).toBe(true);

      // Nothing to undo is still the default, and records nothing.
      expect((await clinicA.delete('/v1/cadences/acupuncture')).body.isDefault).toBe(true);
      expect((await clinicA.get('/v1/audit?limit=1')).body[0].id).toBe(entry.id);
      // Only the clinic's own cadence goes: another clinic's stays as it was.
      expect((await clinicB.put('/v1/cadences/acupuncture', { steps: edited })).status).toBe(200);
      await clinicA.put('/v1/cadences/acupuncture', { steps: edited });
      await clinicA.delete('/v1/cadences/acupuncture');
      expect((await clinicB.get('/v1/cadences/acupuncture')).body.isDefault).toBe(false);

      const own = await clinicA.put('/v1/cadences/hot-stones', { steps: built.steps });
      expect(own.status).toBe(200);
      expect((await clinicA.delete('/v1/cadences/hot-stones')).status).toBe(409);
      expect((await clinicA.get('/v1/cadences/hot-stones')).body.isDefault).toBe(false);
      expect((await clinicA.delete('/v1/cadences/no-such-type')).status).toBe(404);
      expect(fields((await clinicA.delete('/v1/cadences/Not_Kebab')).body)).toEqual(['serviceType']);
    });
  });

  describe("a patient's visits and plans", () => {
    it('lists them for one patient, latest first, page by page, and only in the caller’s clinic', async () => {
      const patient = (await clinicA.post('/v1/patients', { ...patientBody, externalId: 'lists-1' })).body.id;
      const starts = ['2030-06-01T09:00:00-04:00', '2030-06-08T09:00:00-04:00', '2030-06-15T09:00:00-04:00'];
      const visits: string[] = [];
      for (const startsAt of starts) {
        const booked = await clinicA.post('/v1/appointments', {
          patientId: patient,
          serviceType: 'physiotherapy',
          startsAt,
          durationMinutes: 45,
        });
        expect(booked.status).toBe(201);
        visits.push(booked.body.id);
      }
      expect((await clinicA.post(`/v1/appointments/${visits[0]}/cancel`)).status).toBe(200);

      const first = await clinicA.get(`/v1/appointments?patientId=${patient}&limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.map((v: { id: string }) => v.id)).toEqual([visits[2], visits[1]]);
      expect(first.body[0]).toMatchObject({ patientId: patient, serviceType: 'physiotherapy', status: 'booked', durationMinutes: 45 });
      expect(first.body[0]).not.toHaveProperty('clinicId');
      const cursor = first.headers.get('x-next-cursor');
      expect(first.headers.get('link')).toBe(`</v1/appointments?limit=2&patientId=${patient}&cursor=${cursor}>; rel="next"`);
      const second = await clinicA.get(`/v1/appointments?patientId=${patient}&limit=2&cursor=${cursor}`);
      expect(second.body).toEqual([expect.objectContaining({ id: visits[0], status: 'cancelled' })]);
      expect(second.headers.get('x-next-cursor')).toBeNull();

      const plans: string[] = [];
      for (const serviceType of ['physiotherapy', 'acupuncture']) {
        const plan = await clinicA.post('/v1/treatment-plans', {
          patientId: patient,
          serviceType,
          sessions: 4,
          intervalDays: 7,
          startsOn: '2030-06-01',
        });
        expect(plan.status).toBe(201);
        plans.push(plan.body.id);
      }
      expect((await clinicA.post(`/v1/treatment-plans/${plans[0]}/cancel`)).status).toBe(200);
      // Each change is in the audit log with the record before and after; cancelling twice is one change.
      expect((await clinicA.post(`/v1/treatment-plans/${plans[0]}/cancel`)).status).toBe(200);
      const audit = (await clinicA.get('/v1/audit?limit=10')).body as { action: string; subjectId: string; before: any; after: any }[];
      expect(audit.filter((e) => e.subjectId === plans[0]).map((e) => e.action)).toEqual([
        'treatment-plan.cancel',
        'treatment-plan.create',
      ]);
      expect(audit.find((e) => e.action === 'treatment-plan.cancel')).toMatchObject({
        before: { status: 'active' },
        after: { status: 'cancelled' },
      });
      const cancelled =
        audit.length > 0 && (await clinicA.get('/v1/audit?limit=50')).body.filter((e: { subjectId: string }) => e.subjectId === visits[0]);
      expect(cancelled.map((e: { action: string }) => e.action)).toEqual(['appointment.cancel', 'appointment.book']);
      expect(cancelled[0]).toMatchObject({ subjectType: 'appointment', before: { status: 'booked' }, after: { status: 'cancelled' } });
      const planPage = await clinicA.get(`/v1/treatment-plans?patientId=${patient}&limit=1`);
      expect(planPage.body).toEqual([
        expect.objectContaining({ id: plans[1], serviceType: 'acupuncture', status: 'active', sessionsDone: 0 }),
      ]);
      const rest = await clinicA.get(`/v1/treatment-plans?patientId=${patient}&limit=1&cursor=${planPage.headers.get('x-next-cursor')}`);
      expect(rest.body).toEqual([expect.objectContaining({ id: plans[0], status: 'cancelled', nextDueAt: null })]);
      expect(rest.headers.get('x-next-cursor')).toBeNull();

      // Another clinic sees nothing of this patient; the patient is required and must be an id.
      expect((await clinicB.get(`/v1/appointments?patientId=${patient}`)).body).toEqual([]);
      expect((await clinicB.get(`/v1/treatment-plans?patientId=${patient}`)).body).toEqual([]);
      expect(fields((await clinicA.get('/v1/appointments')).body)).toEqual(['patientId']);
      expect(fields((await clinicA.get('/v1/treatment-plans?patientId=abc')).body)).toEqual(['patientId']);
      expect(fields((await clinicA.get(`/v1/appointments?patientId=${patient}&cursor=bogus`)).body)).toEqual(['cursor']);
    });
  });

  describe('follow-up lists', () => {
    it('pages with limit and cursor', async () => {
      const patient = (await clinicA.post('/v1/patients', patientBody)).body.id;
      const booked = await clinicA.post('/v1/appointments', {
        patientId: patient,
        serviceType: 'medical-massage',
        startsAt: '2020-01-01T09:00:00-05:00',
        durationMinutes: 60,
      });
      await clinicA.post(`/v1/appointments/${booked.body.id}/complete`);
      const first = await clinicA.get(`/v1/followups?patientId=${patient}&limit=4`);
      expect(first.body).toHaveLength(4);
      const cursor = first.headers.get('x-next-cursor');
      expect(cursor).toBeTruthy();
      expect(first.headers.get('link')).toContain(`cursor=${cursor}`);
      const second = await clinicA.get(`/v1/followups?patientId=${patient}&limit=4&cursor=${cursor}`);
      expect(second.body).toHaveLength(2);
      expect(second.headers.get('x-next-cursor')).toBeNull();
      const ids = [...first.body, ...second.body].map((f: { id: string }) => f.id);
      expect(new Set(ids).size).toBe(6);
      expect((await clinicA.get('/v1/followups?cursor=bogus')).status).toBe(400);
      expect((await clinicA.get('/v1/followups?status=lost')).status).toBe(400);
      expect((await clinicA.get('/v1/followups?limit=5000')).status).toBe(400);
    });
  });
});
