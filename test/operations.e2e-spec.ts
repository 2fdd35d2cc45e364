import { Redis } from 'ioredis';
import { followupJobId } from '@app/shared';
import { Api } from './support/api.js';
import { eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioFake } from './support/twilio-fake.js';
import { sample } from './support/metrics.js';

const ADMIN_TOKEN = 'ops-admin-token-ZX81-secret-0001';
const METRICS_TOKEN = 'ops-metrics-token-QW93-secret-0002';
const TWILIO = { accountSid: `AC${'2'.repeat(32)}`, authToken: 'ops-twilio-auth-token-VB17' };

// Personal data and secrets that must never reach the log.
const CLINIC = {
  name: 'Zephyrine Wellness Studio',
  email: 'frontdesk@zephyrine-wellness.test',
  phone: '+15145557731',
  address: '987 Quillfeather Lane',
};
const PATIENT = { firstName: 'Marguerite', lastName: 'Okonkwo-Vasquez', email: 'marguerite.okonkwo@patients.test', phone: '+15145550187' };
const REFUSED = { firstName: 'Bartholomew', lastName: 'Fairweather-Quist', email: 'bartholomew.refused@patients.test' };
const STRAY_TOKEN = 'cc_stray-bearer-token-9f8e7d6c5b4a';
const UNSUBSCRIBE_TOKEN = 'unsub-token-5c4b3a2918f7e6d5';

