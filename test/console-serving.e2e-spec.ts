import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';
import { freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { StaffBrowser } from './support/staff-session.js';

describe('the scheduler serves the staff console at /console', () => {
  let server: Awaited<ReturnType<typeof startSchedulerInProcess>>;

  beforeAll(async () => {
    // A console build as Vite writes it: index.html and fingerprinted assets.
    const build = tempDir('carecadence-console-');
    mkdirSync(join(build, 'assets'));
    writeFileSync(
      join(build, 'index.html'),
      '<!doctype html><title>carecadence</title><script type="module" src="/console/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(build, 'assets', 'app-1a2b.js'), 'console.log("console")');
    server = await startSchedulerInProcess({}, { consoleDir: build });
  });

  afterAll(() => server.stop());

  const get = (path: string) => fetch(`${server.baseUrl}${path}`, { redirect: 'manual', headers: { accept: 'text/html' } });

  it('answers the page with a Content-Security-Policy that allows no inline script and no other origin', async () => {
    const response = await get('/console/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>carecadence</title>');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers the page for the console’s own routes, so a reload works', async () => {
    for (const path of ['/console/today', '/console/patients/0b8f6c0e-5d6a-4c53-9d3e-2f7a1c9e4b21', '/console/settings/api-keys']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>carecadence</title>');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const bare = await get('/console');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves the assets, and a missing one is a 404 rather than the page', async () => {
    const asset = await get('/console/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/console/assets/gone-9z.js')).status).toBe(404);
  });

  it('leaves the API as it was', async () => {
    expect((await new Api(server.baseUrl).get('/v1/cadences')).status).toBe(401);
    expect((await fetch(`${server.baseUrl}/docs-json`)).status).toBe(200);
  });
});

describe('npm start in development', () => {
  it('prints the console address and a demo owner who can sign in; production makes no demo owner', async () => {
    const port = await freePort();
    const common = { REDIS_URL, QUEUE_PREFIX: uniquePrefix(), SCHEDULER_PORT: String(port), NOTIFIER_PORT: String(await freePort()) };
    const development = new ServiceProcess('standalone', { ...common, NODE_ENV: 'development', DATA_DIR: tempDir(), LOG_LEVEL: 'warn' });
    try {
      await development.start(`http://127.0.0.1:${port}/health/ready`, 60_000);
      const banner = await waitForLine(development, /sign in as (\S+) with (\S+)/);
      expect(development.output.join('')).toContain(`Staff console: http://localhost:${port}/console/`);
      const browser = new StaffBrowser(`http://127.0.0.1:${port}`);
      const signedIn = await browser.signIn(banner[1], banner[2]);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.staff.role).toBe('owner');
      expect(signedIn.body.clinic.name).toBe('Demo Clinic');
    } finally {
      await development.stop();
    }

    const production = new ServiceProcess('standalone', {
      ...common,
      NODE_ENV: 'production',
      ALLOW_DEVELOPMENT_DEFAULTS: 'true',
      ADMIN_TOKEN: 'production-admin-token-0123',
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'warn',
    });
    try {
      await production.start(`http://127.0.0.1:${port}/health/ready`, 60_000);
      await waitForLine(production, /Staff console:/);
      const output = production.output.join('');
      expect(output).not.toMatch(/sign in as|demo/i);
      const demo = await new StaffBrowser(`http://127.0.0.1:${port}`).signIn('owner@demo.carecadence.local', 'anything-at-all');
      expect(demo.status).toBe(401);
    } finally {
      await production.stop();
    }
  }, 240_000);
});

async function waitForLine(service: ServiceProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const match = service.output.join('').match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no line matching ${pattern} in:\n${service.output.join('')}`);
}
