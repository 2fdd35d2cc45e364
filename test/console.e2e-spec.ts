// The staff console in real Chromium (Debian's, through playwright-core) against the built
// services on embedded PGlite and Redis, with the SMTP sink and the Twilio fake. Each page is
// checked with axe-core, watched for console errors and saved to docs/screenshots/.
import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './support/api.js';
import { checkPage, launchChromium, WatchedPage } from './support/browser.js';
import { eventually, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioErrors, TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'e2e-admin-token-console-0123456789';
const TWILIO = { accountSid: `AC${'7'.repeat(32)}`, authToken: 'twilio-test-auth-token-console' };
const CLINIC_NUMBER = '+15145550199';
const OWNER = { email: 'kim@riverside.test', name: 'Kim Tremblay', password: 'a long owner passphrase' };
const FRONT_DESK = { email: 'sam@riverside.test', name: 'Sam Roy', password: 'a long front desk passphrase', role: 'staff' };
const ZONE = 'America/Toronto';

jest.setTimeout(180_000);

describe('the staff console in Chromium', () => {
  const smtp = new SmtpSink();
  const twilio = new TwilioFake(TWILIO);
  let service: ServiceProcess;
  let browser: Browser;
  let base: string;
  let api: Api;
  let inboundUrl: string;
  let prefix: string;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile (its own cookies) on a desktop-sized window. */
  async function newContext(viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, baseURL: base, timezoneId: 'Europe/Paris' });
    contexts.push(context);
    return context;
  }

  async function signIn(page: Page, who: { email: string; password: string }) {
    await page.goto('/console/');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  }

  async function signedInPage(who: { email: string; password: string } = OWNER): Promise<WatchedPage> {
    const watched = await WatchedPage.open(await newContext());
    await signIn(watched.page, who);
    return watched;
  }

  async function apiPatient(fields: Record<string, unknown>) {
    const response = await api.post('/v1/patients', { consent: { email: true, sms: true }, preferredChannel: 'sms', ...fields });
    expect(response.status).toBe(201);
    return response.body as { id: string; phone: string; email: string };
  }

  beforeAll(async () => {
    await smtp.start();
    await twilio.start();
    const schedulerPort = await freePort();
    const notifierPort = await freePort();
    prefix = uniquePrefix();
    inboundUrl = `http://127.0.0.1:${notifierPort}/webhooks/twilio/inbound`;
    base = `http://127.0.0.1:${schedulerPort}`;
    service = await new ServiceProcess('standalone', {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Care Team <care@carecadence.test>',
      ...twilio.settings(CLINIC_NUMBER),
      PUBLIC_URL: `http://127.0.0.1:${notifierPort}`,
      UNSUBSCRIBE_SECRET: 'console-e2e-unsubscribe-secret-0123456789',
      // One patient gets several messages within seconds here; caps and pacing have their own tests.
      SMS_CAP_PER_DAY: '0',
      SMS_CAP_PER_WEEK: '0',
      EMAIL_CAP_PER_DAY: '0',
      SMS_PER_SECOND: '50',
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(notifierPort),
    }).start(`${base}/health/ready`);

    const admin = new Api(base, ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Riverside Massage',
      timezone: ZONE,
      email: 'front-desk@riverside.test',
      phone: '+15145550100',
      quietHours: null,
      owner: OWNER,
    });
    expect(clinic.status).toBe(201);
    api = admin.as(clinic.body.apiKey);
    expect((await api.post('/v1/staff', FRONT_DESK)).status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    expect(await service?.stop()).toBe(0);
    await smtp.stop();
    await twilio.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a wrong password with a message, signs in to Today with the keyboard, and signs out', async () => {
    const watched = await WatchedPage.open(await newContext());
    const { page } = watched;
    const response = await page.goto('/console/');
    // Served by the scheduler with a policy that allows no inline script and nothing from elsewhere.
    const policy = response!.headers()['content-security-policy'];
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    await checkPage(watched, 'sign-in');

    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('do not match');
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);

    // Keyboard only: focus the email field, Tab to the password, Enter submits.
    await page.getByLabel('Email').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(OWNER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWNER.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/today');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    for (const name of ['Today', 'Patients', 'Cadences', 'Replies', 'Alerts', 'Insights', 'Settings']) {
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    // The session cookie is one the page's scripts cannot read.
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    expect(watched.errors).toEqual([]);
  });

  it('edits the medical-massage aftercare SMS with a live preview, refuses a bad timing beside the field, and simulates the saved cadence', async () => {
    const watched = await signedInPage();
    const { page } = watched;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Cadences' }).click();
    await page.getByRole('heading', { name: 'Cadences', level: 1 }).waitFor();
    await page.getByText('2 hours after the visit, by email and SMS').first().waitFor();
    await checkPage(watched, 'cadences');

    await page.getByRole('link', { name: 'Edit Medical massage' }).click();
    await page.getByRole('button', { name: 'Edit step aftercare' }).click();
    // The step's languages side by side, each with its own preview of the SMS and of the HTML email.
    const english = page.getByRole('group', { name: /^English/ });
    const french = page.getByRole('group', { name: /^French/ });
    const sms = english.getByLabel('SMS text');
    const meter = english.getByTestId('sms-meter');
    const preview = english.getByTestId('sms-preview');
    await meter.waitFor();
    await eventually(
      async () => /^Riverside Massage : /.test((await french.getByTestId('sms-preview').textContent()) ?? '') || undefined,
      'the French SMS',
    );
    expect(await french.getByLabel('SMS text').inputValue()).toMatch(/\{\{firstName\}\}/);
    expect(await french.getByTestId('missing-fr').count()).toBe(0);
    // The HTML email in a sandboxed frame of its own (no script may run in it, so the test reads
    // the page the frame loaded with the browser's own session), one per language.
    const framed = async (column: typeof english) => {
      const frame = column.getByTestId('email-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      expect(await frame.getAttribute('title')).toMatch(/^The email in (English|French), as patients see it$/);
      const src = (await frame.getAttribute('src')) ?? '';
      const loaded = await page.request.get(src);
      expect(loaded.status()).toBe(200);
      expect(loaded.headers()['content-security-policy']).toContain("style-src 'unsafe-inline'");
      return { src, html: await loaded.text() };
    };
    for (const [column, lang] of [
      [english, 'en'],
      [french, 'fr'],
    ] as const) {
      const { src, html } = await framed(column);
      expect(src).toMatch(new RegExp(`^/v1/cadences/medical-massage/preview\\.html\\?step=aftercare&locale=${lang}&draft=`));
      expect(html).toContain(`lang="${lang}"`);
      expect(html).toContain('Riverside Massage');
    }
    expect((await framed(french)).html).toMatch(/eau|hydrat/i);

    // The simulation before the edit: a visit at 10:00 for an hour gets aftercare two hours after it.
    await page.getByLabel('Visit date and time').fill('2026-12-01T10:00');
    await page.getByRole('button', { name: 'Simulate' }).click();
    const simulated = page.getByRole('list', { name: 'Simulated messages' });
    await simulated.waitFor();
    const aftercareBefore = simulated.getByRole('listitem').filter({ hasText: 'Aftercare by SMS' });
    await expect(aftercareBefore.first().textContent()).resolves.toContain('1:00');
    await checkPage(watched, 'cadence-editor');

    // As staff type, the server's preview and segment count follow.
    await sms.fill('{{clinicName}}: Hi {{firstName}}, drink water today.');
    await eventually(
      async () => ((await preview.textContent()) ?? '').includes('drink water today') || undefined,
      'the preview to follow the text',
    );
    await eventually(async () => ((await meter.textContent()) ?? '').startsWith('1 segment · GSM-7') || undefined, 'one GSM-7 segment');
    await sms.fill(`{{clinicName}}: Hi {{firstName}}, drink water today 💧 ${'and rest gently. '.repeat(12)}`);
    await eventually(async () => /^[2-9] segments · UCS-2/.test((await meter.textContent()) ?? '') || undefined, 'more UCS-2 segments');

    // An invalid timing: the API's 400 sits beside the Timing field, and nothing is saved.
    await sms.fill('{{clinicName}}: Hi {{firstName}}, drink plenty of water and rest today.');
    const timing = page.getByLabel('Timing');
    await timing.fill('2 hours');
    await page.getByRole('button', { name: 'Save cadence' }).click();
    const timingError = page.locator('.field', { has: page.getByLabel('Timing') }).locator('.error');
    await expect(timingError.textContent()).resolves.toMatch(/ISO 8601 duration/);
    expect(await timing.getAttribute('aria-invalid')).toBe('true');
    const unchanged = await api.get('/v1/cadences/medical-massage');
    expect(unchanged.body.isDefault).toBe(true);
    expect(unchanged.body.steps.find((s: { key: string }) => s.key === 'aftercare').offset).toBe('PT2H');

    // A valid edit saves, and the simulation shows the new timing and text.
    await timing.fill('PT5S');
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.getByText('Saved. Visits planned from now on use these steps.').waitFor();
    const saved = (await api.get('/v1/cadences/medical-massage')).body;
    const aftercare = saved.steps.find((s: { key: string }) => s.key === 'aftercare');
    expect(aftercare.offset).toBe('PT5S');
    // The English texts, in the shape the API answers (per language, or the shape before languages).
    expect((aftercare.template.en ?? aftercare.template).sms).toBe(
      '{{clinicName}}: Hi {{firstName}}, drink plenty of water and rest today.',
    );
    await page.getByRole('button', { name: 'Simulate' }).click();
    await eventually(async () => {
      const text = (await simulated.getByRole('listitem').filter({ hasText: 'Aftercare by SMS' }).first().textContent()) ?? '';
      return text.includes('11:00') || undefined;
    }, 'the simulation to send aftercare right after the visit');

    // Typing in the email text changes the email in the frame too (the draft, not what is saved).
    await english.getByLabel('Email text').fill('Hi {{firstName}}, a glass of water after every meal today.');
    await eventually(
      async () => (await framed(english)).html.includes('a glass of water after every meal today') || undefined,
      'the frame to follow',
    );
    await page.getByRole('button', { name: 'Discard changes' }).click();

    // Back to the built-in cadence: the clinic's edit goes, and the audit log keeps it.
    await page.getByRole('button', { name: 'Reset to the default' }).click();
    await page.getByRole('button', { name: 'Yes, reset to the default' }).click();
    await page.getByText('Back to the built-in cadence. Visits planned from now on use it.').waitFor();
    await page.getByText('built-in', { exact: true }).waitFor();
    const reset = (await api.get('/v1/cadences/medical-massage')).body;
    expect(reset.isDefault).toBe(true);
    expect(reset.steps.find((s: { key: string }) => s.key === 'aftercare').offset).toBe('PT2H');
    expect(await page.getByLabel('Timing').inputValue()).toBe('PT2H');
    expect((await api.get('/v1/audit?limit=1')).body[0]).toMatchObject({ action: 'cadence.reset', subjectId: 'medical-massage' });
    expect(watched.errors).toEqual([]);
  });

  it('flags a step without French and previews what French-speaking patients get', async () => {
    const english = {
      subject: 'After your visit - {{clinicName}}',
      email: 'Hi {{firstName}}, drink water and rest today.',
      sms: '{{clinicName}}: Hi {{firstName}}, drink water and rest today.',
    };
    const put = await api.put('/v1/cadences/english-only', {
      steps: [
        {
          key: 'aftercare',
          kind: 'aftercare',
          anchor: 'appointment.completed',
          offset: 'PT2H',
          channel: 'both',
          template: { en: english },
        },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.steps[0].missingLanguages).toEqual(['fr']);
    const watched = await signedInPage();
    const { page } = watched;
    await page.goto('/console/cadences/english-only');
    const french = page.getByRole('group', { name: /^French/ });
    await french.getByTestId('missing-fr').waitFor();
    expect(await french.getByLabel('SMS text').count()).toBe(0);
    // French readers get the English texts: the preview says so and shows them.
    await french.getByText('has no fr texts').waitFor();
    await eventually(
      async () => ((await french.getByTestId('sms-preview').textContent()) ?? '').includes('drink water and rest today') || undefined,
      'the English text in the French preview',
    );
    await checkPage(watched, 'cadence-editor-missing-french');
    await french.getByRole('button', { name: 'Add French texts' }).click();
    await french.getByLabel('SMS text').fill("{{clinicName}} : Bonjour {{firstName}}, buvez de l'eau et reposez-vous.");
    expect(await french.getByTestId('missing-fr').count()).toBe(0);
    await page.getByRole('button', { name: 'Save cadence' }).click();
    await page.getByText('Saved. Visits planned from now on use these steps.').waitFor();
    const saved = (await api.get('/v1/cadences/english-only')).body;
    expect(saved.steps[0].missingLanguages).toEqual([]);
    expect(saved.steps[0].template.fr.sms).toBe("{{clinicName}} : Bonjour {{firstName}}, buvez de l'eau et reposez-vous.");
    // A clinic's own service type has no default to go back to.
    await page.getByRole('button', { name: 'Reset to the default' }).click();
    await page.getByRole('button', { name: 'Yes, reset to the default' }).click();
    await page.getByRole('alert').filter({ hasText: 'no built-in cadence' }).waitFor();
    watched.errors.length = 0; // the 409 above was asked for
  });

  it('adds a patient, books and completes a visit, and shows the aftercare email delivered on the timeline', async () => {
    // Aftercare five seconds after the visit, so it arrives while the test watches.
    const medical = (await api.get('/v1/cadences/medical-massage')).body;
    const quick = medical.steps.map((step: { key: string }) => (step.key === 'aftercare' ? { ...step, offset: 'PT5S' } : step));
    expect((await api.put('/v1/cadences/medical-massage', { steps: quick })).status).toBe(200);
    const watched = await signedInPage();
    const { page } = watched;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    await checkPage(watched, 'patients');
    await page.getByRole('link', { name: 'Add patient' }).click();
    await page.getByLabel('First name').fill('Alexandra');
    await page.getByLabel('Last name').fill('<b>Tremblay</b>');
    await page.getByLabel('Email address').fill('alexandra@patients.test');
    await page.getByLabel('Mobile phone').fill('+15145550111');
    await page.getByLabel('Agrees to receive emails').check();
    await page.getByLabel('Agrees to receive text messages (SMS)').check();
    await page.getByLabel('Preferred channel').selectOption('email');
    await checkPage(watched, 'patient-new');
    await page.getByRole('button', { name: 'Save patient' }).click();

    // Names are text, never markup.
    await page.getByRole('heading', { name: 'Alexandra <b>Tremblay</b>', level: 1 }).waitFor();
    expect(await page.locator('h1 b').count()).toBe(0);

    // Book a visit that started an hour ago (the front desk enters it after the fact), then complete it.
    const booking = page.getByRole('form', { name: 'Book a visit' });
    await booking.getByLabel('Service').selectOption('medical-massage');
    const anHourAgo = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' })
      .format(new Date(Date.now() - 3600_000))
      .replace(' ', 'T');
    await booking.getByLabel('Date and time').fill(anHourAgo);
    await booking.getByRole('button', { name: 'Book visit' }).click();
    const visits = page.getByRole('list', { name: 'Visits' });
    await visits.getByRole('button', { name: /^Complete Medical massage/ }).click();
    await visits.getByText('completed').waitFor();

    // The only email due in this window: aftercare, five seconds after the visit (the reminders were too late).
    const email = await smtp.waitFor((m) => m.envelope.to.includes('alexandra@patients.test'), 30_000);
    expect(email.text).toContain('Alexandra');
    const timeline = page.getByRole('list', { name: 'Care timeline' });
    const aftercareEmail = timeline.getByRole('listitem').filter({ hasText: 'Aftercare by email' });
    await eventually(async () => {
      const text =
        (await aftercareEmail
          .first()
          .textContent()
          .catch(() => '')) ?? '';
      return (text.includes('sent') && text.includes('Email to alexandra@patients.test: sent')) || undefined;
    }, 'the aftercare email sent on the timeline');
    // The message itself can be read on the timeline: the words the patient received, as text, even
    // after the cadence's texts change (a follow-up keeps the step it was planned with).
    const edited = quick.map((step: { key: string; template: { en: object } }) =>
      step.key === 'aftercare' ? { ...step, template: { ...step.template, en: { ...step.template.en, email: 'Changed later.' } } } : step,
    );
    expect((await api.put('/v1/cadences/medical-massage', { steps: edited })).status).toBe(200);
    await aftercareEmail.first().getByText('The message').click();
    const sentEmail = aftercareEmail.first().getByTestId('sent-email');
    await sentEmail.waitFor();
    const shown = (await sentEmail.textContent()) ?? '';
    expect(shown.startsWith(email.subject!)).toBe(true);
    const firstParagraph = (email.text ?? '').split('\n\n')[0].trim();
    expect(shown).not.toContain('Changed later.');
    expect(shown).toContain(firstParagraph);
    expect((await api.get(`/v1/followups/${'0'.repeat(8)}-0000-4000-8000-000000000000/message`)).status).toBe(404);

    // The reminders before a visit that already started are skipped, and the timeline says why.
    expect(await timeline.getByText('skipped: it was too late to send').count()).toBeGreaterThan(0);

    // A visit next week: rescheduled, then cancelled. The page lists the patient's visits from the API, latest first.
    await booking.getByLabel('Date and time').fill('2030-03-04T09:30');
    await booking.getByRole('button', { name: 'Book visit' }).click();
    const nextWeek = visits.getByRole('listitem').filter({ hasText: '2030' });
    await nextWeek.getByRole('button', { name: /^Reschedule Medical massage/ }).click();
    await nextWeek.getByLabel('New date and time').fill('2030-03-05T14:00');
    await nextWeek.getByRole('button', { name: 'Move visit' }).click();
    await eventually(async () => ((await nextWeek.textContent()) ?? '').includes('2:00') || undefined, 'the visit moved to 2 p.m.');
    await nextWeek.getByRole('button', { name: /^Cancel visit: Medical massage/ }).click();
    await nextWeek.getByText('cancelled').waitFor();
    const listed = (await api.get(`/v1/appointments?patientId=${new URL(page.url()).pathname.split('/').pop()}`)).body as {
      status: string;
      startsAt: string;
    }[];
    expect(listed.map((v) => v.status)).toEqual(['cancelled', 'completed']);
    expect(listed[0].startsAt).toBe('2030-03-05T19:00:00.000Z');
    expect(await visits.getByRole('listitem').first().textContent()).toContain('2030');

    // A treatment plan started and cancelled from the page.
    await page.getByText('Start a treatment plan').click();
    const planForm = page.getByRole('form', { name: 'Start a treatment plan' });
    await planForm.getByLabel('Plan service').selectOption('physiotherapy');
    await planForm.getByLabel('Sessions', { exact: true }).fill('4');
    await planForm.getByRole('button', { name: 'Start plan' }).click();
    const plans = page.getByRole('list', { name: 'Treatment plans' });
    await plans.getByText('0 of 4 sessions').waitFor();
    await plans.getByRole('button', { name: 'Cancel plan: Physiotherapy' }).click();
    await plans.getByText('cancelled').waitFor();
    await checkPage(watched, 'patient');

    // Editing shows what is on file; a change of preferred channel is kept.
    await page.getByRole('link', { name: 'Edit patient' }).click();
    expect(await page.getByLabel('Email address').inputValue()).toBe('alexandra@patients.test');
    await page.getByLabel('Preferred channel').selectOption('sms');
    await checkPage(watched, 'patient-edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Alexandra <b>Tremblay</b>', level: 1 }).waitFor();
    await page.locator('dd', { hasText: /^SMS$/ }).waitFor();

    // Search finds her by the start of her first name.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Search patients').fill('alex');
    await page.getByRole('list', { name: 'Patients found' }).getByRole('link', { name: 'Alexandra <b>Tremblay</b>' }).waitFor();
    expect(watched.errors).toEqual([]);
  });

  it('shows a text the system did not understand in Replies, and a check-in score of 5 in Alerts', async () => {
    // A cadence of the clinic's own whose check-in goes out a second after the visit.
    const template = {
      subject: 'How are you - {{clinicName}}',
      email: 'Hi {{firstName}}, how are you feeling?',
      sms: '{{clinicName}}: Hi {{firstName}}, how are you feeling? Reply 1 (no soreness) to 5 (much worse).',
    };
    const put = await api.put('/v1/cadences/checkin-test', {
      steps: [{ key: 'checkin', kind: 'checkin', anchor: 'appointment.completed', offset: 'PT1S', channel: 'sms', template }],
    });
    expect(put.status).toBe(200);
    const jo = await apiPatient({ firstName: 'Jordan', lastName: 'Lee', phone: '+15145550222' });
    const visit = await api.post('/v1/appointments', {
      patientId: jo.id,
      serviceType: 'checkin-test',
      startsAt: new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
    });
    expect((await api.post(`/v1/appointments/${visit.body.id}/complete`)).status).toBe(200);
    const checkin = await twilio.waitFor((m) => m.to === jo.phone && m.body.includes('how are you feeling'), 20_000);
    // A reply is matched to the text it answers: wait for that text to be on record.
    await eventually(
      async () => ((await api.get(`/v1/patients/${jo.id}/messages`)).body as any[]).find((m) => m.providerMessageId === checkin.sid),
      'the check-in on record',
    );
    expect((await twilio.sendIncomingMessage(inboundUrl, { from: jo.phone, to: CLINIC_NUMBER, body: '5' })).status).toBe(200);
    expect(
      (await twilio.sendIncomingMessage(inboundUrl, { from: jo.phone, to: CLINIC_NUMBER, body: 'Can I bring my own towel?' })).status,
    ).toBe(200);

    const watched = await signedInPage();
    const { page } = watched;
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Replies' }).click();
    const replies = page.getByRole('list', { name: 'Replies' });
    const towel = replies.getByRole('listitem').filter({ hasText: 'Can I bring my own towel?' });
    await towel.waitFor();
    await towel.getByRole('link', { name: 'Jordan Lee' }).waitFor();
    await checkPage(watched, 'replies');
    await towel.getByRole('button', { name: 'Mark read' }).click();
    await page.getByText('All caught up: no unread replies.').waitFor();

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Jordan Lee' });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toContain('5');
    await checkPage(watched, 'alerts');

    // Today counts the open alert before it is acknowledged, and lists a text the provider refused
    // (a number it calls invalid) with a Retry that sends it again.
    twilio.respondWith((request) => (request.to === '+15145550333' ? TwilioErrors.invalidTo : undefined));
    const sam = await apiPatient({ firstName: 'Samira', lastName: 'Haddad', phone: '+15145550333' });
    const samVisit = await api.post('/v1/appointments', {
      patientId: sam.id,
      serviceType: 'checkin-test',
      startsAt: new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
    });
    expect((await api.post(`/v1/appointments/${samVisit.body.id}/complete`)).status).toBe(200);
    await eventually(async () => {
      const failed = (await api.get(`/v1/followups?patientId=${sam.id}&status=failed`)).body as unknown[];
      return failed.length > 0 || undefined;
    }, "Samira's check-in refused by the provider");
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Today' }).click();
    await expect(page.getByRole('link', { name: /open flare-up alerts/ }).textContent()).resolves.toMatch(/^1/);
    const attention = page.locator('#attention').getByRole('listitem').filter({ hasText: 'Samira Haddad' });
    await attention.waitFor();
    expect(await attention.textContent()).toContain('failed: the SMS provider refused it (error 21211)');
    await checkPage(watched, 'today');
    twilio.respondWith(undefined);
    await attention.getByRole('button', { name: /^Retry check-in for Samira/ }).click();
    await twilio.waitFor((m) => m.to === sam.phone, 20_000);
    await page.getByText('Nothing failed. Every message went out or is on its way.').waitFor();

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'Acknowledge alert for Jordan Lee' }).click();
    await page.getByText('No open alerts. Nobody reported a flare-up.').waitFor();
    expect(watched.errors).toEqual([]);
  });

  it('lets an owner manage staff and keys, and refuses both to a staff member, on the page and at the API', async () => {
    const owner = await signedInPage();
    await owner.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    await owner.page.getByRole('button', { name: 'Save clinic details' }).waitFor();
    // What the clinic's emails show: a bad colour is refused beside its field, then a good one saved.
    expect(await owner.page.getByLabel("Patients' language").inputValue()).toBe('en');
    await owner.page.getByLabel('Brand colour').fill('teal');
    await owner.page.getByRole('button', { name: 'Save clinic details' }).click();
    const colourError = owner.page.locator('.field', { has: owner.page.getByLabel('Brand colour') }).locator('.error');
    await expect(colourError.textContent()).resolves.toMatch(/#rrggbb|hex/i);
    await owner.page.getByLabel('Brand colour').fill('#0B7285');
    await owner.page.getByLabel('Logo address').fill('https://cdn.riverside.test/logo.png');
    await owner.page.getByRole('button', { name: 'Save clinic details' }).click();
    await owner.page.getByText('Saved.').waitFor();
    expect((await api.get('/v1/clinics/me')).body).toMatchObject({
      brandColor: '#0b7285',
      logoUrl: 'https://cdn.riverside.test/logo.png',
      defaultLocale: 'en',
    });
    await checkPage(owner, 'settings');
    // The logo's address does not exist here: the email previews of the later pages would fail to load it.
    expect((await api.patch('/v1/clinics/me', { logoUrl: null })).status).toBe(200);
    await owner.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Staff' }).click();
    await owner.page.getByRole('list', { name: 'Staff accounts' }).getByText(FRONT_DESK.email).waitFor();
    await checkPage(owner, 'settings-staff');
    await owner.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await owner.page.getByLabel('What is it for?').fill('Booking sync');
    await owner.page.getByRole('button', { name: 'Create key' }).click();
    const key = (await owner.page.getByTestId('new-api-key').textContent())!.trim();
    expect((await new Api(base, key).get('/v1/cadences')).status).toBe(200);
    await owner.page.getByRole('button', { name: 'Revoke Booking sync' }).click();
    await owner.page.getByText(/^revoked /).waitFor();
    expect((await new Api(base, key).get('/v1/cadences')).status).toBe(401);
    await checkPage(owner, 'settings-api-keys');
    await owner.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    await owner.page
      .getByRole('cell', { name: /cadence/ })
      .first()
      .waitFor();
    await checkPage(owner, 'settings-audit');
    await owner.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Insights' }).click();
    await owner.page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    await checkPage(owner, 'insights');

    const staff = await signedInPage(FRONT_DESK);
    const { page } = staff;
    await page.goto('/console/settings/staff');
    await page.getByText("Only the clinic's owners can manage staff accounts.").waitFor();
    expect(await page.getByRole('list', { name: 'Staff accounts' }).count()).toBe(0);
    await checkPage(staff, 'settings-staff-refused');
    // Everyone may change their own password.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'My password' }).click();
    await page.getByLabel('Current password').fill(FRONT_DESK.password);
    await page.getByLabel('New password').fill('a new long front desk passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await checkPage(staff, 'settings-password');
    await page.goto('/console/settings/api-keys');
    await page.getByText("Only the clinic's owners can manage API keys.").waitFor();
    expect(await page.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    // The API refuses the same, with the staff member's own session and CSRF token.
    const refused = await page.evaluate(async () => {
      const session = (await (await fetch('/v1/session')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
      return {
        listStaff: (await fetch('/v1/staff')).status,
        addStaff: (
          await fetch('/v1/staff', {
            method: 'POST',
            headers,
            body: JSON.stringify({ email: 'x@riverside.test', name: 'X', role: 'owner', password: 'another long passphrase' }),
          })
        ).status,
        createKey: (await fetch('/v1/api-keys', { method: 'POST', headers, body: JSON.stringify({ name: 'mine' }) })).status,
      };
    });
    expect(refused).toEqual({ listStaff: 403, addStaff: 403, createKey: 403 });
    staff.errors.length = 0; // the three 403s above were asked for
  });

  it('refuses a cookie-authenticated change without the CSRF token or from another origin', async () => {
    const watched = await signedInPage();
    const cookies = await watched.page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrfToken = await watched.page.evaluate(
      async () => ((await (await fetch('/v1/session')).json()) as { csrfToken: string }).csrfToken,
    );
    const body = JSON.stringify({ firstName: 'Csrf', consent: { email: false, sms: false } });
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/v1/patients`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body });

    expect((await post({ origin: base })).status).toBe(403);
    expect((await post({ origin: 'http://evil.test', 'x-csrf-token': csrfToken })).status).toBe(403);
    expect((await post({ origin: base, 'x-csrf-token': 'not-the-token' })).status).toBe(403);
    // The same request from the console's origin with its token goes through.
    expect((await post({ origin: base, 'x-csrf-token': csrfToken })).status).toBe(201);
  });

  it('fits a 375 px wide phone without sideways scrolling', async () => {
    const watched = await WatchedPage.open(await newContext({ width: 375, height: 800 }));
    const { page } = watched;
    await signIn(page, OWNER);
    const mobile = await apiPatient({ firstName: 'Morgan', lastName: 'Small-Screen', phone: '+15145550444' });
    const visit = await api.post('/v1/appointments', {
      patientId: mobile.id,
      serviceType: 'medical-massage',
      startsAt: '2030-03-04T09:30:00-05:00',
      durationMinutes: 60,
    });
    expect(visit.status).toBe(201);
    for (const [path, name] of [
      ['/console/today', 'mobile-today'],
      ['/console/patients', 'mobile-patients'],
      [`/console/patients/${mobile.id}`, 'mobile-patient'],
      ['/console/cadences/medical-massage', 'mobile-cadence-editor'],
      ['/console/insights', 'mobile-insights'],
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await checkPage(watched, name);
      // Runs in the page (the tests' TypeScript has no DOM types): how far the page scrolls sideways.
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
