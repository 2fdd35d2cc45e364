import { randomUUID } from 'node:crypto';
import { type FlareUpEvent, followupJobId, PatientEventJobName, QueueName, redisOptionsFromUrl } from '@app/shared';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';
import { eventually } from './support/services.js';
import { StaffBrowser } from './support/staff-session.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

const owner = { email: 'desk@harbour.test', name: 'Dana Desk', password: 'harbour lights 2026' };
const clinicBody = { name: 'Harbour Physio', timezone: 'America/Toronto', email: 'care@harbour.test', owner };

function fields(body: { errors?: { field: string; reason: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

/** The staff console's pages: search, Today, retry, alerts, simulation. */
describe('staff console API: the day’s work', () => {
  let server: Started;
  let key: Api;
  let dana: StaffBrowser;
  let clinicId: string;
  const patient: Record<string, string> = {};

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    const clinic = (await admin.post('/v1/clinics', clinicBody)).body;
    clinicId = clinic.id;
    key = admin.as(clinic.apiKey);
    dana = new StaffBrowser(server.baseUrl);
    await dana.signIn(owner.email, owner.password);
    for (const [name, body] of Object.entries({
      alex: { firstName: 'Alex', lastName: 'Tremblay', email: 'alex.t@patients.test', phone: '+15145550111' },
      alexandra: { firstName: 'Alexandra', lastName: 'Roy', email: 'aroy@patients.test', phone: '+15145550222' },
      sam: { firstName: 'Sam', lastName: 'Alexander', email: 'sam@patients.test', phone: '+14165550333' },
      robin: { firstName: 'Robin', email: 'robin_100%@patients.test', phone: '+14165550444' },
    })) {
      patient[name] = (await key.post('/v1/patients', { ...body, consent: { email: true, sms: true } })).body.id;
    }
  });

  afterAll(() => server.stop());

  describe('Search patients', () => {
    const search = async (term: string) => {
      const response = await dana.get(`/v1/patients?search=${encodeURIComponent(term)}`);
      expect(response.status).toBe(200);
      return response.body.map((p: { firstName: string; lastName: string | null }) => [p.firstName, p.lastName].filter(Boolean).join(' '));
    };

    it('finds by the start of a first or last name, a full name or an email, in any case, by name', async () => {
      expect(await search('alex')).toEqual(['Alex Tremblay', 'Alexandra Roy', 'Sam Alexander']);
      expect(await search('ALEXA')).toEqual(['Alexandra Roy', 'Sam Alexander']);
      expect(await search('alex tr')).toEqual(['Alex Tremblay']);
      expect(await search('aroy@')).toEqual(['Alexandra Roy']);
      expect(await search('tremblay')).toEqual(['Alex Tremblay']);
      expect(await search('lex')).toEqual([]);
    });

    it('finds by digits of a phone number, typed with or without punctuation', async () => {
      expect(await search('416')).toEqual(['Robin', 'Sam Alexander']);
      expect(await search('(514) 555-0222')).toEqual(['Alexandra Roy']);
    });

    it('treats % and _ as text', async () => {
      expect(await search('robin_100%')).toEqual(['Robin']);
      expect(await search('%')).toEqual([]);
      expect(await search('_')).toEqual([]);
    });

    it('pages through the clinic’s patients and refuses a bad query', async () => {
      const first = await dana.get('/v1/patients?limit=3');
      expect(first.body).toHaveLength(3);
      const rest = await dana.get(`/v1/patients?limit=3&cursor=${first.headers.get('x-next-cursor')}`);
      expect(rest.body.map((p: { firstName: string }) => p.firstName)).toEqual(['Sam']);
      const bad = await dana.get(`/v1/patients?search=${'x'.repeat(101)}`);
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['search']);
    });
  });

  describe('Today, retry and alerts', () => {
    let appointmentId: string;

    beforeAll(async () => {
      // The next 14:00 in Toronto at least an hour away: the booking confirmation is due within
      // minutes, or at 08:00 when booked in quiet hours; either way before the visit, within 24 hours.
      const startsAt = nextLocal(14, 3600_000).toISOString();
      appointmentId = (
        await key.post('/v1/appointments', { patientId: patient.alex, serviceType: 'physiotherapy', startsAt, durationMinutes: 45 })
      ).body.id;
    });

    it('lists what is due in the next 24 hours with the patient’s name, counts first', async () => {
      const today = await dana.get('/v1/today');
      expect(today.status).toBe(200);
      const due = today.body.dueSoon.filter((f: { appointmentId: string }) => f.appointmentId === appointmentId);
      expect(due.length).toBeGreaterThan(0);
      expect(due[0].patient).toEqual({ id: patient.alex, firstName: 'Alex', lastName: 'Tremblay' });
      expect(today.body.counts.dueSoon).toBe(today.body.dueSoon.length);
      expect(today.body.counts).toMatchObject({ needsAttention: 0, openAlerts: 0 });
      const times = today.body.dueSoon.map((f: { sendAt: string }) => Date.parse(f.sendAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.every((t: number) => t < Date.now() + 24 * 3600_000)).toBe(true);
    });

    it('a dead follow-up needs a person; retry plans it again (new version, new job) and it leaves the list', async () => {
      const [followup] = (await key.get(`/v1/followups?appointmentId=${appointmentId}&status=scheduled`)).body;
      expect((await dana.post(`/v1/followups/${followup.id}/retry`)).status).toBe(409);
      // What the notifier leaves when every try failed.
      await server.database.db.execute(sql`update followups set status = 'dead', reason = 'twilio-30003' where id = ${followup.id}`);
      const before = (await server.database.db.query.followups.findFirst({ where: (f, { eq }) => eq(f.id, followup.id) }))!;

      const attention = (await dana.get('/v1/today')).body;
      expect(attention.counts.needsAttention).toBe(1);
      expect(attention.needsAttention[0]).toMatchObject({
        id: followup.id,
        status: 'dead',
        reason: 'twilio-30003',
        patient: { firstName: 'Alex' },
      });

      const retried = await dana.post(`/v1/followups/${followup.id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: followup.id, status: 'scheduled' });
      expect(retried.body.reason).toBeUndefined();
      expect(Date.parse(retried.body.sendAt)).toBeLessThanOrEqual(Date.now());
      const queue = new Queue(QueueName.Followups, {
        connection: redisOptionsFromUrl(server.config.redisUrl),
        prefix: server.config.queuePrefix,
      });
      try {
        const job = await queue.getJob(followupJobId(followup.id, before.version + 1));
        expect(job?.data).toEqual({ followup: followup.id, version: before.version + 1 });
      } finally {
        await queue.close();
      }
      expect((await dana.get('/v1/today')).body.counts.needsAttention).toBe(0);
      const audit = (await dana.get('/v1/audit')).body[0];
      expect(audit).toMatchObject({
        action: 'followup.retry',
        subjectId: followup.id,
        before: { status: 'dead' },
        after: { status: 'scheduled' },
      });
      expect((await dana.post(`/v1/followups/${randomUUID()}/retry`)).status).toBe(404);
    });

    it('a flare-up reported by a patient is an open alert until someone acknowledges it', async () => {
      const events = new Queue<FlareUpEvent>(QueueName.PatientEvents, {
        connection: redisOptionsFromUrl(server.config.redisUrl),
        prefix: server.config.queuePrefix,
      });
      try {
        await events.add(PatientEventJobName.FlareUp, { clinicId, patientId: patient.sam, inboundMessageId: randomUUID(), score: 5 });
      } finally {
        await events.close();
      }
      const [alert] = await eventually(async () => {
        const open = (await dana.get('/v1/alerts?status=open')).body;
        return open.length > 0 && open;
      }, 'the flare-up alert');
      expect(alert).toMatchObject({
        score: 5,
        patientId: patient.sam,
        acknowledgedAt: null,
        patient: { firstName: 'Sam', lastName: 'Alexander' },
      });
      const today = (await dana.get('/v1/today')).body;
      expect(today.counts.openAlerts).toBe(1);
      expect(today.openAlerts[0].id).toBe(alert.id);

      const acknowledged = await dana.post(`/v1/alerts/${alert.id}/acknowledge`);
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.acknowledgedAt).toEqual(expect.any(String));
      expect(acknowledged.body.acknowledgedBy).toBe(`staff:${(await dana.get('/v1/session')).body.staff.id}`);
      expect((await dana.get('/v1/alerts?status=open')).body).toEqual([]);
      expect((await dana.get('/v1/alerts?status=acknowledged')).body.map((a: { id: string }) => a.id)).toEqual([alert.id]);
      expect((await dana.get('/v1/today')).body.counts.openAlerts).toBe(0);
      // Again changes nothing.
      expect((await dana.post(`/v1/alerts/${alert.id}/acknowledge`)).body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
      expect((await dana.get(`/v1/patients/${patient.sam}/alerts`)).body[0].acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
      expect(fields((await dana.get('/v1/alerts?status=closed')).body)).toEqual(['status']);
    });
  });

  describe('timeline simulation', () => {
    it('shows what a visit would get, with quiet hours and too-late applied, and stores nothing', async () => {
      // Booked now for a visit three hours away at 19:00 or later would make the timing depend on
      // the clock; a visit 30 hours away whose end + 2 h falls in quiet hours is stable enough:
      // the day-before email reminder is too late, the aftercare moves to 08:00.
      const start = nextLocal(19, 30 * 3600_000);
      const response = await dana.post('/v1/cadences/physiotherapy/simulate', { startsAt: start.toISOString(), durationMinutes: 60 });
      expect(response.status).toBe(200);
      const byKey = Object.fromEntries(
        response.body.messages.map((m: { stepKey: string; channel: string }) => [`${m.stepKey}/${m.channel}`, m]),
      );
      expect(response.body).toMatchObject({
        serviceType: 'physiotherapy',
        timezone: 'America/Toronto',
        quietHours: { start: '21:00', end: '08:00' },
      });
      expect(byKey['aftercare/sms']).toMatchObject({ status: 'scheduled', reason: 'quiet-hours' });
      expect(new Date(byKey['aftercare/sms'].sendAt).toLocaleTimeString('en-CA', { timeZone: 'America/Toronto', hour12: false })).toBe(
        '08:00:00',
      );
      expect(byKey['booking-confirmation/email'] ?? byKey['booking-confirmation/preferred']).toMatchObject({ status: 'scheduled' });
      expect(response.body.notSimulated.map((s: { anchor: string }) => s.anchor)).toContain('plan.session-due');
      expect((await key.get(`/v1/followups?patientId=${patient.robin}`)).body).toEqual([]);
    });

    it('marks a reminder whose time has passed as skipped too late', async () => {
      const start = new Date(Date.now() + 3 * 3600_000);
      const response = await dana.post('/v1/cadences/physiotherapy/simulate', { startsAt: start.toISOString() });
      const reminder = response.body.messages.find((m: { stepKey: string }) => m.stepKey === 'reminder-email');
      expect(reminder).toMatchObject({ status: 'skipped', reason: 'too-late' });
    });

    it('simulates an edited step before it is saved, and names the field of a bad one', async () => {
      const cadence = (await dana.get('/v1/cadences/physiotherapy')).body;
      const aftercare = cadence.steps.find((s: { key: string }) => s.key === 'aftercare');
      const start = nextLocal(10, 30 * 3600_000);
      const edited = await dana.post('/v1/cadences/physiotherapy/simulate', {
        startsAt: start.toISOString(),
        step: { ...aftercare, offset: 'PT4H' },
      });
      expect(edited.status).toBe(200);
      const sms = edited.body.messages.find((m: { stepKey: string; channel: string }) => m.stepKey === 'aftercare' && m.channel === 'sms');
      expect(Date.parse(sms.sendAt) - start.getTime()).toBe((60 + 240) * 60_000);
      expect((await dana.get('/v1/cadences/physiotherapy')).body).toEqual(cadence);

      const bad = await dana.post('/v1/cadences/physiotherapy/simulate', {
        startsAt: start.toISOString(),
        step: { ...aftercare, offset: 'two hours' },
      });
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['step.offset']);
      const rule = await dana.post('/v1/cadences/physiotherapy/simulate', {
        startsAt: start.toISOString(),
        step: { ...aftercare, kind: 'reminder', anchor: 'appointment.start', offset: 'PT1H' },
      });
      expect(rule.status).toBe(400);
      expect(fields(rule.body)).toEqual(['step.offset']);
      expect(fields((await dana.post('/v1/cadences/physiotherapy/simulate', { startsAt: '2026-13-01T10:00:00Z' })).body)).toEqual([
        'startsAt',
      ]);
      expect((await dana.post('/v1/cadences/no-such-service/simulate', { startsAt: start.toISOString() })).status).toBe(404);
    });
  });
});

/** The next hh:00 in Toronto at least `after` ms from now. */
function nextLocal(hour: number, after: number): Date {
  const earliest = Date.now() + after;
  for (let day = 0; day < 4; day++) {
    const date = new Date(earliest + day * 24 * 3600_000);
    const local = date.toLocaleDateString('en-CA', { timeZone: 'America/Toronto' });
    for (const offset of ['-05:00', '-04:00']) {
      const candidate = new Date(`${local}T${String(hour).padStart(2, '0')}:00:00${offset}`);
      const back = candidate.toLocaleTimeString('en-CA', { timeZone: 'America/Toronto', hour12: false });
      if (back.startsWith(String(hour).padStart(2, '0')) && candidate.getTime() >= earliest) return candidate;
    }
  }
  throw new Error('no such time');
}
