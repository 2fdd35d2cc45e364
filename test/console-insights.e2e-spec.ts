// The Insights page in real Chromium (Debian's, through playwright-core) against the scheduler on
// embedded PGlite and Redis. Ten patients get the aftercare after a massage (marked sent, as the
// notifier would, with their delivery records); four book again, one opts out of texts. The page
// must show those counts per step and per week, filter by period and service type, refuse a bad
// period beside the field, download the table as CSV without a patient's details, pass axe-core,
// log no browser error and fit a 375 px phone.
import { jest } from '@jest/globals';
import { appointments, deliveries, followups } from '@app/shared';
import { and, eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './support/api.js';
import { checkPage, launchChromium, WatchedPage } from './support/browser.js';
import { startSchedulerInProcess } from './support/in-process.js';

const OWNER = { email: 'kim@riverside.test', name: 'Kim Tremblay', password: 'a long owner passphrase' };
const ZONE = 'America/Toronto';
const HOUR = 3600_000;

jest.setTimeout(180_000);

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

describe('the Insights page in Chromium', () => {
  let server: Started;
  let browser: Browser;
  let api: Api;
  const sentAt = new Date(Date.now() - 2 * HOUR);
  const contexts: BrowserContext[] = [];

  async function signedInPage(viewport = { width: 1280, height: 900 }): Promise<WatchedPage> {
    const context = await browser.newContext({ viewport, baseURL: server.baseUrl, timezoneId: 'Europe/Paris', acceptDownloads: true });
    contexts.push(context);
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await page.goto('/console/');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    return watched;
  }

  async function openInsights(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Outcomes per step' }).waitFor();
  }

  /** The cells of the table's line for a step, as text. */
  async function stepLine(page: Page, step: string): Promise<string[]> {
    const row = page.getByRole('region', { name: 'Outcomes per step' }).getByRole('row').filter({ hasText: step });
    return row.getByRole('cell').allInnerTexts();
  }

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Riverside Massage',
      timezone: ZONE,
      email: 'front-desk@riverside.test',
      quietHours: null,
      owner: OWNER,
    });
    expect(clinic.status).toBe(201);
    api = admin.as(clinic.body.apiKey);

    // Ten massages completed three hours ago; the aftercare (by email and by text: one follow-up
    // per channel) went out an hour later, as the notifier would have recorded it.
    const patients: string[] = [];
    for (let n = 0; n < 10; n++) {
      const patient = await api.post('/v1/patients', {
        firstName: `Robin${n}`,
        lastName: 'Secretname',
        email: `robin${n}@patients.test`,
        phone: `+1514555${String(2000 + n)}`,
        consent: { email: true, sms: true },
      });
      expect(patient.status).toBe(201);
      patients.push(patient.body.id);
      const visit = await api.post('/v1/appointments', {
        patientId: patient.body.id,
        serviceType: 'medical-massage',
        startsAt: new Date(Date.now() - 4 * HOUR).toISOString(),
        durationMinutes: 60,
      });
      expect((await api.post(`/v1/appointments/${visit.body.id}/complete`)).status).toBe(200);
      // Booked two weeks before, as a booking system would have told us then.
      await server.database.db
        .update(appointments)
        .set({ createdAt: new Date(Date.now() - 14 * 24 * HOUR) })
        .where(eq(appointments.id, visit.body.id));
      const aftercare = await server.database.db
        .update(followups)
        .set({ status: 'sent', sentAt })
        .where(and(eq(followups.appointmentId, visit.body.id), eq(followups.kind, 'aftercare')))
        .returning();
      expect(aftercare.length).toBeGreaterThan(0);
      for (const row of aftercare) {
        await server.database.db.insert(deliveries).values({
          clinicId: row.clinicId,
          patientId: row.patientId,
          followupId: row.id,
          channel: row.channel === 'sms' ? 'sms' : 'email',
          to: row.channel === 'sms' ? `+1514555${String(2000 + n)}` : `robin${n}@patients.test`,
          status: row.channel === 'sms' && n < 6 ? 'delivered' : 'sent',
          attempt: 1,
          createdAt: new Date(sentAt.getTime() - 1000),
        });
      }
    }
    // Four book their next massage; one withdraws consent to texts.
    for (const patientId of patients.slice(0, 4)) {
      const booked = await api.post('/v1/appointments', {
        patientId,
        serviceType: 'medical-massage',
        startsAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
        durationMinutes: 60,
      });
      expect(booked.status).toBe(201);
    }
    expect((await api.patch(`/v1/patients/${patients[6]}`, { consent: { sms: false } })).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows each step with what it achieved, the weekly chart and the check-in scores', async () => {
    const watched = await signedInPage();
    const { page } = watched;
    await openInsights(page);

    // Planned, sent, delivered, failed, skipped, replies, opted out, booked 7 d, booked 14 d, rate.
    expect(await stepLine(page, 'aftercare')).toEqual(['10', '10', '6', '0', '0', '0', '1', '4', '4', '40 %']);
    await expect(page.getByRole('region', { name: 'Outcomes per step' }).getByRole('rowheader').first().innerText()).resolves.toContain(
      'Medical massage',
    );

    // The chart is drawn (a canvas with a size) and says its totals in words.
    const chart = page.getByRole('img', { name: /Weekly chart/ });
    await expect(chart.getAttribute('aria-label')).resolves.toMatch(/10 sent, 4 followed by a booking within 7 days, 1 opt-outs/);
    const canvas = await chart.locator('canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(300);
    expect(canvas!.height).toBeGreaterThan(100);
    // Its numbers are also a table.
    await page.getByText('The weekly numbers as a table').click();
    const weeks = page.getByRole('region', { name: 'Weekly numbers' });
    await expect(
      weeks
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: '10', exact: true }) })
        .count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('region', { name: 'Check-in scores' }).getByRole('row').count()).resolves.toBe(6);

    await checkPage(watched, 'insights-outcomes');
    // Names, numbers and addresses of patients never reach the page.
    expect(await page.locator('main').innerText()).not.toMatch(/Robin|Secretname|patients\.test|514/);
  });

  it('filters by service type and period, and refuses a period that ends before it starts beside the field', async () => {
    const watched = await signedInPage();
    const { page } = watched;
    await openInsights(page);

    await page.getByLabel('Service', { exact: true }).selectOption('acupuncture');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No follow-up was due or sent in this period.').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Acupuncture' }).count()).resolves.toBe(1);

    await page.getByLabel('Service', { exact: true }).selectOption('');
    const sentDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(sentAt);
    await page.getByLabel('From', { exact: true }).fill(sentDay);
    await page.getByLabel('To', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('must not be after to', { exact: true }).waitFor();
    await expect(page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    // The last answer stays on the page meanwhile.
    await expect(page.getByText('No follow-up was due or sent in this period.').count()).resolves.toBe(1);

    // A period of one day, the day the aftercare went out.
    await page.getByLabel('To', { exact: true }).fill(sentDay);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('must not be after to', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Outcomes per step' }).waitFor();
    expect((await stepLine(page, 'aftercare'))[1]).toBe('10');
    await expect(page.getByRole('img', { name: /Weekly chart/ }).getAttribute('aria-label')).resolves.toMatch(/10 sent/);
    // A week long ago: nothing.
    await page.getByLabel('From', { exact: true }).fill('2025-01-06');
    await page.getByLabel('To', { exact: true }).fill('2025-01-12');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('No follow-up was due or sent in this period.').waitFor();
    expect(watched.errors).toEqual([]);
  });

  it('downloads the table as CSV: counts only', async () => {
    const { page } = await signedInPage();
    await openInsights(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^care-outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'service_type,step_key,kind,planned,sent,delivered,failed,skipped,skipped_by_reason,opted_out_after,replies,booked_within_7d,booked_within_14d,conversion_7d',
    );
    expect(lines).toContain('medical-massage,aftercare,aftercare,10,10,6,0,0,,1,0,4,4,0.4');
    expect(csv).not.toMatch(/Robin|Secretname|patients\.test|\+1514/);
  });

  it('fits a 375 px wide phone without sideways scrolling', async () => {
    const watched = await signedInPage({ width: 375, height: 800 });
    const { page } = watched;
    await openInsights(page);
    await checkPage(watched, 'mobile-insights-outcomes');
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
        .documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBe(0);
    const canvas = await page
      .getByRole('img', { name: /Weekly chart/ })
      .locator('canvas')
      .boundingBox();
    expect(canvas!.width).toBeLessThanOrEqual(375);
  });
});
