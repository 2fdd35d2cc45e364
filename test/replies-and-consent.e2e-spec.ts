import { Redis } from 'ioredis';
import twilioSdk from 'twilio';
import { Api } from './support/api.js';
import { deployments } from './support/deployments.js';
import { eventually, freePort, REDIS_URL, type ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioErrors, TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'2'.repeat(32)}`, authToken: 'twilio-test-auth-token-replies' };
const CLINIC_NUMBER = '+15145550199';
const CLINIC_EMAIL = 'front-desk@riverside.test';

const template = (sms: string) => ({ subject: 'Your visit - {{clinicName}}', email: 'Hi {{firstName}}, thank you for your visit.', sms });

/** Steps a test cadence may use: each sends within a second or two of its anchor. */
const steps = {
  aftercareSms: {
    key: 'aftercare',
    kind: 'aftercare',
    anchor: 'appointment.completed',
    offset: 'PT1S',
    channel: 'sms',
    template: template('{{clinicName}}: Hi {{firstName}}, drink plenty of water today.'),
  },
  aftercareEmail: {
    key: 'aftercare-email',
    kind: 'aftercare',
    anchor: 'appointment.completed',
    offset: 'PT1S',
    channel: 'email',
    template: template('unused'),
  },
  laterSms: {
    key: 'rebook',
    kind: 'rebook',
    anchor: 'appointment.completed',
    offset: 'P7D',
    channel: 'sms',
    template: template('{{clinicName}}: time for your next visit?'),
  },
  checkin: {
    key: 'checkin',
    kind: 'checkin',
    anchor: 'appointment.completed',
    offset: 'PT1S',
    channel: 'sms',
    template: template('{{clinicName}}: Hi {{firstName}}, how are you feeling? Reply 1 (no soreness) to 5 (much worse).'),
  },
  reminder: {
    key: 'reminder',
    kind: 'reminder',
    anchor: 'appointment.start',
    offset: '-P1D',
    channel: 'sms',
    template: template('{{clinicName}}: see you {{appointmentDate}} at {{appointmentTime}}. Reply YES to confirm.'),
  },
};

describe.each(deployments())('patients reply and control consent ($name)', (deployment) => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let services: ServiceProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let admin: Api;
  let api: Api;
  let prefix: string;
  let inboundUrl: string;
  let statusUrl: string;
  let publicUrl: string;

  const text = (from: string, body: string, options: Parameters<TwilioFake['sendIncomingMessage']>[2] = {}) =>
    twilio.sendIncomingMessage(inboundUrl, { from, to: CLINIC_NUMBER, body }, options);

  let phoneCounter = 0;
  async function patient(fields: Record<string, unknown> = {}) {
    phoneCounter += 1;
    const response = await api.post('/v1/patients', {
      firstName: 'Alexandra',
      email: `patient${phoneCounter}@patients.test`,
      phone: `+1514555${String(1000 + phoneCounter)}`,
      preferredChannel: 'sms',
      consent: { email: true, sms: true },
      ...fields,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; phone: string; email: string };
  }

  async function visit(patientId: string, serviceType: string, startsAt = new Date(Date.now() - 3600_000)) {
    const booked = await api.post('/v1/appointments', {
      patientId,
      serviceType,
      startsAt: startsAt.toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
    });
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  }

  async function completedVisit(patientId: string, serviceType: string) {
    const id = await visit(patientId, serviceType);
    expect((await api.post(`/v1/appointments/${id}/complete`)).status).toBe(200);
    return id;
  }

  /**
   * A text the patient got, once its delivery is on record: a reply is matched to the text it
   * answers, and the record is written the moment Twilio answers (a patient replies seconds later).
   */
  async function received(patientId: string, predicate: Parameters<TwilioFake['waitFor']>[0]) {
    const message = await twilio.waitFor(predicate, 15_000);
    await eventually(
      async () => ((await api.get(`/v1/patients/${patientId}/messages`)).body as any[]).find((m) => m.providerMessageId === message.sid),
      'the text on record',
    );
    return message;
  }

  const followups = async (appointmentId: string) => (await api.get(`/v1/followups?appointmentId=${appointmentId}`)).body as any[];
  const consent = async (patientId: string) => (await api.get(`/v1/patients/${patientId}/consent`)).body;

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const schedulerPort = await freePort();
    const notifierPort = await freePort();
    prefix = uniquePrefix();
    publicUrl = `http://127.0.0.1:${notifierPort}`;
    inboundUrl = `${publicUrl}/webhooks/twilio/inbound`;
    statusUrl = `${publicUrl}/webhooks/twilio/status`;
    ({ services, cleanup } = await deployment.start({
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(CLINIC_NUMBER),
      PUBLIC_URL: publicUrl,
      UNSUBSCRIBE_SECRET: 'replies-e2e-unsubscribe-secret-0123456789',
      // These scenarios text one patient several times within seconds; caps and pacing are
      // delivery rules with their own tests (delivery-guarantees.e2e-spec.ts), so they are off here.
      SMS_CAP_PER_DAY: '0',
      SMS_CAP_PER_WEEK: '0',
      EMAIL_CAP_PER_DAY: '0',
      SMS_PER_SECOND: '50',
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(notifierPort),
    }));
    admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Riverside Massage',
      timezone: 'America/Toronto',
      email: CLINIC_EMAIL,
      phone: '+15145550100',
      address: '12 River Rd, Montreal QC',
      quietHours: null,
    });
    expect(clinic.status).toBe(201);
    expect(clinic.body.flareUpThreshold).toBe(4);
    api = admin.as(clinic.body.apiKey);
    const cadences: Record<string, unknown[]> = {
      'stop-test': [steps.aftercareSms, steps.laterSms],
      'checkin-test': [steps.checkin, steps.aftercareEmail],
      'reminder-test': [steps.reminder],
    };
    for (const [serviceType, cadenceSteps] of Object.entries(cadences)) {
      const put = await api.put(`/v1/cadences/${serviceType}`, { steps: cadenceSteps });
      expect(put.status).toBe(200);
    }
  }, 60_000);

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

  describe('webhook signatures', () => {
    it('refuses a missing signature, one for another URL and one over another body, and changes nothing', async () => {
      const alex = await patient();
      const forged = [
        await text(alex.phone, 'STOP', { signature: null }),
        await text(alex.phone, 'STOP', { signFor: { url: 'https://elsewhere.test/webhooks/twilio/inbound' } }),
        await text(alex.phone, 'STOP', {
          signFor: { params: { AccountSid: TWILIO.accountSid, Body: 'HELLO', From: alex.phone, To: CLINIC_NUMBER } },
        }),
      ];
      expect(forged.map((r) => r.status)).toEqual([403, 403, 403]);
      const unsigned = await fetch(statusUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'MessageSid=SM1&MessageStatus=failed',
      });
      expect(unsigned.status).toBe(403);

      expect(await consent(alex.id)).toMatchObject({ sms: true, smsSuppressed: false });
      expect((await api.get('/v1/replies')).body).toEqual([]);
    });

    it('answers a signed request with an empty or incomplete body with 400 naming the fields, and changes nothing', async () => {
      const signedPost = async (url: string, form: Record<string, string> | undefined) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'X-Twilio-Signature': twilioSdk.getExpectedTwilioSignature(TWILIO.authToken, url, form ?? {}),
            ...(form && { 'Content-Type': 'application/x-www-form-urlencoded' }),
          },
          body: form && new URLSearchParams(form).toString(),
        });
        const answer = (await response.json()) as { errors?: { field: string }[] };
        return { status: response.status, fields: (answer.errors ?? []).map((e) => e.field) };
      };
      expect(await signedPost(inboundUrl, undefined)).toEqual({ status: 400, fields: ['MessageSid', 'From', 'To'] });
      expect(await signedPost(statusUrl, undefined)).toEqual({ status: 400, fields: ['MessageSid', 'MessageStatus'] });
      expect(await signedPost(inboundUrl, {})).toEqual({ status: 400, fields: ['MessageSid', 'From', 'To'] });
      expect(await signedPost(statusUrl, { MessageSid: 'SM1' })).toEqual({ status: 400, fields: ['MessageStatus'] });
      const alex = await patient();
      const nul = await signedPost(inboundUrl, { MessageSid: 'SM2', From: alex.phone, To: CLINIC_NUMBER, Body: 'STOP\u0000' });
      expect(nul).toEqual({ status: 400, fields: ['Body'] });
      expect(await consent(alex.id)).toMatchObject({ sms: true, smsSuppressed: false });
      expect((await api.get('/v1/replies')).body).toEqual([]);
    });

    it('accepts a request signed by twilio for PUBLIC_URL + path, and answers HELP', async () => {
      const alex = await patient();
      const help = await text(alex.phone, ' help ');
      expect(help.status).toBe(200);
      expect(help.body).toContain('<Response><Message>');
      expect(help.body).toContain('Riverside Massage');
      // The clinic's number as a patient of its country writes it, not E.164.
      expect(help.body).toContain('Questions: (514) 555-0100.');
      expect(help.body).not.toContain('+15145550100');
      expect(help.body).toContain('Msg &amp; data rates may apply');
      expect(help.body).toMatch(/per visit/);
      expect(help.body).toContain('STOP');
    });
  });

  describe('STOP and START', () => {
    it('STOP skips pending texts and later ones, answers once; START restores texting', async () => {
      const sam = await patient();
      const first = await completedVisit(sam.id, 'stop-test');
      const firstText = await twilio.waitFor((m) => m.to === sam.phone, 15_000);
      // The first text to a number ends with the opt-out hint.
      expect(firstText.body).toMatch(/Riverside Massage: .*\nReply STOP to opt out$/s);
      const segmented = await eventually(async () => {
        const messages = (await api.get(`/v1/patients/${sam.id}/messages`)).body as any[];
        return messages.find((m) => m.status === 'sent' && m.segments === 1);
      }, 'the delivery record with its segment count');
      expect(segmented.channel).toBe('sms');
      expect((await followups(first)).find((f) => f.stepKey === 'rebook')).toMatchObject({ status: 'scheduled' });

      const stop = await text(sam.phone, 'Stop');
      expect(stop.status).toBe(200);
      expect(stop.body.match(/<Message>/g)).toHaveLength(1);
      expect(stop.body).toMatch(/Riverside Massage: You are unsubscribed/);
      expect((await followups(first)).find((f) => f.stepKey === 'rebook')).toMatchObject({ status: 'skipped', reason: 'opted-out' });
      const afterStop = await consent(sam.id);
      expect(afterStop).toMatchObject({ sms: false, smsSuppressed: true });
      expect(afterStop.history).toEqual([
        expect.objectContaining({ channel: 'email', granted: true, source: 'api' }),
        expect.objectContaining({ channel: 'sms', granted: true, source: 'api' }),
        expect.objectContaining({ channel: 'sms', granted: false, source: 'sms-stop' }),
      ]);

      // Even when the clinic records SMS consent again, only START lifts a STOP.
      expect((await api.patch(`/v1/patients/${sam.id}`, { consent: { sms: true } })).status).toBe(200);
      const second = await completedVisit(sam.id, 'stop-test');
      await eventually(
        async () => (await followups(second)).find((f) => f.stepKey === 'aftercare' && f.status === 'skipped' && f.reason === 'opted-out'),
        'the new text to be skipped',
      );
      expect(twilio.messages.filter((m) => m.to === sam.phone)).toHaveLength(1);

      const start = await text(sam.phone, 'START');
      expect(start.body).toMatch(/resubscribed/);
      expect(await consent(sam.id)).toMatchObject({ sms: true, smsSuppressed: false });
      await completedVisit(sam.id, 'stop-test');
      const again = await twilio.waitFor((m) => m.to === sam.phone && m.sid !== firstText.sid, 15_000);
      // Within a month of the last hint, no hint.
      expect(again.body).not.toContain('Reply STOP');
    });

    it('START gives back SMS consent lost by STOP, not consent the clinic withdrew', async () => {
      const phone = '+15145557777';
      const texted = await patient({ phone });
      const refused = await patient({ phone, consent: { email: true, sms: false } });
      await text(phone, 'UNSUBSCRIBE');
      await text(phone, 'unstop');
      expect((await consent(texted.id)).sms).toBe(true);
      expect((await consent(refused.id)).sms).toBe(false);
    });

    it('CANCEL is an opt-out, never an appointment cancellation', async () => {
      const casey = await patient();
      const appointment = await visit(casey.id, 'reminder-test', new Date(Date.now() + 10 * 86_400_000));
      const cancel = await text(casey.phone, 'CANCEL');
      expect(cancel.body).toMatch(/unsubscribed/);
      expect((await api.get(`/v1/appointments/${appointment}`)).body.status).toBe('booked');
      expect((await followups(appointment)).find((f) => f.stepKey === 'reminder')).toMatchObject({
        status: 'skipped',
        reason: 'opted-out',
      });
      expect(await consent(casey.id)).toMatchObject({
        sms: false,
        history: expect.arrayContaining([expect.objectContaining({ source: 'sms-stop' })]),
      });
    });
  });

  describe('check-in replies', () => {
    it('alerts the clinic once for a score at the threshold, and not below it', async () => {
      const calm = await patient({ firstName: 'Morgan' });
      const sore = await patient({ firstName: 'Robin', lastName: 'Gagnon' });
      await completedVisit(calm.id, 'checkin-test');
      await completedVisit(sore.id, 'checkin-test');
      await received(calm.id, (m) => m.to === calm.phone && m.body.includes('how are you feeling'));
      await received(sore.id, (m) => m.to === sore.phone && m.body.includes('how are you feeling'));

      const below = await text(calm.phone, '3');
      expect(below.body).toContain('Thank you, Morgan');
      const at = await text(sore.phone, '4 ');
      expect(at.body).toMatch(/Riverside Massage: Thank you, Robin\. We would like to see you: call \(514\) 555-0100 to book/);
      // The same webhook delivered twice is one reply.
      const replayed = await twilio.sendIncomingMessage(inboundUrl, { from: sore.phone, to: CLINIC_NUMBER, body: '4', sid: at.sid });
      expect(replayed.status).toBe(200);
      expect(replayed.body).not.toContain('<Message>');

      const alert = await smtp.waitFor((m) => m.envelope.to.includes(CLINIC_EMAIL), 15_000);
      expect(alert.subject).toBe('A patient asked for a follow-up - Riverside Massage');
      expect(alert.text).toContain('Robin Gagnon');
      expect(alert.text).toContain('with 4');
      const alerts = await eventually(async () => {
        const body = (await api.get(`/v1/patients/${sore.id}/alerts`)).body as any[];
        return body.length > 0 && body;
      }, 'the flare-up on the patient');
      expect(alerts).toEqual([expect.objectContaining({ kind: 'flare-up', score: 4, patientId: sore.id })]);
      expect((await api.get(`/v1/patients/${sore.id}`)).body.flareUp).toEqual({ score: 4, at: expect.any(String) });
      expect((await api.get(`/v1/patients/${calm.id}/alerts`)).body).toEqual([]);
      expect((await api.get(`/v1/patients/${calm.id}`)).body.flareUp).toBeNull();
      expect(smtp.messages.filter((m) => m.envelope.to.includes(CLINIC_EMAIL))).toHaveLength(1);

      const handled = (await api.get('/v1/replies?status=handled')).body as any[];
      expect(handled).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ patientId: sore.id, intent: 'checkin-score', score: 4, followupId: expect.any(String) }),
        ]),
      );
    });

    it('tries a clinic alert email again when the mail server refuses it for a moment', async () => {
      const sasha = await patient({ firstName: 'Sasha' });
      await completedVisit(sasha.id, 'checkin-test');
      await received(sasha.id, (m) => m.to === sasha.phone && m.body.includes('how are you feeling'));
      let refused = 0;
      smtp.rejectRecipient((address) =>
        address === CLINIC_EMAIL && refused++ === 0 ? { code: 451, message: '4.3.0 Try again later' } : undefined,
      );
      try {
        // The patient's answer does not wait for the clinic's mail server.
        expect((await text(sasha.phone, '5')).body).toContain('We would like to see you');
        const alert = await smtp.waitFor((m) => m.envelope.to.includes(CLINIC_EMAIL) && Boolean(m.text?.includes('Sasha')), 60_000);
        expect(alert.text).toContain('with 5');
        expect(refused).toBeGreaterThanOrEqual(2);
        expect(smtp.messages.filter((m) => m.envelope.to.includes(CLINIC_EMAIL) && Boolean(m.text?.includes('Sasha')))).toHaveLength(1);
      } finally {
        smtp.rejectRecipient(undefined);
      }
    });

    it('keeps a text it cannot read for staff, who can mark it read', async () => {
      const jo = await patient();
      const reply = await text(jo.phone, 'Can I bring my own towel?');
      expect(reply.status).toBe(200);
      expect(reply.body).not.toContain('<Message>');
      const unread = (await api.get('/v1/replies?status=unread')).body as any[];
      const mine = unread.find((r) => r.patientId === jo.id);
      expect(mine).toMatchObject({ body: 'Can I bring my own towel?', intent: 'unrecognised', status: 'unread', from: jo.phone });
      const read = await api.post(`/v1/replies/${mine.id}/read`);
      expect(read.body.status).toBe('read');
      expect(((await api.get('/v1/replies?status=unread')).body as any[]).find((r) => r.id === mine.id)).toBeUndefined();
      expect((await api.get('/v1/replies?status=unread&limit=1')).status).toBe(200);
    });

    it('offers the booking page in HELP and in a high-score answer when the clinic has one; a UK number gets the number in international form', async () => {
      expect((await api.patch('/v1/clinics/me', { bookingUrl: 'https://riverside.example/book' })).status).toBe(200);
      try {
        const kim = await patient({ firstName: 'Kim' });
        const help = await text(kim.phone, 'HELP');
        expect(help.body).toContain('Questions: (514) 555-0100. Book online: https://riverside.example/book');
        await completedVisit(kim.id, 'checkin-test');
        // On record before the answer, as for a patient: one who answers within milliseconds of the
        // text reaching Twilio could otherwise be earlier than the notifier's record of it.
        await received(kim.id, (m) => m.to === kim.phone && m.body.includes('how are you feeling'));
        const sore = await text(kim.phone, '5');
        expect(sore.body).toContain(
          'Thank you, Kim. We would like to see you: call (514) 555-0100 or book online: https://riverside.example/book',
        );

        const abroad = await patient({ firstName: 'Harriet', phone: '+447911123456' });
        await completedVisit(abroad.id, 'checkin-test');
        await received(abroad.id, (m) => m.to === abroad.phone && m.body.includes('how are you feeling'));
        expect((await text(abroad.phone, '5')).body).toContain('call +1 514 555 0100 or book online: https://riverside.example/book');
      } finally {
        expect((await api.patch('/v1/clinics/me', { bookingUrl: null })).status).toBe(200);
      }
    });
  });

  it('YES to a reminder confirms the appointment', async () => {
    const kim = await patient();
    const appointment = await visit(kim.id, 'reminder-test', new Date(Date.now() + 86_400_000 + 2000));
    await received(kim.id, (m) => m.to === kim.phone && m.body.includes('Reply YES'));
    const yes = await text(kim.phone, 'Yes');
    expect(yes.body).toMatch(/is confirmed/);
    const shown = await api.get(`/v1/appointments/${appointment}`);
    expect(shown.body).toMatchObject({ status: 'booked', confirmedAt: expect.any(String) });
  });

  it('status callbacks arriving out of order never move a delivery backwards, and keep an error', async () => {
    const lee = await patient();
    const pat = await patient();
    await completedVisit(lee.id, 'stop-test');
    await completedVisit(pat.id, 'stop-test');
    const toLee = await twilio.waitFor((m) => m.to === lee.phone, 15_000);
    const toPat = await twilio.waitFor((m) => m.to === pat.phone, 15_000);
    const record = async (patientId: string) =>
      eventually(
        async () => ((await api.get(`/v1/patients/${patientId}/messages`)).body as any[]).find((m) => m.providerMessageId),
        'the delivery record',
      );
    await record(lee.id);
    await record(pat.id);

    expect(await twilio.sendStatusCallback(toLee.sid, 'delivered')).toBe(204);
    expect(await twilio.sendStatusCallback(toLee.sid, 'sent')).toBe(204);
    expect(await twilio.sendStatusCallback(toLee.sid, 'queued')).toBe(204);
    expect(await record(lee.id)).toMatchObject({ status: 'delivered' });

    await twilio.sendStatusCallback(toPat.sid, 'undelivered', { errorCode: 30003 });
    await twilio.sendStatusCallback(toPat.sid, 'delivered');
    await twilio.sendStatusCallback(toPat.sid, 'failed', { errorCode: 30008 });
    expect(await record(pat.id)).toMatchObject({ status: 'undelivered', error: 'twilio-30003' });
  });

  it('a number the provider reports as unsubscribed (21610) loses SMS consent', async () => {
    const ren = await patient({ preferredChannel: 'email' });
    twilio.respondWith((request) => (request.to === ren.phone ? TwilioErrors.unsubscribed : undefined));
    try {
      const appointment = await completedVisit(ren.id, 'stop-test');
      await eventually(
        async () => (await followups(appointment)).find((f) => f.stepKey === 'aftercare' && f.status === 'failed'),
        'the refused text',
      );
    } finally {
      twilio.respondWith(undefined);
    }
    expect(await consent(ren.id)).toMatchObject({
      sms: false,
      smsSuppressed: true,
      history: expect.arrayContaining([expect.objectContaining({ channel: 'sms', granted: false, source: 'provider-21610' })]),
    });
  });

  describe('email unsubscribe', () => {
    it('every email has a signed link and one-click headers; a forged token changes nothing; POST unsubscribes without a session', async () => {
      const ana = await patient({ preferredChannel: 'email' });
      await completedVisit(ana.id, 'checkin-test');
      const email = await smtp.waitFor((m) => m.envelope.to.includes(ana.email), 15_000);
      expect(email.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
      const header = /^List-Unsubscribe: <([^>]+)>\r?$/m.exec(email.raw);
      expect(header).not.toBeNull();
      const link = header![1];
      expect(link.startsWith(`${publicUrl}/unsubscribe/`)).toBe(true);
      expect(email.text).toContain(link);
      expect(email.text).toContain('12 River Rd, Montreal QC');

      const token = link.slice(link.lastIndexOf('/') + 1);
      const [, expires, signature] = token.split('.');
      const forged = `${ana.id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}.${expires}.${signature}`;
      const refused = await fetch(`${publicUrl}/unsubscribe/${forged}`, { method: 'POST' });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Nothing was changed');
      expect((await consent(ana.id)).email).toBe(true);

      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<form method="post"/);
      expect((await consent(ana.id)).email).toBe(true);

      const oneClick = await fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(await oneClick.text()).toContain('You are unsubscribed');
      const after = await consent(ana.id);
      expect(after.email).toBe(false);
      expect(after.history).toEqual(
        expect.arrayContaining([expect.objectContaining({ channel: 'email', granted: false, source: 'unsubscribe-link' })]),
      );
    });
  });

  it('refuses a flare-up threshold outside 1-5', async () => {
    const response = await admin.post('/v1/clinics', {
      name: 'Other',
      timezone: 'America/Toronto',
      email: 'other@clinic.test',
      flareUpThreshold: 6,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'flareUpThreshold' })]);
  });

  it('the cadence editor refuses an SMS that would take more than two segments', async () => {
    const long = { ...steps.aftercareSms, template: template(`{{clinicName}}: ${'Please drink water and stretch gently. '.repeat(8)}`) };
    const refused = await api.put('/v1/cadences/long-test', { steps: [long] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'steps.0.template.sms', reason: expect.stringMatching(/3 SMS segments.*limit 2/) }),
    ]);

    const emoji = {
      ...steps.aftercareSms,
      template: template(
        `{{clinicName}}: Hi {{firstName}}, thank you for coming in today, we hope you feel great! Drink plenty of water and rest a little 😊`,
      ),
    };
    const emojiRefused = await api.put('/v1/cadences/long-test', { steps: [emoji] });
    expect(emojiRefused.status).toBe(400);
    expect(emojiRefused.body.errors[0].field).toBe('steps.0.template.sms');
    expect((await api.put('/v1/cadences/long-test', { steps: [{ ...emoji, channel: 'email' }] })).status).toBe(200);
  });
});
