import { Redis } from 'ioredis';
import { Api } from '../api.js';
import { freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from '../services.js';
import { SmtpSink } from '../smtp-sink.js';
import { TwilioFake } from '../twilio-fake.js';
import type { FuzzTarget, OpenApiDocument } from './api-fuzzer.js';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';
const TWILIO = { accountSid: `AC${'7'.repeat(32)}`, authToken: 'fuzz-twilio-auth-token-0123' };
const SENDER = '+15145550199';

/**
 * Both built services in one process on embedded PGlite with real Redis, the SMTP sink and the
 * Twilio fake — the quick start, as the e2e specs run it — with two clinics, patients, visits
 * and a plan in place so generated requests can reach existing records.
 */
export async function startFuzzTarget(): Promise<{
  target: FuzzTarget;
  document: OpenApiDocument;
  service: ServiceProcess;
  healthy(): Promise<boolean>;
  stop(): Promise<number | null>;
}> {
  const smtp = await new SmtpSink().start();
  const twilio = await new TwilioFake(TWILIO).start();
  const ports = { scheduler: await freePort(), notifier: await freePort() };
  const prefix = uniquePrefix();
  const schedulerUrl = `http://127.0.0.1:${ports.scheduler}`;
  const notifierUrl = `http://127.0.0.1:${ports.notifier}`;
  const service = await new ServiceProcess('standalone', {
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    DATA_DIR: tempDir('carecadence-fuzz-'),
    ADMIN_TOKEN,
    SMTP_URL: smtp.url,
    ...twilio.settings(SENDER),
    PUBLIC_URL: notifierUrl,
    UNSUBSCRIBE_SECRET: 'fuzz-unsubscribe-secret-0123456789abcdef',
    SCHEDULER_PORT: String(ports.scheduler),
    NOTIFIER_PORT: String(ports.notifier),
  }).start(`${schedulerUrl}/health/ready`, 120_000);

  const admin = new Api(schedulerUrl, ADMIN_TOKEN);
  const clinicKeys: string[] = [];
  const ids: string[] = [];
  const phones = [SENDER, '+15145550111', '+15145550112'];
  for (const name of ['Riverside Massage', 'Harbour Physio']) {
    const clinic = await admin.post('/v1/clinics', { name, timezone: 'America/Toronto', email: 'desk@clinic.test', phone: '+15145550100' });
    if (clinic.status !== 201) throw new Error(`fuzz setup: clinic ${clinic.status} ${JSON.stringify(clinic.body)}`);
    clinicKeys.push(clinic.body.apiKey);
    ids.push(clinic.body.id);
    const api = admin.as(clinic.body.apiKey);
    const patient = await api.post('/v1/patients', {
      firstName: 'Alex',
      email: 'alex@patients.test',
      phone: phones[clinicKeys.length],
      consent: { email: true, sms: true },
    });
    ids.push(patient.body.id);
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().replace('Z', '+00:00');
    const visit = await api.post('/v1/appointments', {
      patientId: patient.body.id,
      serviceType: 'medical-massage',
      startsAt: soon,
      durationMinutes: 60,
    });
    ids.push(visit.body.id);
    const plan = await api.post('/v1/treatment-plans', {
      patientId: patient.body.id,
      serviceType: 'physiotherapy',
      sessions: 4,
      intervalDays: 7,
    });
    ids.push(plan.body.id);
    const followups = await api.get(`/v1/followups?patientId=${patient.body.id}`);
    ids.push(...(followups.body as { id: string }[]).slice(0, 2).map((f) => f.id));
  }
  // The first email rendered loads MJML, which holds the event loop for seconds on a busy machine:
  // done once here so the run measures requests, not that one cold start.
  await admin.as(clinicKeys[0]).get('/v1/cadences/medical-massage/preview?step=aftercare');
  const document = (await (await fetch(`${schedulerUrl}/docs-json`)).json()) as OpenApiDocument;

  const healthy = async () => {
    const answers = await Promise.all(
      [schedulerUrl, notifierUrl].map((url) =>
        fetch(`${url}/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    return answers.every((status) => status === 200);
  };
  return {
    target: {
      schedulerUrl,
      notifierUrl,
      publicUrl: notifierUrl,
      adminToken: ADMIN_TOKEN,
      clinicKeys,
      twilioAuthToken: TWILIO.authToken,
      ids,
      serviceTypes: ['medical-massage', 'relaxation-massage', 'acupuncture', 'physiotherapy', 'cupping'],
      phones,
    },
    document,
    service,
    healthy,
    async stop() {
      const code = await service.stop();
      await smtp.stop();
      await twilio.stop();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      return code;
    },
  };
}