describe('operations: metrics after a send, and logs without personal data', () => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  const prefix = uniquePrefix();
  let service: ServiceProcess;
  let admin: Api;
  let schedulerUrl: string;
  let notifierUrl: string;
  let patientId: string;

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    smtp.rejectRecipient((address) => address === REFUSED.email);
    const ports = { scheduler: await freePort(), notifier: await freePort() };
    schedulerUrl = `http://127.0.0.1:${ports.scheduler}`;
    notifierUrl = `http://127.0.0.1:${ports.notifier}`;
    service = await new ServiceProcess('standalone', {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'verbose',
      SMTP_URL: smtp.url,
      ...twilio.settings(),
      ADMIN_TOKEN,
      METRICS_TOKEN,
      SCHEDULER_PORT: String(ports.scheduler),
      NOTIFIER_PORT: String(ports.notifier),
    }).start(`${schedulerUrl}/health/ready`);
    admin = new Api(schedulerUrl, ADMIN_TOKEN);

    const clinic = await admin.post('/v1/clinics', { ...CLINIC, timezone: 'America/Toronto', quietHours: null });
    expect(clinic.status).toBe(201);
    const api = admin.as(clinic.body.apiKey);
    const cadence = await api.get('/v1/cadences/medical-massage');
    const steps = cadence.body.steps.map((s: { key: string }) => (s.key === 'aftercare' ? { ...s, offset: 'PT1S' } : s));
    expect((await api.put('/v1/cadences/medical-massage', { ...cadence.body, steps })).status).toBe(200);

    const patient = await api.post('/v1/patients', { ...PATIENT, consent: { email: true, sms: true } });
    expect(patient.status).toBe(201);
    patientId = patient.body.id;
    const refused = await api.post('/v1/patients', { ...REFUSED, consent: { email: true, sms: false } });
    for (const id of [patientId, refused.body.id]) {
      const startsAt = new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00');
      const appointment = await api.post('/v1/appointments', {
        patientId: id,
        serviceType: 'medical-massage',
        startsAt,
        durationMinutes: 60,
      });
      expect((await api.post(`/v1/appointments/${appointment.body.id}/complete`)).status).toBe(200);
    }
    await smtp.waitFor((m) => m.envelope.to.includes(PATIENT.email), 20_000);
    await twilio.waitFor((m) => m.to === PATIENT.phone, 20_000);
    expect((await api.get(`/v1/patients/${patientId}/messages`)).status).toBe(200);

    // Requests full of personal data and secrets, the kind that end up in logs by accident.
    expect((await api.post('/v1/patients', { ...PATIENT, consent: { email: 'yes' } })).status).toBe(400);
    expect(
      (
        await api.request(
          'POST',
          '/v1/patients',
          `{"firstName":"${PATIENT.firstName}","email":"${PATIENT.email}","phone":"${PATIENT.phone}"`,
        )
      ).status,
    ).toBe(400);
    expect(
      (await api.get(`/v1/followups?patientId=${encodeURIComponent(PATIENT.email)}&phone=${encodeURIComponent(PATIENT.phone)}`)).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await api.patch(`/v1/patients/${patientId}`, { lastName: PATIENT.lastName, email: 'not-an-address' })).status).toBe(400);
    expect((await new Api(schedulerUrl, STRAY_TOKEN).request('GET', '/v1/cadences', undefined, { 'x-api-key': STRAY_TOKEN })).status).toBe(
      401,
    );
    await fetch(`${notifierUrl}/unsubscribe/${UNSUBSCRIBE_TOKEN}`, { headers: { cookie: `session=${STRAY_TOKEN}` } });
    await fetch(`${notifierUrl}/webhooks/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': TWILIO.authToken },
      body: new URLSearchParams({ From: PATIENT.phone, Body: `STOP ${PATIENT.firstName} ${PATIENT.lastName}` }).toString(),
    });
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

  it('asks for the metrics token when one is set', async () => {
    expect((await fetch(`${notifierUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${notifierUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0000000000' } })).status).toBe(401);
    const ok = await fetch(`${notifierUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('counts the messages sent, failed and skipped, with send latency and lateness', async () => {
    const scrape = async (url: string) => (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const metrics = await eventually(async () => {
      const text = await scrape(notifierUrl);
      return (
        sample(text, 'carecadence_messages_total', { channel: 'sms', kind: 'aftercare', outcome: 'skipped' }) === 1 &&
        sample(text, 'carecadence_messages_total', { channel: 'email', kind: 'aftercare', outcome: 'failed' }) === 1 &&
        sample(text, 'carecadence_messages_total', { channel: 'sms', kind: 'aftercare', outcome: 'sent' }) === 1 &&
        text
      );
    }, 'the notifier metrics to show the sends');
    expect(sample(metrics, 'carecadence_messages_total', { channel: 'email', kind: 'aftercare', outcome: 'sent' })).toBe(1);
    expect(sample(metrics, 'carecadence_provider_errors_total', { channel: 'email', code: 'smtp-550' })).toBe(1);
    for (const channel of ['email', 'sms']) {
      expect(sample(metrics, 'carecadence_send_lateness_seconds_count', { channel, kind: 'aftercare' })).toBe(1);
      expect(sample(metrics, 'carecadence_send_lateness_seconds_bucket', { channel, kind: 'aftercare', le: '+Inf' })).toBe(1);
      // Planned a second after completion and sent within the minute: in the 60 s bucket.
      expect(sample(metrics, 'carecadence_send_lateness_seconds_bucket', { channel, kind: 'aftercare', le: '60' })).toBe(1);
      expect(sample(metrics, 'carecadence_send_duration_seconds_count', { channel })).toBe(1);
    }
    expect(sample(metrics, 'carecadence_followups', { status: 'sent' })).toBe(2);
    expect(sample(metrics, 'carecadence_followups', { status: 'failed' })).toBe(1);
    expect(sample(metrics, 'carecadence_followups', { status: 'scheduled' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'carecadence_queue_jobs', { queue: 'followups', state: 'delayed' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'carecadence_queue_jobs', { queue: 'followups', state: 'completed' })).toBeGreaterThanOrEqual(3);

    const scheduler = await scrape(schedulerUrl);
    expect(
      sample(scheduler, 'carecadence_http_request_duration_seconds_count', { method: 'POST', route: '/v1/patients', status: '201' }),
    ).toBe(2);
    expect(
      sample(scheduler, 'carecadence_http_request_duration_seconds_count', { method: 'POST', route: '/v1/patients', status: '400' }),
    ).toBe(1);
    // A body that is not JSON is refused before routing.
    expect(
      sample(scheduler, 'carecadence_http_request_duration_seconds_count', { method: 'POST', route: 'unmatched', status: '400' }),
    ).toBe(1);
  });

  it('logs JSON lines with request, job and follow-up ids, and no personal data or secret', async () => {
    const response = await fetch(`${schedulerUrl}/v1/cadences`, { headers: { 'x-request-id': 'trace-ops-1234' } });
    expect(response.headers.get('x-request-id')).toBe('trace-ops-1234');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const output = service.output.join('');
    if (process.env.PRINT_LOG) console.log(output);
    const entries = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.find((entry) => entry.req?.id === 'trace-ops-1234')).toMatchObject({
      req: { method: 'GET', path: '/v1/cadences' },
      res: { statusCode: 401 },
    });
    const sent = entries.filter((entry) => entry.msg === 'follow-up sent');
    expect(sent).toHaveLength(2);
    for (const entry of sent) {
      expect(entry).toEqual(
        expect.objectContaining({
          followupId: expect.any(String),
          deliveryId: expect.any(String),
        }),
      );
      // The job is the follow-up's first version's: its id without dashes, a dot, the version.
      expect(entry.jobId).toBe(followupJobId(entry.followupId, 1));
    }
    expect(entries.some((entry) => entry.msg === 'follow-up not sent' && entry.reason === 'smtp-550')).toBe(true);

    const secrets = [
      ...Object.values(CLINIC),
      ...Object.values(PATIENT),
      ...Object.values(REFUSED),
      PATIENT.phone.slice(1),
      encodeURIComponent(PATIENT.email),
      ADMIN_TOKEN,
      METRICS_TOKEN,
      TWILIO.authToken,
      STRAY_TOKEN,
      UNSUBSCRIBE_TOKEN,
      'Hi Marguerite',
    ];
    expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
  });
});
