import ICAL from 'ical.js';
import { deflateRawSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { Api } from './support/api.js';
import { htmlWords, remoteResources, textWords } from './support/email-words.js';
import { deployments } from './support/deployments.js';
import { eventually, freePort, REDIS_URL, type ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { type SinkMessage, SmtpSink } from './support/smtp-sink.js';
import { TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'6'.repeat(32)}`, authToken: 'twilio-test-auth-token' };
const BOOKING_URL = 'https://book.riverside.test/online';
const LOGO_URL = 'https://cdn.riverside.test/logo.png';

const at = (ms: number) => new Date(ms).toISOString();
/** A time in whole seconds, as iCalendar writes it. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** The visit in an email's calendar file, read by an iCalendar parser. */
function calendarEvent(email: SinkMessage) {
  const file = email.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  expect(file).toBeDefined();
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file!.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
  return { uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate().toISOString(), location: event.location };
}

/** GSM-7 segments of a plain-ASCII text, counted here rather than by the code under test. */
const asciiSegments = (text: string) => (text.length <= 160 ? 1 : Math.ceil(text.length / 153));

/**
 * Messages as patients get them: both services in one process on PGlite (and, with
 * TEST_DATABASE_URL, apart on PostgreSQL, where the scheduler renders previews itself), the SMTP sink parsing
 * what arrives (mailparser) and the Twilio fake, two clinics (one with online booking, a logo and
 * a brand colour; one without), cadence offsets of seconds.
 */
describe.each(deployments())('messages patients recognise and act on ($name)', (deployment) => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let services: ServiceProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let prefix: string;
  let admin: Api;
  let riverside: Api;
  let harbour: Api;
  let patientNumber = 0;

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const schedulerPort = await freePort();
    prefix = uniquePrefix();
    ({ services, cleanup } = await deployment.start({
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(),
      ADMIN_TOKEN,
      // Several messages to one patient within seconds: caps and pacing would only slow this down.
      SMS_CAP_PER_DAY: '0',
      SMS_CAP_PER_WEEK: '0',
      EMAIL_CAP_PER_DAY: '0',
      SMS_PER_SECOND: '50',
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(await freePort()),
    }));
    admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);

    const withBooking = await admin.post('/v1/clinics', {
      name: 'Riverside Massage',
      timezone: 'America/Toronto',
      email: 'desk@riverside.test',
      phone: '+15145550100',
      address: '12 River Rd, Montreal QC',
      quietHours: null,
    });
    riverside = admin.as(withBooking.body.apiKey);
    const without = await admin.post('/v1/clinics', {
      name: 'Harbour Physio',
      timezone: 'America/Halifax',
      email: 'desk@harbour.test',
      phone: '+19025550100',
      quietHours: null,
    });
    harbour = admin.as(without.body.apiKey);

    // Seconds instead of days: the confirmation 1 s after booking, the first nudge 1 s after a session is due.
    for (const api of [riverside, harbour]) {
      const cadence = (await api.get('/v1/cadences/medical-massage')).body;
      const offsets: Record<string, string> = { 'booking-confirmation': 'PT1S', 'rebook-nudge': 'PT1S' };
      const steps = cadence.steps.map((s: { key: string; offset: string }) => ({ ...s, offset: offsets[s.key] ?? s.offset }));
      expect((await api.put('/v1/cadences/medical-massage', { steps })).status).toBe(200);
    }
  });

  afterAll(async () => {
    for (const service of services) expect(await service.stop()).toBe(0);
    await cleanup?.();
    await smtp.stop();
    await twilio.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  async function newPatient(api: Api, fields: { phone?: string; preferredChannel: 'email' | 'sms' }) {
    patientNumber += 1;
    const response = await api.post('/v1/patients', {
      firstName: 'Jamie',
      email: `patient${patientNumber}@patients.test`,
      phone: fields.phone ?? `+1514555${String(1000 + patientNumber)}`,
      preferredChannel: fields.preferredChannel,
      consent: { email: true, sms: true },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; email: string; phone: string };
  }

  async function nudgeFor(api: Api, patientId: string) {
    const plan = await api.post('/v1/treatment-plans', { patientId, serviceType: 'medical-massage', sessions: 4, intervalDays: 7 });
    expect(plan.status).toBe(201);
    return plan.body.id as string;
  }

  describe('the clinic profile', () => {
    it('shows and changes the details messages use, refusing what patients could not safely open', async () => {
      const before = await riverside.get('/v1/clinics/me');
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ name: 'Riverside Massage', bookingUrl: null, logoUrl: null, brandColor: null, quietHours: null });
      expect(before.body.apiKeyHash).toBeUndefined();

      const bad = await riverside.patch('/v1/clinics/me', {
        bookingUrl: 'http://book.riverside.test/online',
        logoUrl: 'not a url',
        brandColor: 'purple',
        name: null,
      });
      expect(bad.status).toBe(400);
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'bookingUrl',
        'brandColor',
        'logoUrl',
        'name',
      ]);
      expect((await riverside.patch('/v1/clinics/me', { brandColor: '#12345' })).status).toBe(400);
      expect((await riverside.patch('/v1/clinics/me', { bookingUrl: 'javascript:alert(1)' })).status).toBe(400);
      expect((await riverside.patch('/v1/clinics/me', { apiKeyHash: 'x' })).status).toBe(400);
      expect((await admin.as('cc_not-a-key').get('/v1/clinics/me')).status).toBe(401);

      const saved = await riverside.patch('/v1/clinics/me', { bookingUrl: BOOKING_URL, logoUrl: LOGO_URL, brandColor: '#7A1F5C' });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ bookingUrl: BOOKING_URL, logoUrl: LOGO_URL, brandColor: '#7a1f5c', name: 'Riverside Massage' });
      expect((await riverside.get('/v1/clinics/me')).body).toMatchObject({ bookingUrl: BOOKING_URL, brandColor: '#7a1f5c' });

      const created = await admin.post('/v1/clinics', {
        name: 'Elsewhere',
        timezone: 'Europe/London',
        email: 'desk@elsewhere.test',
        bookingUrl: 'http://elsewhere.test/book',
      });
      expect(created.status).toBe(400);
      expect(created.body.errors).toEqual([expect.objectContaining({ field: 'bookingUrl' })]);
    });
  });

  describe('a booking and a reschedule', () => {
    it('emails text and HTML saying the same words, with a calendar file the reschedule updates', async () => {
      const patient = await newPatient(riverside, { preferredChannel: 'email' });
      const startsAt = wholeSecond(Date.now() + 24 * 3600_000 + 40_000);
      const booked = await riverside.post('/v1/appointments', {
        patientId: patient.id,
        serviceType: 'medical-massage',
        startsAt: at(startsAt),
        durationMinutes: 60,
        practitioner: 'Jordan',
      });
      expect(booked.status).toBe(201);

      const confirmation = await smtp.waitFor((m) => m.envelope.to.includes(patient.email), 20_000);
      expect(confirmation.subject).toBe('Your booking is confirmed - Riverside Massage');
      expect(confirmation.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(confirmation.html).toEqual(expect.stringContaining('<html lang="en"'));
      expect(htmlWords(confirmation.html as string)).toEqual(textWords(confirmation.text!));
      expect(remoteResources(confirmation.html as string)).toEqual([LOGO_URL]);
      expect(confirmation.html).toMatch(/<img[^>]*alt="Riverside Massage"/);
      // A Canadian patient of a Canadian clinic reads the number as they would dial it.
      expect(confirmation.text).toContain('call us at (514) 555-0100');
      expect(confirmation.text).not.toContain('+15145550100');
      const first = calendarEvent(confirmation);
      expect(first).toMatchObject({ start: at(startsAt), location: '12 River Rd, Montreal QC', sequence: 0 });

      // Moved: the reminder the day before now goes out 10 s from now.
      const movedTo = wholeSecond(Date.now() + 24 * 3600_000 + 10_000);
      expect((await riverside.patch(`/v1/appointments/${booked.body.id}`, { startsAt: at(movedTo) })).status).toBe(200);
      const reminder = await smtp.waitFor(
        (m) => m.envelope.to.includes(patient.email) && m.subject!.startsWith('See you tomorrow'),
        40_000,
      );
      expect(htmlWords(reminder.html as string)).toEqual(textWords(reminder.text!));
      const second = calendarEvent(reminder);
      expect(second.uid).toBe(first.uid);
      expect(second.sequence).toBeGreaterThan(first.sequence);
      expect(second.start).toBe(at(movedTo));
    });
  });

  describe('a rebooking nudge', () => {
    it('carries the booking link by email (a button) and by SMS when the clinic has one', async () => {
      const byEmail = await newPatient(riverside, { preferredChannel: 'email' });
      await nudgeFor(riverside, byEmail.id);
      const email = await smtp.waitFor((m) => m.envelope.to.includes(byEmail.email), 20_000);
      expect(email.subject).toBe('Time to book your next visit - Riverside Massage');
      expect(email.text).toContain(`Book your next visit: ${BOOKING_URL}`);
      expect(email.html).toMatch(new RegExp(`<a[^>]*href="${BOOKING_URL}"[^>]*>\\s*Book your next visit\\s*</a>`));
      expect(email.html).toMatch(/bgcolor="#7a1f5c"/);
      expect(htmlWords(email.html as string)).toEqual(textWords(email.text!));
      expect(email.parsed.attachments).toEqual([]);

      const bySms = await newPatient(riverside, { preferredChannel: 'sms' });
      await nudgeFor(riverside, bySms.id);
      const sms = await twilio.waitFor((m) => m.to === bySms.phone, 20_000);
      expect(sms.body).toContain(`Book online: ${BOOKING_URL}`);
      expect(sms.body).toContain('Call us at (514) 555-0100');
      // The segments on record are those of the text as sent, link included.
      const record = await eventually(async () => {
        const messages = (await riverside.get(`/v1/patients/${bySms.id}/messages`)).body;
        return messages.find((m: { channel: string; status: string }) => m.channel === 'sms' && m.status !== 'sending');
      }, 'the SMS delivery record');
      expect(record.segments).toBe(asciiSegments(sms.body));
      expect(record.segments).toBe(2);
    });

    it('says to call when the clinic has no booking page', async () => {
      const byEmail = await newPatient(harbour, { preferredChannel: 'email', phone: '+19025557001' });
      await nudgeFor(harbour, byEmail.id);
      const email = await smtp.waitFor((m) => m.envelope.to.includes(byEmail.email), 20_000);
      expect(email.text).toContain('Call us at (902) 555-0100');
      expect(email.text).not.toMatch(/Book your next visit|https:\/\/book/);
      expect(email.html).not.toContain('Book your next visit');

      const bySms = await newPatient(harbour, { preferredChannel: 'sms', phone: '+19025557002' });
      await nudgeFor(harbour, bySms.id);
      const sms = await twilio.waitFor((m) => m.to === bySms.phone, 20_000);
      expect(sms.body).toContain('Call us at (902) 555-0100');
      expect(sms.body).not.toMatch(/book online|https:/i);
    });

    it('gives a patient abroad the number in international format', async () => {
      const abroad = await newPatient(riverside, { preferredChannel: 'sms', phone: '+447911123456' });
      await nudgeFor(riverside, abroad.id);
      const sms = await twilio.waitFor((m) => m.to === abroad.phone, 20_000);
      expect(sms.body).toContain('Call us at +1 514 555 0100');
    });
  });

  describe('the cadence read-out and preview', () => {
    it('renders a step for a sample patient with the SMS counted link included, warning when the link is missing', async () => {
      const preview = await riverside.get('/v1/cadences/medical-massage/preview?step=rebook-nudge&locale=en');
      expect(preview.status).toBe(200);
      expect(preview.body.warnings).toEqual([]);
      expect(preview.body.email.subject).toBe('Time to book your next visit - Riverside Massage');
      expect(preview.body.email.text).toContain(`Book your next visit: ${BOOKING_URL}`);
      expect(htmlWords(preview.body.email.html)).toEqual(textWords(preview.body.email.text));
      expect(preview.body.sms.text).toContain(`Book online: ${BOOKING_URL}`);
      expect(preview.body.sms).toMatchObject({ encoding: 'GSM-7', limit: 2, segments: asciiSegments(preview.body.sms.text) });

      const without = await harbour.get('/v1/cadences/medical-massage/preview?step=rebook-nudge');
      expect(without.status).toBe(200);
      expect(without.body.sms.text).not.toContain('https:');
      expect(without.body.sms.text.length).toBeLessThan(preview.body.sms.text.length);
      expect(without.body.warnings).toEqual([expect.stringContaining('{{bookingUrl}}')]);
      const readOut = (await harbour.get('/v1/cadences/medical-massage')).body;
      expect(readOut.warnings).toHaveLength(4);
      // The read-out, warnings and all, can be sent back unchanged.
      expect((await harbour.put('/v1/cadences/medical-massage', readOut)).status).toBe(200);

      const smsOnly = await riverside.get('/v1/cadences/medical-massage/preview?step=reminder-sms');
      expect(smsOnly.body.email).toBeNull();
      expect(smsOnly.body.sms.text).toMatch(/^Riverside Massage: Hi Alexandra/);
    });

    it('renders a draft step, counting a text over the limit as a warning rather than refusing it', async () => {
      const draft = {
        key: 'draft',
        kind: 'rebook',
        anchor: 'appointment.completed',
        offset: 'P4W',
        channel: 'sms',
        template: {
          subject: 'Hello - {{clinicName}}',
          email: 'Hi {{firstName}}',
          sms: `Hi {{firstName}} ${'a'.repeat(300)} {{bookingUrl}} 😊`,
        },
      };
      const preview = await riverside.post('/v1/cadences/relaxation-massage/preview', { step: draft, locale: 'fr' });
      expect(preview.status).toBe(200);
      expect(preview.body.sms).toMatchObject({ encoding: 'UCS-2', limit: 2 });
      expect(preview.body.sms.segments).toBeGreaterThan(2);
      expect(preview.body.sms.text).toContain(BOOKING_URL);
      // The draft is written in English only: a French-speaking patient would get it in English.
      expect(preview.body.warnings).toEqual([expect.stringContaining('has no fr texts'), expect.stringContaining('segments')]);

      const invalid = await riverside.post('/v1/cadences/relaxation-massage/preview', {
        step: { ...draft, template: { ...draft.template, subject: 'Book {{bookingUrl}}', sms: '{{diagnosis}}' } },
        locale: 'de',
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'locale',
        'step.template.sms',
        'step.template.subject',
      ]);
      expect((await riverside.get('/v1/cadences/medical-massage/preview?step=no-such-step')).status).toBe(404);
    });

    it('serves the HTML email of a step, saved or edited, as a page of its own with a policy that allows inline styles and https images only', async () => {
      const page = await riverside.get('/v1/cadences/medical-massage/preview.html?step=rebook-nudge&locale=fr');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy.split('; ')).toEqual(
        expect.arrayContaining(["default-src 'none'", "style-src 'unsafe-inline'", 'img-src https:', "frame-ancestors 'self'", 'sandbox']),
      );
      expect(policy).not.toMatch(/script-src/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      // The same email the JSON preview carries, in French, with no remote resource but the logo.
      const json = await riverside.get('/v1/cadences/medical-massage/preview?step=rebook-nudge&locale=fr');
      expect(page.body).toBe(json.body.email.html);
      expect(page.body).toContain('lang="fr"');
      expect(page.body).not.toMatch(/<script/i);
      expect(remoteResources(page.body)).toEqual([LOGO_URL]);

      // An edited step travels in the address, deflated: the page renders the draft, checked like POST …/preview.
      const draft = {
        key: 'rebook-nudge',
        kind: 'rebook',
        anchor: 'appointment.completed',
        offset: 'P4W',
        channel: 'both',
        template: { en: { subject: 'Hello - {{clinicName}}', email: 'Hi {{firstName}}, come back soon.\n\n{{bookingUrl}}', sms: 'Hi' } },
      };
      const pack = (step: unknown) => deflateRawSync(Buffer.from(JSON.stringify(step))).toString('base64url');
      const edited = await riverside.get(`/v1/cadences/medical-massage/preview.html?step=rebook-nudge&locale=en&draft=${pack(draft)}`);
      expect(edited.status).toBe(200);
      expect(htmlWords(edited.body)).toEqual(expect.arrayContaining(['come', 'back', 'soon', 'Book', 'your', 'next', 'visit']));
      const bad = await riverside.get(
        `/v1/cadences/medical-massage/preview.html?step=rebook-nudge&draft=${pack({ ...draft, template: { en: { ...draft.template.en, email: '{{diagnosis}}' } } })}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['draft.template.en.email']);
      const garbage = await riverside.get('/v1/cadences/medical-massage/preview.html?step=rebook-nudge&draft=bm90LWRlZmxhdGVk');
      expect(garbage.status).toBe(400);
      expect(garbage.body.errors).toEqual([{ field: 'draft', reason: expect.stringContaining('deflated') }]);

      // A step without email has no page; without a key or a session there is none either.
      expect((await riverside.get('/v1/cadences/medical-massage/preview.html?step=reminder-sms')).status).toBe(404);
      expect((await new Api(riverside.baseUrl).get('/v1/cadences/medical-massage/preview.html?step=rebook-nudge')).status).toBe(401);
    });
  });
});
