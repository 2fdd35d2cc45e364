import { idempotencyKeys, patients } from '@app/shared';
import { requestHash } from '../libs/care-timeline/src/idempotency/request-hash.js';
import { eq } from 'drizzle-orm';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;
interface FollowupView {
  id: string;
  stepKey: string;
  channel: string;
  kind: string;
  sendAt: string;
  status: string;
  reason?: string;
}

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the care timeline through the scheduler API', () => {
  let server: Started;
  let admin: Api;
  let api: Api;
  let patient: string;
  let clinicId: string;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    admin = new Api(server.baseUrl, server.config.adminToken);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Riverside',
      timezone: 'America/Toronto',
      email: 'desk@riverside.test',
      quietHours: null,
    });
    api = admin.as(clinic.body.apiKey);
    clinicId = clinic.body.id;
    patient = (
      await api.post('/v1/patients', {
        firstName: 'Alex',
        email: 'alex@patients.test',
        phone: '+15145550111',
        consent: { email: true, sms: true },
      })
    ).body.id;
  });

  afterAll(() => server.stop());

  /** In the order they go out. */
  async function followups(query: string): Promise<FollowupView[]> {
    const rows: FollowupView[] = (await api.get(`/v1/followups?${query}&limit=200`)).body;
    return rows.sort((a, b) => a.sendAt.localeCompare(b.sendAt) || a.stepKey.localeCompare(b.stepKey));
  }
  const step = (rows: FollowupView[], key: string) => rows.find((f) => f.stepKey === key)!;

  async function book(startsAt: string, extra: Record<string, unknown> = {}, patientId = patient) {
    const response = await api.post('/v1/appointments', {
      patientId,
      serviceType: 'medical-massage',
      startsAt,
      durationMinutes: 60,
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; planId: string | null };
  }

  describe('reminders and the booking confirmation', () => {
    it('plans a confirmation after a grace period and reminders the day before and two hours before', async () => {
      const before = Date.now();
      const start = before + 10 * 24 * HOUR;
      const { id } = await book(iso(start));
      const rows = await followups(`appointmentId=${id}`);
      expect(step(rows, 'reminder-email')).toMatchObject({
        kind: 'reminder',
        channel: 'email',
        status: 'scheduled',
        sendAt: iso(start - 24 * HOUR),
      });
      expect(step(rows, 'reminder-sms')).toMatchObject({
        kind: 'reminder',
        channel: 'sms',
        status: 'scheduled',
        sendAt: iso(start - 2 * HOUR),
      });
      const confirmation = step(rows, 'booking-confirmation');
      expect(confirmation).toMatchObject({ kind: 'confirmation', channel: 'preferred', status: 'scheduled' });
      expect(Date.parse(confirmation.sendAt) - before).toBeGreaterThanOrEqual(3 * 60_000 - 1000);
      expect(Date.parse(confirmation.sendAt) - Date.now()).toBeLessThanOrEqual(3 * 60_000);
      expect(rows.filter((f) => f.kind === 'aftercare')).toEqual([]);
    });

    it('skips reminders whose time has passed at booking, but still confirms', async () => {
      const { id } = await book(iso(Date.now() + HOUR));
      const rows = await followups(`appointmentId=${id}`);
      expect(step(rows, 'reminder-email')).toMatchObject({ status: 'skipped', reason: 'too-late' });
      expect(step(rows, 'reminder-sms')).toMatchObject({ status: 'skipped', reason: 'too-late' });
      expect(step(rows, 'booking-confirmation').status).toBe('scheduled');
    });

    it('brings back a reminder skipped as too late once the visit moves far enough away', async () => {
      const { id } = await book(iso(Date.now() + HOUR));
      expect(step(await followups(`appointmentId=${id}`), 'reminder-email').status).toBe('skipped');
      const nextWeek = Date.now() + 7 * 24 * HOUR;
      expect((await api.patch(`/v1/appointments/${id}`, { startsAt: iso(nextWeek) })).status).toBe(200);
      const rows = await followups(`appointmentId=${id}`);
      for (const key of ['reminder-email', 'reminder-sms']) {
        const reminder = step(rows, key);
        expect(reminder.status).toBe('scheduled');
        expect(Date.parse(reminder.sendAt)).toBeLessThan(nextWeek);
        expect(Date.parse(reminder.sendAt)).toBeGreaterThan(Date.now());
      }
    });

    it('does not confirm a visit that starts within the grace period', async () => {
      const { id } = await book(iso(Date.now() + 60_000));
      expect(step(await followups(`appointmentId=${id}`), 'booking-confirmation')).toMatchObject({ status: 'skipped', reason: 'too-late' });
    });

    it('sends one confirmation for a booking changed within the grace period, and none once cancelled', async () => {
      const { id } = await book(iso(Date.now() + 5 * 24 * HOUR));
      const first = step(await followups(`appointmentId=${id}`), 'booking-confirmation');
      await new Promise((r) => setTimeout(r, 50));
      const newStart = Date.now() + 6 * 24 * HOUR;
      expect((await api.patch(`/v1/appointments/${id}`, { startsAt: iso(newStart) })).status).toBe(200);
      const rows = await followups(`appointmentId=${id}`);
      const confirmations = rows.filter((f) => f.kind === 'confirmation');
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]).toMatchObject({ id: first.id, status: 'scheduled' });
      expect(Date.parse(confirmations[0].sendAt)).toBeGreaterThan(Date.parse(first.sendAt));
      expect(step(rows, 'reminder-email').sendAt).toBe(iso(newStart - 24 * HOUR));

      await api.post(`/v1/appointments/${id}/cancel`);
      const cancelled = await followups(`appointmentId=${id}`);
      expect(cancelled.every((f) => f.status === 'cancelled' && f.reason === 'appointment-cancelled')).toBe(true);
    });

    it("keeps the local time of a -P1D reminder across a daylight-saving change, in the patient's zone over the clinic's", async () => {
      const parisian = (
        await api.post('/v1/patients', {
          firstName: 'Camille',
          email: 'c@patients.test',
          timezone: 'Europe/Paris',
          consent: { email: true, sms: false },
        })
      ).body.id;
      // Paris springs forward on 28 March 2027: a 10:00 Sunday visit is reminded at 10:00 on Saturday, 23 hours before.
      const { id } = await book('2027-03-28T10:00:00+02:00', {}, parisian);
      expect(step(await followups(`appointmentId=${id}`), 'reminder-email').sendAt).toBe('2027-03-27T09:00:00.000Z');
      // In the clinic's zone (Toronto, no change that weekend) the same reminder would be 24 hours before.
      const local = await book('2027-03-28T10:00:00+02:00');
      expect(step(await followups(`appointmentId=${local.id}`), 'reminder-email').sendAt).toBe('2027-03-27T08:00:00.000Z');
      // Moved across the fall-back night of 31 October 2027, the reminder stays at 10:00 Paris time, 25 hours before.
      await api.patch(`/v1/appointments/${id}`, { startsAt: '2027-10-31T10:00:00+01:00' });
      expect(step(await followups(`appointmentId=${id}`), 'reminder-email').sendAt).toBe('2027-10-30T08:00:00.000Z');
    });
  });

  describe('cadence validation for the timeline', () => {
    async function putWith(mutate: (steps: any[]) => void) {
      const medical = (await api.get('/v1/cadences/medical-massage')).body;
      mutate(medical.steps);
      return api.put('/v1/cadences/cupping', { steps: medical.steps });
    }
    const indexOf = (steps: any[], key: string) => steps.findIndex((s) => s.key === key);

    it('refuses a reminder that is not before the start', async () => {
      let index = -1;
      const response = await putWith((steps) => {
        index = indexOf(steps, 'reminder-sms');
        steps[index].offset = 'PT2H';
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual({
        field: `steps.${index}.offset`,
        reason: expect.stringMatching(/before the start.*negative/),
      });
    });

    it('refuses a confirmation anchored anywhere but the booking', async () => {
      let index = -1;
      const response = await putWith((steps) => {
        index = indexOf(steps, 'booking-confirmation');
        steps[index].anchor = 'appointment.completed';
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual({
        field: `steps.${index}.anchor`,
        reason: expect.stringContaining('appointment.booked'),
      });
    });

    it('refuses more than one follow-up nudge per session', async () => {
      const response = await putWith((steps) =>
        steps.push({ ...steps[indexOf(steps, 'rebook-nudge-again')], key: 'rebook-nudge-third', offset: 'P9D' }),
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toMatchObject({
        field: 'steps.9.kind',
        reason: expect.stringContaining('at most 2 rebooking nudges'),
      });
    });
  });

  describe('treatment plans', () => {
    async function newPatient() {
      return (await api.post('/v1/patients', { firstName: 'Robin', email: 'robin@patients.test', consent: { email: true, sms: false } }))
        .body.id as string;
    }

    it.each([
      [{ sessions: 0 }, 'sessions'],
      [{ intervalDays: undefined }, 'intervalDays'],
      [{ intervalDays: 1.5 }, 'intervalDays'],
      [{ startsOn: '2026-13-01' }, 'startsOn'],
      [{ startsOn: 'next week' }, 'startsOn'],
      [{ serviceType: 'reflexology' }, 'serviceType'],
      [{ diagnosis: 'sciatica' }, 'diagnosis'],
    ])('refuses %j naming %s', async (change, field) => {
      const response = await api.post('/v1/treatment-plans', {
        patientId: patient,
        serviceType: 'medical-massage',
        sessions: 3,
        intervalDays: 7,
        ...change,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('is not found from another clinic, nor for an unknown patient', async () => {
      const plan = await api.post('/v1/treatment-plans', { patientId: patient, serviceType: 'acupuncture', sessions: 2, intervalDays: 7 });
      const other = admin.as((await admin.post('/v1/clinics', { name: 'Other', timezone: 'UTC', email: 'o@o.test' })).body.apiKey);
      expect((await other.get(`/v1/treatment-plans/${plan.body.id}`)).status).toBe(404);
      expect((await other.post(`/v1/treatment-plans/${plan.body.id}/cancel`)).status).toBe(404);
      expect(
        (await other.post('/v1/treatment-plans', { patientId: patient, serviceType: 'acupuncture', sessions: 2, intervalDays: 7 })).status,
      ).toBe(404);
      expect((await api.get('/v1/treatment-plans/not-a-uuid')).status).toBe(404);
    });

    it('tracks sessions, nudges for the next one and checks in for flare-ups after the last', async () => {
      const robin = await newPatient();
      const created = await api.post('/v1/treatment-plans', {
        patientId: robin,
        serviceType: 'medical-massage',
        sessions: 2,
        intervalDays: 14,
        startsOn: '2030-01-07',
        externalId: 'plan-77',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'active',
        sessions: 2,
        intervalDays: 14,
        sessionsDone: 0,
        nextDueAt: '2030-01-07T14:00:00.000Z',
      });
      const planId = created.body.id;
      const again = await api.post('/v1/treatment-plans', {
        patientId: robin,
        serviceType: 'medical-massage',
        sessions: 2,
        intervalDays: 14,
        startsOn: '2030-01-07',
        externalId: 'plan-77',
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(planId);

      let rows = await followups(`planId=${planId}`);
      expect(rows.map((f) => [f.stepKey, f.status, f.sendAt])).toEqual([
        ['rebook-nudge', 'scheduled', '2030-01-05T14:00:00.000Z'],
        ['rebook-nudge-again', 'scheduled', '2030-01-12T14:00:00.000Z'],
      ]);

      // A booking without a planId counts towards the patient's active plan for that service.
      const first = await book('2030-01-08T10:00:00-05:00', {}, robin);
      expect(first.planId).toBe(planId);
      await api.post(`/v1/appointments/${first.id}/complete`);
      const progress = (await api.get(`/v1/treatment-plans/${planId}`)).body;
      expect(progress).toMatchObject({ status: 'active', sessionsDone: 1, nextDueAt: '2030-01-22T15:00:00.000Z' });
      rows = await followups(`planId=${planId}`);
      expect(rows.filter((f) => f.status === 'scheduled').map((f) => [f.stepKey, f.sendAt])).toEqual([
        ['rebook-nudge', '2030-01-20T15:00:00.000Z'],
        ['rebook-nudge-again', '2030-01-27T15:00:00.000Z'],
      ]);
      expect(rows.filter((f) => f.status === 'cancelled').every((f) => f.reason === 'session-completed')).toBe(true);

      const second = await book('2030-01-21T10:00:00-05:00', { planId }, robin);
      await api.post(`/v1/appointments/${second.id}/complete`);
      await api.post(`/v1/appointments/${second.id}/complete`);
      const done = (await api.get(`/v1/treatment-plans/${planId}`)).body;
      expect(done).toMatchObject({ status: 'completed', sessionsDone: 2, nextDueAt: null });
      rows = await followups(`planId=${planId}`);
      const live = rows.filter((f) => f.status === 'scheduled');
      expect(live.map((f) => [f.kind, f.stepKey])).toEqual([
        ['flareup-checkin', 'flareup-checkin-3w'],
        ['flareup-checkin', 'flareup-checkin-3m'],
      ]);
      const completedAt = Date.parse(done.completedAt);
      expect(Date.parse(live[0].sendAt) - completedAt).toBe(21 * 24 * HOUR);
      expect(rows.filter((f) => f.kind === 'rebook' && f.status === 'scheduled')).toEqual([]);

      expect((await api.post(`/v1/treatment-plans/${planId}/cancel`)).status).toBe(409);
      const late = await api.post('/v1/appointments', {
        patientId: robin,
        serviceType: 'medical-massage',
        startsAt: '2030-03-01T10:00:00-05:00',
        durationMinutes: 60,
        planId,
      });
      expect(late.status).toBe(400);
      expect(late.body.errors).toEqual([{ field: 'planId', reason: 'names a treatment plan that is completed' }]);
    });

    it('cancels every pending nudge when the plan is cancelled; cancelling again is a no-op', async () => {
      const robin = await newPatient();
      const plan = (
        await api.post('/v1/treatment-plans', {
          patientId: robin,
          serviceType: 'physiotherapy',
          sessions: 4,
          intervalDays: 7,
          startsOn: '2030-02-01',
        })
      ).body;
      const cancelled = await api.post(`/v1/treatment-plans/${plan.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', nextDueAt: null });
      expect((await api.post(`/v1/treatment-plans/${plan.id}/cancel`)).status).toBe(200);
      const rows = await followups(`planId=${plan.id}`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((f) => f.status === 'cancelled' && f.reason === 'plan-cancelled')).toBe(true);
      // A new booking no longer counts towards it.
      const visit = await api.post('/v1/appointments', {
        patientId: robin,
        serviceType: 'physiotherapy',
        startsAt: '2030-02-03T10:00:00-05:00',
        durationMinutes: 45,
      });
      expect(visit.body.planId).toBeNull();
    });

    it("refuses a planId that is not the patient's plan for that service", async () => {
      const robin = await newPatient();
      const plan = (await api.post('/v1/treatment-plans', { patientId: robin, serviceType: 'acupuncture', sessions: 3, intervalDays: 7 }))
        .body;
      const body = {
        patientId: patient,
        serviceType: 'acupuncture',
        startsAt: '2030-02-03T10:00:00-05:00',
        durationMinutes: 45,
        planId: plan.id,
      };
      const foreign = await api.post('/v1/appointments', body);
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0]).toMatchObject({ field: 'planId', reason: expect.stringContaining("this patient's") });
      const wrongService = await api.post('/v1/appointments', { ...body, patientId: robin, serviceType: 'dry-needling' });
      expect(wrongService.body.errors[0]).toMatchObject({ field: 'planId', reason: 'names a plan for acupuncture, not dry-needling' });
    });
  });

  describe('Idempotency-Key', () => {
    const post = (path: string, body: unknown, key: string) => api.request('POST', path, body, { 'idempotency-key': key });

    it('answers a retried patient, appointment and plan the same and never creates a second one', async () => {
      const person = { firstName: 'Idem', email: 'idem@patients.test', consent: { email: true, sms: false } };
      const first = await post('/v1/patients', person, 'patient-key-1');
      expect(first.status).toBe(201);
      const retried = await post(
        '/v1/patients',
        { consent: { sms: false, email: true }, email: 'idem@patients.test', firstName: 'Idem' },
        'patient-key-1',
      );
      expect(retried.status).toBe(201);
      expect(retried.body).toEqual(first.body);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      const stored = await server.database.db.select().from(patients).where(eq(patients.email, 'idem@patients.test'));
      expect(stored).toHaveLength(1);

      const visit = {
        patientId: first.body.id,
        serviceType: 'relaxation-massage',
        startsAt: '2030-04-01T10:00:00-04:00',
        durationMinutes: 60,
      };
      const booked = await Promise.all([post('/v1/appointments', visit, 'visit-key-1'), post('/v1/appointments', visit, 'visit-key-1')]);
      const winner = booked.find((r) => r.status === 201)!;
      for (const response of booked) expect([201, 409]).toContain(response.status);
      expect((await post('/v1/appointments', visit, 'visit-key-1')).body).toEqual(winner.body);
      const rows = await followups(`patientId=${first.body.id}`);
      expect(rows.filter((f) => f.stepKey === 'reminder-email')).toHaveLength(1);

      const plan = { patientId: first.body.id, serviceType: 'acupuncture', sessions: 3, intervalDays: 10 };
      const created = await post('/v1/treatment-plans', plan, 'plan-key-1');
      const replayed = await post('/v1/treatment-plans', plan, 'plan-key-1');
      expect([created.status, replayed.status]).toEqual([201, 201]);
      expect(replayed.body.id).toBe(created.body.id);
    });

    it('refuses the same key with a different body, naming the key', async () => {
      const person = { firstName: 'Kim', consent: { email: false, sms: false } };
      expect((await post('/v1/patients', person, 'patient-key-2')).status).toBe(201);
      const changed = await post('/v1/patients', { ...person, firstName: 'Kimberly' }, 'patient-key-2');
      expect(changed.status).toBe(422);
      expect(changed.body.message).toMatch(/Idempotency-Key was already used for a different request/);
      const otherPath = await post('/v1/treatment-plans', person, 'patient-key-2');
      expect(otherPath.status).toBe(422);
    });

    it('lets a request refused for bad input be corrected under the same key', async () => {
      const refused = await post('/v1/patients', { firstName: 'Lee', consent: { email: 'yes', sms: false } }, 'patient-key-3');
      expect(refused.status).toBe(400);
      const corrected = await post('/v1/patients', { firstName: 'Lee', consent: { email: true, sms: false } }, 'patient-key-3');
      expect(corrected.status).toBe(201);
    });

    it('answers 409 while the first request is running, and takes over a key whose request died with its process', async () => {
      const person = { firstName: 'Noor', consent: { email: false, sms: false } };
      const hash = requestHash('POST', '/v1/patients', person);
      await server.database.db.insert(idempotencyKeys).values({ clinicId, key: 'in-flight', requestHash: hash });
      expect((await post('/v1/patients', person, 'in-flight')).status).toBe(409);
      await server.database.db
        .insert(idempotencyKeys)
        .values({ clinicId, key: 'abandoned', requestHash: hash, createdAt: new Date(Date.now() - 5 * 60_000) });
      const retried = await post('/v1/patients', person, 'abandoned');
      expect(retried.status).toBe(201);
      expect((await post('/v1/patients', person, 'abandoned')).body).toEqual(retried.body);
    });

    it('refuses a key that is not printable ASCII', async () => {
      const response = await post('/v1/patients', { firstName: 'Lee', consent: { email: true, sms: false } }, 'x'.repeat(300));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);
    });
  });
});
