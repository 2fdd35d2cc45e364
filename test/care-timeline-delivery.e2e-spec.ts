import { Redis } from 'ioredis';
import { Api } from './support/api.js';
import { eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'2'.repeat(32)}`, authToken: 'twilio-test-auth-token' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (ms: number) => new Date(ms).toISOString();

/**
 * The care timeline end to end: both services (one process, PGlite), the SMTP sink and the Twilio
 * fake, with a cadence edited through the API to offsets of seconds.
 */
describe('the care timeline delivered: reminders that follow reschedules, nudges only while nothing is booked', () => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let service: ServiceProcess;
  let prefix: string;
  let api: Api;
  let patientNumber = 0;

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const schedulerPort = await freePort();
    prefix = uniquePrefix();
    service = await new ServiceProcess('standalone', {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(),
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(await freePort()),
    }).start(`http://127.0.0.1:${schedulerPort}/health/ready`);
    const admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Harbour Physio',
      timezone: 'America/Halifax',
      email: 'desk@harbour.test',
      phone: '+19025550100',
      quietHours: null,
    });
    api = admin.as(clinic.body.apiKey);

    // Seconds instead of days: confirmation 3 s after booking, SMS reminder a minute before the
    // visit, the first rebooking nudge 2 s after a session is due.
    const cadence = (await api.get('/v1/cadences/medical-massage')).body;
    const offsets: Record<string, string> = { 'booking-confirmation': 'PT3S', 'reminder-sms': '-PT60S', 'rebook-nudge': 'PT2S' };
    const steps = cadence.steps.map((s: { key: string; offset: string }) => ({ ...s, offset: offsets[s.key] ?? s.offset }));
    expect((await api.put('/v1/cadences/medical-massage', { steps })).status).toBe(200);
  });

  afterAll(async () => {
    expect(await service.stop()).toBe(0);
    await smtp.stop();
    await twilio.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  async function newPatient() {
    patientNumber += 1;
    const email = `patient${patientNumber}@patients.test`;
    const phone = `+1902555${String(1000 + patientNumber)}`;
    const response = await api.post('/v1/patients', {
      firstName: 'Jamie',
      email,
      phone,
      preferredChannel: 'email',
      consent: { email: true, sms: true },
    });
    return { id: response.body.id as string, email, phone };
  }
  const emailsTo = (address: string) => smtp.messages.filter((m) => m.envelope.to.includes(address));
  const textsTo = (phone: string) => twilio.messages.filter((m) => m.to === phone);

  it('book → reschedule: only the reminder for the new time arrives, and one confirmation', async () => {
    const patient = await newPatient();
    const booked = await api.post('/v1/appointments', {
      patientId: patient.id,
      serviceType: 'medical-massage',
      startsAt: at(Date.now() + 62_000),
      durationMinutes: 60,
    });
    expect(booked.status).toBe(201);
    const newStart = Date.now() + 68_000;
    expect((await api.patch(`/v1/appointments/${booked.body.id}`, { startsAt: at(newStart) })).status).toBe(200);
    const newReminderAt = newStart - 60_000;

    const sms = await twilio.waitFor((m) => m.to === patient.phone, 20_000);
    // The reminder for the first time (about 6 s earlier) never went out.
    expect(sms.receivedAt.getTime()).toBeGreaterThanOrEqual(newReminderAt - 500);
    expect(sms.body).toMatch(/^Harbour Physio: Hi Jamie, see you today at/);
    const confirmation = await smtp.waitFor((m) => m.envelope.to.includes(patient.email), 20_000);
    expect(confirmation.subject).toBe('Your booking is confirmed - Harbour Physio');

    const rows = await eventually(async () => {
      const list = (await api.get(`/v1/followups?appointmentId=${booked.body.id}`)).body;
      return list.find((f: { stepKey: string; status: string }) => f.stepKey === 'reminder-sms' && f.status === 'sent') && list;
    }, 'the reminder to be sent');
    expect(rows.find((f: { stepKey: string }) => f.stepKey === 'reminder-sms').sendAt).toBe(at(newReminderAt));
    await sleep(2000);
    expect(textsTo(patient.phone)).toHaveLength(1);
    expect(emailsTo(patient.email)).toHaveLength(1);
  });

  it('book → cancel: nothing arrives', async () => {
    const patient = await newPatient();
    const booked = await api.post('/v1/appointments', {
      patientId: patient.id,
      serviceType: 'medical-massage',
      startsAt: at(Date.now() + 63_000),
      durationMinutes: 60,
    });
    expect((await api.post(`/v1/appointments/${booked.body.id}/cancel`)).status).toBe(200);
    await sleep(6000);
    expect(emailsTo(patient.email)).toEqual([]);
    expect(textsTo(patient.phone)).toEqual([]);
    const rows = (await api.get(`/v1/followups?appointmentId=${booked.body.id}`)).body;
    const outcome = (f: { stepKey: string; status: string; reason?: string }) => `${f.stepKey} ${f.status} ${f.reason}`;
    expect(rows.map(outcome).sort()).toEqual([
      'booking-confirmation cancelled appointment-cancelled',
      'reminder-email skipped too-late',
      'reminder-sms cancelled appointment-cancelled',
    ]);
  });

  it('a plan with nothing booked: one nudge arrives', async () => {
    const patient = await newPatient();
    const plan = await api.post('/v1/treatment-plans', {
      patientId: patient.id,
      serviceType: 'medical-massage',
      sessions: 4,
      intervalDays: 7,
    });
    expect(plan.status).toBe(201);
    const nudge = await smtp.waitFor((m) => m.envelope.to.includes(patient.email), 20_000);
    expect(nudge.subject).toBe('Time to book your next visit - Harbour Physio');
    expect(nudge.text).toContain('Hi Jamie');
    await eventually(async () => {
      const rows = (await api.get(`/v1/followups?planId=${plan.body.id}`)).body;
      return rows.find((f: { stepKey: string; status: string }) => f.stepKey === 'rebook-nudge' && f.status === 'sent');
    }, 'the nudge to be recorded as sent');
    await sleep(1500);
    expect(emailsTo(patient.email)).toHaveLength(1);
  });

  it('a plan where the patient books: no nudge', async () => {
    const patient = await newPatient();
    const plan = await api.post('/v1/treatment-plans', {
      patientId: patient.id,
      serviceType: 'medical-massage',
      sessions: 4,
      intervalDays: 7,
    });
    const booked = await api.post('/v1/appointments', {
      patientId: patient.id,
      serviceType: 'medical-massage',
      startsAt: at(Date.now() + 7 * 24 * 3600_000),
      durationMinutes: 60,
    });
    expect(booked.body.planId).toBe(plan.body.id);
    const nudge = await eventually(async () => {
      const rows = (await api.get(`/v1/followups?planId=${plan.body.id}`)).body;
      return rows.find((f: { stepKey: string; status: string }) => f.stepKey === 'rebook-nudge' && f.status !== 'scheduled');
    }, 'the nudge to be settled');
    expect(nudge).toMatchObject({ status: 'skipped', reason: 'rebooked' });
    // The booking's own confirmation is the only message.
    const confirmation = await smtp.waitFor((m) => m.envelope.to.includes(patient.email), 20_000);
    expect(confirmation.subject).toBe('Your booking is confirmed - Harbour Physio');
    await sleep(1500);
    expect(emailsTo(patient.email).map((m) => m.subject)).toEqual(['Your booking is confirmed - Harbour Physio']);
    expect(textsTo(patient.phone)).toEqual([]);
  });
});
