import { openDatabase } from '@app/shared';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { Api } from './support/api.js';
import { createPostgresDatabase, freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { TcpProxy } from './support/tcp-proxy.js';

const ADMIN_TOKEN = 'log-privacy-admin-token-0123456789';

// A patient and a clinic whose details must never reach the log, whatever fails.
const PATIENT = {
  firstName: 'Zebulon',
  lastName: 'Quillfeather-Okafor',
  email: 'zebulon.quillfeather@patients.test',
  phone: '+15145550187',
  consent: { email: true, sms: true },
};
const CLINIC = { name: 'Refused Wellness Studio', timezone: 'America/Toronto', email: 'desk@refused-wellness.test', phone: '+15145557731' };
const SECRETS = [PATIENT.firstName, PATIENT.lastName, PATIENT.email, PATIENT.phone, '5550187', CLINIC.email, CLINIC.name];

/** Fails naming every secret found in the output; also refuses anything shaped like a SHA-256 (the API key's hash). */
function expectNoPersonalData(output: string): void {
  expect(SECRETS.filter((secret) => output.includes(secret))).toEqual([]);
  expect(output).not.toMatch(/\b[0-9a-f]{64}\b/);
}

/** Constraints that make the database refuse this patient's and this clinic's rows, as a real fault would. */
const REFUSE_ROWS = [
  sql.raw(`alter table patients add constraint refuse_test_patient check (first_name <> '${PATIENT.firstName}')`),
  sql.raw(`alter table clinics add constraint refuse_test_clinic check (name <> '${CLINIC.name}')`),
];

describe('no personal data in any log line when the database refuses a statement', () => {
  it('JSON logs, both services in one process on PGlite: a constraint refuses the rows; each line names its service', async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ dataDir });
    for (const statement of REFUSE_ROWS) await database.db.execute(statement);
    await database.close();

    const ports = { scheduler: await freePort(), notifier: await freePort() };
    const service = await new ServiceProcess('standalone', {
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix(),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'verbose',
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(ports.scheduler),
      NOTIFIER_PORT: String(ports.notifier),
    }).start(`http://127.0.0.1:${ports.scheduler}/health/ready`);
    try {
      const admin = new Api(`http://127.0.0.1:${ports.scheduler}`, ADMIN_TOKEN);
      expect((await admin.post('/v1/clinics', CLINIC)).status).toBe(500);
      const clinic = admin.as((await admin.post('/v1/clinics', { ...CLINIC, name: 'Accepted Clinic' })).body.apiKey);
      expect((await clinic.post('/v1/patients', PATIENT)).status).toBe(500);
      // The notifier's own HTTP side answers too, so both services have written lines.
      expect((await fetch(`http://127.0.0.1:${ports.notifier}/webhooks/twilio/status`, { method: 'POST' })).status).toBe(403);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      expect(await service.stop()).toBe(0);
    }

    const output = service.output.join('');
    expect(output).toMatch(/Failed query: insert into \\?"patients/);
    expectNoPersonalData(output);
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { service?: string; req?: { path: string } });
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((line) => line.service !== 'scheduler' && line.service !== 'notifier')).toEqual([]);
    const servicesByPath = (prefix: string) =>
      new Set(lines.filter((line) => line.req?.path.startsWith(prefix)).map((line) => line.service));
    expect(servicesByPath('/v1/')).toEqual(new Set(['scheduler']));
    expect(servicesByPath('/webhooks/')).toEqual(new Set(['notifier']));
  });

  const postgres = process.env.TEST_DATABASE_URL ? it : it.skip;
  postgres('readable development logs, scheduler on PostgreSQL: a constraint, then a connection cut mid-statement', async () => {
    const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const url = new URL(database.url);
    const proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
    const proxied = new URL(database.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const port = await freePort();
    const scheduler = await new ServiceProcess('scheduler', {
      NODE_ENV: 'development',
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix(),
      DATABASE_URL: proxied.toString(),
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(port),
    }).start(`http://127.0.0.1:${port}/health/ready`);
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    try {
      const admin = new Api(`http://127.0.0.1:${port}`, ADMIN_TOKEN);
      const clinic = admin.as((await admin.post('/v1/clinics', { ...CLINIC, name: 'Accepted Clinic' })).body.apiKey);

      await direct.query(`alter table patients add constraint refuse_test_patient check (first_name <> '${PATIENT.firstName}')`);
      expect((await clinic.post('/v1/patients', PATIENT)).status).toBe(500);
      await direct.query('alter table patients drop constraint refuse_test_patient');

      // The insert waits on a lock while the connection under it is cut: the driver's error carries the statement.
      await direct.query('begin');
      await direct.query('lock table patients in access exclusive mode');
      const pending = clinic.post('/v1/patients', PATIENT);
      await new Promise((r) => setTimeout(r, 700));
      await proxy.cut();
      expect((await pending).status).toBe(500);
      await direct.query('rollback');
      await proxy.restore();
    } catch (error) {
      process.stderr.write(scheduler.output.join(''));
      throw error;
    } finally {
      await direct.end();
      await scheduler.stop();
      await proxy.stop();
      await database.drop();
    }

    const output = scheduler.output.join('');
    expect(output).toMatch(/Failed query: insert into \\?"patients/);
    expect(output).not.toMatch(/^\{"level"/m); // readable lines, not JSON
    expectNoPersonalData(output);
  });
});
