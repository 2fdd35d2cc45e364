import { Redis } from 'ioredis';
import { Api } from './support/api.js';
import { deployments } from './support/deployments.js';
import { eventually, freePort, REDIS_URL, type ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'twilio-test-auth-token' };
const TWILIO_FROM = '+15145550199';

async function ports() {
  return { scheduler: await freePort(), notifier: await freePort() };
}

describe.each(deployments())('a completed appointment sends aftercare ($name)', (deployment) => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let services: ServiceProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let admin: Api;
  let prefix: string;

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const port = await ports();
    prefix = uniquePrefix();
    const env = {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(TWILIO_FROM),
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(port.scheduler),
      NOTIFIER_PORT: String(port.notifier),
    };
    ({ services, cleanup } = await deployment.start(env));
    admin = new Api(`http://127.0.0.1:${port.scheduler}`, ADMIN_TOKEN);
  });

  afterAll(async () => {
    // SIGTERM is a clean stop: every service exits 0.
    for (const service of services) expect(await service.stop()).toBe(0);
    await cleanup?.();
    await smtp.stop();
    await twilio.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('emails and texts the patient, and shows the follow-ups and delivery records', async () => {
    const clinicResponse = await admin.post('/v1/clinics', {
      name: 'Riverside Massage & Acupuncture',
      timezone: 'America/Toronto',
      email: 'front-desk@riverside.test',
      phone: '+15145550100',
      address: '12 River Rd, Montreal QC',
      quietHours: null,
    });
    expect(clinicResponse.status).toBe(201);
    expect(clinicResponse.body.apiKey).toMatch(/^cc_/);
    const api = admin.as(clinicResponse.body.apiKey);

    const patient = await api.post('/v1/patients', {
      firstName: 'Alexandra',
      lastName: 'Tremblay',
      email: 'alexandra@patients.test',
      phone: '+15145550111',
      consent: { email: true, sms: true },
    });
    expect(patient.status).toBe(201);

    // The default aftercare goes out two hours after the visit; this clinic wants it after a second.
    const cadence = await api.get('/v1/cadences/medical-massage');
    expect(cadence.body.steps.find((s: { key: string }) => s.key === 'aftercare').offset).toBe('PT2H');
    const edited = {
      ...cadence.body,
      steps: cadence.body.steps.map((s: { key: string }) => (s.key === 'aftercare' ? { ...s, offset: 'PT1S' } : s)),
    };
    const put = await api.put('/v1/cadences/medical-massage', edited);
    expect(put.status).toBe(200);
    expect(put.body.isDefault).toBe(false);

    const appointment = await api.post('/v1/appointments', {
      patientId: patient.body.id,
      serviceType: 'medical-massage',
      startsAt: new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
      practitioner: 'Jordan',
    });
    expect(appointment.status).toBe(201);
    expect(appointment.body.status).toBe('booked');

    // Hold the SMTP server's answer so the email follow-up can be seen while it is being sent.
    const held = smtp.holdNextData();
    const completed = await api.post(`/v1/appointments/${appointment.body.id}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('completed');

    const followupsPath = `/v1/followups?appointmentId=${appointment.body.id}`;
    const planned = await api.get(followupsPath);
    expect(planned.status).toBe(200);
    const byKey = (rows: any[], step: string, channel: string) => rows.find((f) => f.stepKey === step && f.channel === channel);
    expect(byKey(planned.body, 'aftercare', 'email')).toMatchObject({
      kind: 'aftercare',
      status: expect.stringMatching(/scheduled|sending/),
    });
    expect(byKey(planned.body, 'soreness-checkin', 'sms')).toMatchObject({ kind: 'checkin', status: 'scheduled' });

    await held.reached;
    const whileSending = await api.get(followupsPath);
    expect(byKey(whileSending.body, 'aftercare', 'email').status).toBe('sending');
    held.release();

    const email = await smtp.waitFor((m) => m.envelope.to.includes('alexandra@patients.test'), 15_000);
    expect(email.subject).toContain('Riverside Massage & Acupuncture');
    expect(email.text).toContain('Hi Alexandra');
    expect(email.text).toMatch(/water/i);
    expect(email.text).toMatch(/soreness for a day or two/i);
    expect(email.text).toContain('12 River Rd, Montreal QC');
    expect(email.envelope.from).toBe('care@carecadence.test');

    const sms = await twilio.waitFor((m) => m.to === '+15145550111', 15_000);
    expect(sms.from).toBe(TWILIO_FROM);
    expect(sms.accountSid).toBe(TWILIO.accountSid);
    expect(sms.body).toMatch(/^Riverside Massage & Acupuncture: Hi Alexandra,/);
    expect(sms.body).toMatch(/water/i);
    expect(sms.body).toMatch(/soreness/i);
    expect(sms.body).not.toContain('Tremblay');

    const settled = await eventually(async () => {
      const rows = (await api.get(followupsPath)).body;
      return byKey(rows, 'aftercare', 'email').status === 'sent' && byKey(rows, 'aftercare', 'sms').status === 'sent' && rows;
    }, 'both aftercare follow-ups to be sent');
    expect(byKey(settled, 'soreness-checkin', 'sms').status).toBe('scheduled');

    const messages = await api.get(`/v1/patients/${patient.body.id}/messages`);
    expect(messages.status).toBe(200);
    expect(messages.body).toHaveLength(2);
    const smsRecord = messages.body.find((m: { channel: string }) => m.channel === 'sms');
    expect(smsRecord).toMatchObject({
      to: '+15145550111',
      status: 'sent',
      providerMessageId: sms.sid,
      followupId: byKey(settled, 'aftercare', 'sms').id,
    });
    const emailRecord = messages.body.find((m: { channel: string }) => m.channel === 'email');
    expect(emailRecord).toMatchObject({ to: 'alexandra@patients.test', status: 'sent' });

    // A booking system retrying the completion does not plan aftercare twice.
    const again = await api.post(`/v1/appointments/${appointment.body.id}/complete`);
    expect(again.status).toBe(200);
    expect((await api.get(followupsPath)).body).toHaveLength(settled.length);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(1);
    expect(twilio.messages).toHaveLength(1);
  });

  it('sends nothing for an appointment cancelled before its aftercare was due', async () => {
    const clinic = await admin.post('/v1/clinics', {
      name: 'Quiet Clinic',
      timezone: 'Europe/Paris',
      email: 'desk@quiet.test',
      quietHours: null,
    });
    const api = admin.as(clinic.body.apiKey);
    const patient = await api.post('/v1/patients', { firstName: 'Sam', email: 'sam@patients.test', consent: { email: true, sms: false } });
    const appointment = await api.post('/v1/appointments', {
      patientId: patient.body.id,
      serviceType: 'relaxation-massage',
      startsAt: '2030-01-15T10:00:00+01:00',
      durationMinutes: 60,
    });
    const cancelled = await api.post(`/v1/appointments/${appointment.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const completeAfterCancel = await api.post(`/v1/appointments/${appointment.body.id}/complete`);
    expect(completeAfterCancel.status).toBe(409);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.filter((m) => m.envelope.to.includes('sam@patients.test'))).toHaveLength(0);
  });
});
