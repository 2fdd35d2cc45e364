import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from './services.js';

/** Debian's Chromium (`.ci/run` installs it when missing); no browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium reports every refused fetch in the console ("Failed to load resource: … 401"). The
 * console answers some refusals on purpose — the signed-out probe of GET /v1/session (401), a
 * wrong password (401) and the field errors of a 400 — so those three are expected; anything
 * else (a 404, a 500, a script error, a CSP violation) fails the page.
 */
const EXPECTED = /^Failed to load resource: the server responded with a status of (400|401) /;

/** A page that remembers every console error and uncaught exception it sees. */
export class WatchedPage {
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED.test(message.text())) this.errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`uncaught: ${error.message}`));
  }

  static async open(context: BrowserContext): Promise<WatchedPage> {
    return new WatchedPage(await context.newPage());
  }
}

const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * What every page must pass: axe-core finds no serious or critical violation, the console shows
 * no error; and a screenshot for the README and for a person to look at.
 */
export async function checkPage(watched: WatchedPage, name: string): Promise<void> {
  const { page } = watched;
  await page.waitForLoadState('networkidle');
  // A sandboxed frame runs no script, so axe cannot enter it (and waits for it forever): what it
  // shows is a patient's email, checked by the email's own tests, not a page of the console.
  const results = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect({ page: name, serious }).toEqual({ page: name, serious: [] });
  expect({ page: name, errors: watched.errors }).toEqual({ page: name, errors: [] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
