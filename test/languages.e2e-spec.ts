import { Redis } from 'ioredis';
import { Api } from './support/api.js';
import { deployments } from './support/deployments.js';
import { eventually, freePort, REDIS_URL, type ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'3'.repeat(32)}`, authToken: 'twilio-test-auth-token-languages' };
const CLINIC_NUMBER = '+15145550188';

const texts = (language: 'en' | 'fr', sms: string) =>
  language === 'fr'
    ? { subject: 'Votre visite - {{clinicName}}', email: 'Bonjour {{firstName}}, merci de votre visite.', sms }
    : { subject: 'Your visit - {{clinicName}}', email: 'Hi {{firstName}}, thank you for your visit.', sms };

/** TwiML answers are XML: the text a patient reads, entities decoded. */
function answerIn(twiml: string): string {
  const message = /<Message>([\s\S]*)<\/Message>/.exec(twiml)?.[1] ?? '';
  return message.replace(
    /&(amp|lt|gt|quot|apos|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" })[name]!,
  );
}

describe.each(deployments())('patients read and answer in their language ($name)', (deployment) => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let services: ServiceProcess[] = [];
  let cleanup: (() => Promise<void>) | undefined;
  let admin: Api;
  let english: Api; // a clinic writing in English by default
  let french: Api; // a clinic writing in French by default
  let prefix: string;
  let inboundUrl: string;
  let publicUrl: string;

  const text = async (from: string, body: string) => {
    const response = await twilio.sendIncomingMessage(inboundUrl, { from, to: CLINIC_NUMBER, body });
    expect(response.status).toBe(200);
    return answerIn(response.body);
  };

  let counter = 0;
  async function patient(clinic: Api, fields: Record<string, unknown> = {}) {
    counter += 1;
    const response = await clinic.post('/v1/patients', {
      firstName: 'Camille',
      email: `patient${counter}@patients.test`,
      phone: `+1438555${String(1000 + counter)}`,
      preferredChannel: 'sms',
      consent: { email: true, sms: true },
      ...fields,
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; phone: string; email: string };
  }

  async function visit(clinic: Api, patientId: string, serviceType: string, startsAt = new Date(Date.now() - 3600_000)) {
    const booked = await clinic.post('/v1/appointments', {
      patientId,
      serviceType,
      startsAt: startsAt.toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
      practitioner: 'Jordan Tremblay',
    });
    expect(booked.status).toBe(201);
    return booked.body.id as string;
  }

  async function completedVisit(clinic: Api, patientId: string, serviceType: string) {
    const id = await visit(clinic, patientId, serviceType);
    expect((await clinic.post(`/v1/appointments/${id}/complete`)).status).toBe(200);
    return id;
  }

  /** The follow-ups of a visit once every one of them has been sent. */
  const sentFollowups = (clinic: Api, appointmentId: string, count: number) =>
    eventually(async () => {
      const rows = (await clinic.get(`/v1/followups?appointmentId=${appointmentId}`)).body as any[];
      return rows.filter((f) => f.status === 'sent').length === count && rows;
    }, 'the sent follow-ups');

  /** The built-in medical-massage cadence, sent within seconds of the visit instead of hours. */
  async function quickMedicalMassage(clinic: Api) {
    const cadence = (await clinic.get('/v1/cadences/medical-massage')).body;
    const steps = cadence.steps
      .filter((step: any) => ['aftercare', 'soreness-checkin'].includes(step.key))
      .map((step: any) => ({ ...step, offset: step.key === 'aftercare' ? 'PT1S' : 'PT3S' }));
    const put = await clinic.put('/v1/cadences/quick-massage', { steps });
    expect(put.status).toBe(200);
  }

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const schedulerPort = await freePort();
    const notifierPort = await freePort();
    prefix = uniquePrefix();
    publicUrl = `http://127.0.0.1:${notifierPort}`;
    inboundUrl = `${publicUrl}/webhooks/twilio/inbound`;
    ({ services, cleanup } = await deployment.start({
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(CLINIC_NUMBER),
      PUBLIC_URL: publicUrl,
      UNSUBSCRIBE_SECRET: 'languages-e2e-unsubscribe-secret-0123456789',
      // One patient gets several messages within seconds here; caps and pacing have their own tests.
      SMS_CAP_PER_DAY: '0',
      SMS_CAP_PER_WEEK: '0',
      EMAIL_CAP_PER_DAY: '0',
      SMS_PER_SECOND: '50',
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(notifierPort),
    }));
    admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    const clinic = async (name: string, defaultLocale?: string) => {
      const created = await admin.post('/v1/clinics', {
        name,
        timezone: 'America/Toronto',
        email: `front-desk@${name.toLowerCase().replace(/\W+/g, '-')}.test`,
        phone: '+15145550100',
        quietHours: null,
        ...(defaultLocale && { defaultLocale }),
      });
      expect(created.status).toBe(201);
      expect(created.body.defaultLocale).toBe(defaultLocale ?? 'en');
      return admin.as(created.body.apiKey);
    };
    english = await clinic('Riverside Massage');
    french = await clinic('Clinique du Parc', 'fr-CA');
    await quickMedicalMassage(english);
    await quickMedicalMassage(french);
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

  it('a French-speaking patient gets French aftercare by email and SMS, a French check-in, and thanks in French', async () => {
    const camille = await patient(english, { locale: 'fr-CA' });
    const appointment = await completedVisit(english, camille.id, 'quick-massage');

    const email = await smtp.waitFor((m) => m.envelope.to.includes(camille.email), 15_000);
    expect(email.subject).toBe('Prendre soin de vous après votre visite - Riverside Massage');
    expect(email.headers.get('content-language')).toBe('fr');
    expect(email.text).toMatch(/^Bonjour Camille,/);
    expect(email.text).toContain("Buvez beaucoup d'eau aujourd'hui.");
    expect(email.text).toContain('Le massage ne remplace jamais les soins médicaux.');
    expect(email.text).toContain('Vous recevez ce courriel parce que vous avez un dossier chez Riverside Massage.');
    expect(email.text).toMatch(new RegExp(`Ne plus recevoir ces courriels : ${publicUrl}/unsubscribe/\\S+`));

    const aftercare = await twilio.waitFor((m) => m.to === camille.phone && m.body.includes('merci de votre visite'), 15_000);
    expect(aftercare.body).toMatch(/^Riverside Massage : Bonjour Camille, merci de votre visite\. Buvez beaucoup d'eau/);
    // The first text to a number carries the opt-out hint, in French too.
    expect(aftercare.body).toMatch(/\nRépondez ARRET pour vous désabonner$/);
    const checkin = await twilio.waitFor((m) => m.to === camille.phone && m.body.includes('comment vous sentez-vous'), 15_000);
    expect(checkin.body).toContain('Répondez par un chiffre de 1 (aucune courbature) à 5 (beaucoup plus mal).');

    const followups = await sentFollowups(english, appointment, 3);
    expect(followups.map((f: any) => f.language)).toEqual(['fr', 'fr', 'fr']);
    const messages = (await english.get(`/v1/patients/${camille.id}/messages`)).body as any[];
    // Both French texts stay in GSM-7: two segments each, not the four UCS-2 would take.
    expect(messages.filter((m) => m.channel === 'sms').map((m) => m.segments)).toEqual([2, 2]);

    expect(await text(camille.phone, '2')).toBe(
      'Riverside Massage : Merci, Camille. Si quelque chose change, appelez-nous au (514) 555-0100.',
    );
    expect(await text(camille.phone, '5')).toBe(
      'Riverside Massage : Merci, Camille. Nous aimerions vous voir : appelez au (514) 555-0100 pour prendre rendez-vous.',
    );
  });

  it('ARRÊT opts a French-speaking patient out with a French answer; ABONNER and AIDE answer in French too', async () => {
    const dominique = await patient(french, { firstName: 'Dominique', locale: 'fr' });
    await completedVisit(french, dominique.id, 'quick-massage');
    await twilio.waitFor((m) => m.to === dominique.phone, 15_000);

    expect(await text(dominique.phone, 'ARRÊT')).toBe(
      'Clinique du Parc : Votre désabonnement est confirmé : vous ne recevrez plus de textos de notre part. Répondez ABONNER pour vous réabonner.',
    );
    expect((await french.get(`/v1/patients/${dominique.id}/consent`)).body).toMatchObject({ sms: false, smsSuppressed: true });

    expect(await text(dominique.phone, 'abonner')).toMatch(/^Clinique du Parc : Vous recevrez de nouveau nos textos de suivi\./);
    expect((await french.get(`/v1/patients/${dominique.id}/consent`)).body).toMatchObject({ sms: true, smsSuppressed: false });

    const help = await text(dominique.phone, 'Aide');
    expect(help).toMatch(/^Clinique du Parc : rappels et suivis de soins liés à vos visites\. Questions : \(514\) 555-0100\./);
    expect(help).toContain("Des frais de messagerie et de données peuvent s'appliquer.");
    expect(help).toContain('Répondez ARRET pour vous désabonner.');

    // Lower case, without its accent: the same word.
    expect(await text(dominique.phone, 'arret')).toMatch(/^Clinique du Parc : Votre désabonnement est confirmé/);
  });

  it("answers a patient in their own language whatever the keyword's, and a number it does not know in the keyword's", async () => {
    const sam = await patient(english, { firstName: 'Sam', locale: 'en-CA' });
    await completedVisit(english, sam.id, 'quick-massage');
    await twilio.waitFor((m) => m.to === sam.phone, 15_000);
    expect(await text(sam.phone, 'ARRET')).toMatch(/^Riverside Massage: You are unsubscribed/);

    expect(await text('+14385559999', 'AIDE')).toMatch(/^Rappels et suivis de soins de votre clinique\./);
    expect(await text('+14385559998', 'HELP')).toMatch(/^Care reminders and check-ins from your clinic\./);
    expect(await text('+14385559997', 'STOP')).toMatch(/^You are unsubscribed/);
  });

  it('a reminder shows a French date and time, and OUI confirms the visit in French', async () => {
    const reminder = {
      key: 'reminder',
      kind: 'reminder',
      anchor: 'appointment.start',
      offset: '-P1D',
      channel: 'sms',
      template: {
        en: texts('en', '{{clinicName}}: see you {{appointmentDate}} at {{appointmentTime}}. Reply YES to confirm.'),
        fr: texts('fr', '{{clinicName}} : rendez-vous le {{appointmentDate}} à {{appointmentTime}}. Répondez OUI pour confirmer.'),
      },
    };
    expect((await french.put('/v1/cadences/reminder-test', { steps: [reminder] })).status).toBe(200);
    const alex = await patient(french, { firstName: 'Alex' });
    const startsAt = new Date(Date.now() + 86_400_000 + 2000);
    const appointment = await visit(french, alex.id, 'reminder-test', startsAt);

    const sent = await twilio.waitFor((m) => m.to === alex.phone, 15_000);
    const local = Object.fromEntries(
      new Intl.DateTimeFormat('fr-CA', {
        timeZone: 'America/Toronto',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(startsAt)
        .map((part) => [part.type, part.value]),
    );
    const time = local.minute === '00' ? `${Number(local.hour)} h` : `${Number(local.hour)} h ${local.minute}`;
    const when = `${local.weekday} ${local.day} ${local.month} à ${time}`;
    expect(sent.body).toMatch(/^Clinique du Parc : rendez-vous le /);
    expect(sent.body).toContain(`le ${when}. Répondez OUI pour confirmer.`);
    expect(sent.body).toMatch(/le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ à \d{1,2} h( \d{2})?\./);

    // A reply is matched to the text it answers, which is on record once Twilio has taken it.
    await sentFollowups(french, appointment, 1);
    expect(await text(alex.phone, 'Oui')).toBe(`Clinique du Parc : Merci, votre rendez-vous du ${when} est confirmé.`);
    expect((await french.get(`/v1/appointments/${appointment}`)).body.confirmedAt).toEqual(expect.any(String));
  });

  it('a patient without a locale at a French-default clinic gets French', async () => {
    const noLocale = await patient(french, { firstName: 'Charlie', preferredChannel: 'email' });
    const appointment = await completedVisit(french, noLocale.id, 'quick-massage');
    const email = await smtp.waitFor((m) => m.envelope.to.includes(noLocale.email), 15_000);
    expect(email.subject).toBe('Prendre soin de vous après votre visite - Clinique du Parc');
    expect(email.headers.get('content-language')).toBe('fr');
    const sms = await twilio.waitFor((m) => m.to === noLocale.phone, 15_000);
    expect(sms.body).toMatch(/^Clinique du Parc : Bonjour Charlie, merci de votre visite\./);
    expect((await sentFollowups(french, appointment, 3)).every((f: any) => f.language === 'fr')).toBe(true);

    // An English-speaking patient of the same clinic still reads English.
    const english = await patient(french, { firstName: 'Robin', locale: 'en' });
    await completedVisit(french, english.id, 'quick-massage');
    const englishSms = await twilio.waitFor((m) => m.to === english.phone, 15_000);
    expect(englishSms.body).toMatch(/^Clinique du Parc: Hi Robin, thanks for coming in today\./);
    expect(englishSms.body).toMatch(/\nReply STOP to opt out$/);
  });

  it('a step without French falls back to English, and one with only French is sent in French; the read-out flags what is missing', async () => {
    const step = (key: string, template: unknown) => ({
      key,
      kind: 'aftercare',
      anchor: 'appointment.completed',
      offset: 'PT1S',
      channel: 'sms',
      template,
    });
    // Today's shape: {subject, email, sms} side by side is taken as the English texts.
    const put = await english.put('/v1/cadences/fallback-test', {
      steps: [
        step('english-only', texts('en', '{{clinicName}}: Hi {{firstName}}, drink plenty of water today.')),
        step('french-only', { fr: texts('fr', "{{clinicName}} : Bonjour {{firstName}}, buvez beaucoup d'eau aujourd'hui.") }),
      ],
    });
    expect(put.status).toBe(200);
    const read = (await english.get('/v1/cadences/fallback-test')).body;
    expect(read.steps.map((s: any) => [s.key, Object.keys(s.template), s.missingLanguages])).toEqual([
      ['english-only', ['en'], ['fr']],
      ['french-only', ['fr'], ['en']],
    ]);
    // The read-out goes back unchanged.
    const again = await english.put('/v1/cadences/fallback-test', read);
    expect(again.status).toBe(200);
    expect(again.body.steps).toEqual(read.steps);

    const frances = await patient(english, { firstName: 'Frances', locale: 'fr-CA' });
    const appointment = await completedVisit(english, frances.id, 'fallback-test');
    const followups = await sentFollowups(english, appointment, 2);
    expect(Object.fromEntries(followups.map((f: any) => [f.stepKey, f.language]))).toEqual({ 'english-only': 'en', 'french-only': 'fr' });
    await eventually(async () => twilio.messages.filter((m) => m.to === frances.phone).length === 2, 'both texts');
    const bodies = twilio.messages.filter((m) => m.to === frances.phone).map((m) => m.body.split('\n')[0]);
    expect(bodies.sort()).toEqual([
      "Riverside Massage : Bonjour Frances, buvez beaucoup d'eau aujourd'hui.",
      'Riverside Massage: Hi Frances, drink plenty of water today.',
    ]);
  });

  it('the built-in cadences come in English and French and go back unchanged', async () => {
    const cadences = (await english.get('/v1/cadences')).body as any[];
    for (const cadence of cadences.filter((c) => c.isDefault)) {
      for (const step of cadence.steps) {
        expect(Object.keys(step.template)).toEqual(['en', 'fr']);
        expect(step.missingLanguages).toEqual([]);
      }
    }
    const physio = (await english.get('/v1/cadences/physiotherapy')).body;
    const put = await english.put('/v1/cadences/physiotherapy', physio);
    expect(put.status).toBe(200);
    expect(put.body.steps).toEqual(physio.steps);
  });

  it('refuses a French SMS over the segment limit, naming the characters that make it UCS-2', async () => {
    const long = {
      key: 'aftercare',
      kind: 'aftercare',
      anchor: 'appointment.completed',
      offset: 'PT1S',
      channel: 'sms',
      template: {
        en: texts('en', '{{clinicName}}: Hi {{firstName}}, drink plenty of water today.'),
        fr: texts(
          'fr',
          "{{clinicName}} : Bonjour {{firstName}}, buvez beaucoup d'eau et bougez doucement. Des courbatures pendant un jour ou deux, ça arrive. À bientôt!",
        ),
      },
    };
    const refused = await english.put('/v1/cadences/long-french', { steps: [long] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'steps.0.template.fr.sms',
        reason: expect.stringMatching(/3 SMS segments \(UCS-2\).*limit 2\); ç, À, ô make it UCS-2/),
      },
    ]);
    long.template.fr.sms = long.template.fr.sms.replace('ça arrive. À bientôt!', "c'est normal.");
    expect((await english.put('/v1/cadences/long-french', { steps: [long] })).status).toBe(200);

    const empty = await english.put('/v1/cadences/long-french', { steps: [{ ...long, template: {} }] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'steps.0.template', reason: expect.stringMatching(/at least one language/) }]);
    const half = await english.put('/v1/cadences/long-french', { steps: [{ ...long, template: { sms: 'Hi' } }] });
    expect(half.status).toBe(400);
    expect([...new Set(half.body.errors.map((e: any) => e.field))].sort()).toEqual(['steps.0.template.email', 'steps.0.template.subject']);
  });

  it('refuses a clinic default language we do not write in', async () => {
    const refused = await admin.post('/v1/clinics', {
      name: 'Otra',
      timezone: 'America/Toronto',
      email: 'x@otra.test',
      defaultLocale: 'es-MX',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'defaultLocale', reason: expect.stringMatching(/en or fr/) }]);
  });

  it('shows the unsubscribe page, and its result, in the patient’s language', async () => {
    const lou = await patient(french, { firstName: 'Lou', preferredChannel: 'email' });
    await completedVisit(french, lou.id, 'quick-massage');
    const email = await smtp.waitFor((m) => m.envelope.to.includes(lou.email), 15_000);
    const link = /^List-Unsubscribe: <([^>]+)>\r?$/m.exec(email.raw)![1];

    const page = await fetch(link, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-language')).toBe('fr');
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Se désabonner des courriels');
    expect(html).toContain('<button type="submit">Me désabonner</button>');

    const done = await fetch(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect(done.headers.get('content-language')).toBe('fr');
    expect(await done.text()).toContain('Votre désabonnement est confirmé');
    expect((await french.get(`/v1/patients/${lou.id}/consent`)).body.email).toBe(false);

    // A link that names nobody is answered in the browser's language.
    const broken = await fetch(`${publicUrl}/unsubscribe/not-a-token`, { headers: { 'Accept-Language': 'fr-CA,fr;q=0.9' } });
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain('Ce lien de désabonnement est incomplet. Rien n&#39;a été modifié.');
  });
});
