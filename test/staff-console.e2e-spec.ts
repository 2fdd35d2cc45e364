import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startScheduler } from '@app/services';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';
import { freePort } from './support/services.js';
import { StaffBrowser } from './support/staff-session.js';

type Started = Awaited<ReturnType<typeof startSchedulerInProcess>>;

const owner = { email: 'Kim@Riverside.test', name: 'Kim Tremblay', password: 'river stones 2026' };
const clinicBody = { name: 'Riverside Massage', timezone: 'America/Toronto', email: 'desk@riverside.test', owner };
const patientBody = { firstName: 'Alex', email: 'alex@patients.test', phone: '+15145550111', consent: { email: true, sms: true } };

function fields(body: { errors?: { field: string; reason: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('staff console API: sign-in, sessions, CSRF, roles, keys and audit', () => {
  let server: Started;
  let admin: Api;
  let clinicKey: Api;
  let kim: StaffBrowser;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    admin = new Api(server.baseUrl, server.config.adminToken);
    const created = await admin.post('/v1/clinics', clinicBody);
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({
      id: expect.any(String),
      email: 'kim@riverside.test',
      name: 'Kim Tremblay',
      role: 'owner',
      createdAt: expect.any(String),
    });
    clinicKey = admin.as(created.body.apiKey);
    kim = new StaffBrowser(server.baseUrl);
    expect((await kim.signIn('kim@riverside.test', owner.password)).status).toBe(200);
  });

  afterAll(() => server.stop());

  describe('sign-in', () => {
    it('with the right password answers who signed in and sets a strict, HttpOnly session cookie', async () => {
      const browser = new StaffBrowser(server.baseUrl);
      const signedIn = await browser.signIn('KIM@riverside.test', owner.password);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toEqual({
        staff: { id: expect.any(String), email: 'kim@riverside.test', name: 'Kim Tremblay', role: 'owner' },
        clinic: { id: expect.any(String), name: 'Riverside Massage', timezone: 'America/Toronto' },
        csrfToken: expect.stringMatching(/^[\w-]{40,}$/),
      });
      expect(browser.setCookie).toMatch(/^cc_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/);
      const me = await browser.get('/v1/session');
      expect(me.status).toBe(200);
      expect(me.body.staff.name).toBe('Kim Tremblay');
      expect(me.body.csrfToken).toBe(signedIn.body.csrfToken);
    });

    it('with a wrong password or an unknown email is refused alike', async () => {
      const wrong = await new StaffBrowser(server.baseUrl).signIn('kim@riverside.test', 'not the password at all');
      const unknown = await new StaffBrowser(server.baseUrl).signIn('nobody@riverside.test', owner.password);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('refuses a form posted from another site', async () => {
      const response = await fetch(`${server.baseUrl}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
        body: JSON.stringify({ email: 'kim@riverside.test', password: owner.password }),
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('the session cookie on /v1', () => {
    it('is accepted wherever a clinic key is', async () => {
      const created = await kim.post('/v1/patients', patientBody);
      expect(created.status).toBe(201);
      expect((await kim.get(`/v1/patients/${created.body.id}`)).body.firstName).toBe('Alex');
      expect((await clinicKey.get(`/v1/patients/${created.body.id}`)).status).toBe(200);
      expect((await kim.get('/v1/cadences/medical-massage')).status).toBe(200);
    });

    it('refuses a change without the CSRF token, with a wrong one, or from another origin (403), and changes nothing', async () => {
      const before = (await kim.get('/v1/cadences/medical-massage')).body;
      const edit = { steps: before.steps.slice(1) };
      expect((await kim.request('PUT', '/v1/cadences/medical-massage', edit, { 'x-csrf-token': undefined })).status).toBe(403);
      expect((await kim.request('PUT', '/v1/cadences/medical-massage', edit, { 'x-csrf-token': 'guess' })).status).toBe(403);
      expect((await kim.request('PUT', '/v1/cadences/medical-massage', edit, { origin: 'http://evil.example' })).status).toBe(403);
      expect((await kim.request('PUT', '/v1/cadences/medical-massage', edit, { origin: undefined })).status).toBe(403);
      expect((await kim.get('/v1/cadences/medical-massage')).body).toEqual(before);
      const refererOnly = await kim.request('POST', '/v1/patients', patientBody, {
        origin: undefined,
        referer: `${server.baseUrl}/console/patients`,
      });
      expect(refererOnly.status).toBe(201);
    });

    it('ends at sign-out', async () => {
      const browser = new StaffBrowser(server.baseUrl);
      await browser.signIn('kim@riverside.test', owner.password);
      const signOut = await browser.delete('/v1/session');
      expect(signOut.status).toBe(204);
      expect(signOut.headers.get('set-cookie')).toMatch(/^cc_session=; Max-Age=0/);
      expect((await browser.get('/v1/cadences')).status).toBe(401);
      expect((await browser.get('/v1/session')).status).toBe(401);
    });

    it('expires after 12 idle hours', async () => {
      const browser = new StaffBrowser(server.baseUrl);
      await browser.signIn('kim@riverside.test', owner.password);
      expect((await browser.get('/v1/cadences')).status).toBe(200);
      const tokenHash = createHash('sha256').update(browser.cookie!.split('=')[1]).digest('hex');
      const idleFor = (interval: string) =>
        server.database.db.execute(
          sql`update staff_sessions set last_seen_at = now() - ${interval}::interval where token_hash = ${tokenHash}`,
        );
      await idleFor('11 hours 59 minutes');
      expect((await browser.get('/v1/cadences')).status).toBe(200);
      await idleFor('12 hours 1 minute');
      expect((await browser.get('/v1/cadences')).status).toBe(401);
    });
  });

  describe('roles', () => {
    let sam: StaffBrowser;
    let samId: string;

    beforeAll(async () => {
      const created = await kim.post('/v1/staff', {
        email: 'sam@riverside.test',
        name: 'Sam Front Desk',
        role: 'staff',
        password: 'front desk 2026!',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: 'sam@riverside.test',
        name: 'Sam Front Desk',
        role: 'staff',
        createdAt: expect.any(String),
      });
      samId = created.body.id;
      sam = new StaffBrowser(server.baseUrl);
      expect((await sam.signIn('sam@riverside.test', 'front desk 2026!')).body.staff.role).toBe('staff');
    });

    it('staff cannot manage staff, API keys or read the audit log (403); they can do the day’s work', async () => {
      expect((await sam.get('/v1/staff')).status).toBe(403);
      expect((await sam.post('/v1/staff', { email: 'x@riverside.test', name: 'X', role: 'owner', password: 'twelve chars!' })).status).toBe(
        403,
      );
      expect((await sam.delete(`/v1/staff/${samId}`)).status).toBe(403);
      expect((await sam.get('/v1/api-keys')).status).toBe(403);
      expect((await sam.post('/v1/api-keys', { name: 'sneaky' })).status).toBe(403);
      expect((await sam.get('/v1/audit')).status).toBe(403);
      expect((await sam.post('/v1/patients', patientBody)).status).toBe(201);
      expect((await sam.get('/v1/cadences')).status).toBe(200);
    });

    it('owners and the clinic key can', async () => {
      const listed = await kim.get('/v1/staff');
      expect(listed.status).toBe(200);
      expect(listed.body.map((m: { email: string }) => m.email)).toEqual(['kim@riverside.test', 'sam@riverside.test']);
      expect(JSON.stringify(listed.body)).not.toMatch(/password/i);
      expect((await clinicKey.get('/v1/staff')).status).toBe(200);
      expect((await kim.get('/v1/api-keys')).status).toBe(200);
    });

    it('anyone signed in changes their own password; the old one stops working and other sessions end', async () => {
      const otherBrowser = new StaffBrowser(server.baseUrl);
      await otherBrowser.signIn('sam@riverside.test', 'front desk 2026!');
      const wrong = await sam.put('/v1/staff/me/password', { currentPassword: 'not my password', newPassword: 'a brand new phrase' });
      expect(wrong.status).toBe(400);
      expect(fields(wrong.body)).toEqual(['currentPassword']);
      const short = await sam.put('/v1/staff/me/password', { currentPassword: 'front desk 2026!', newPassword: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.errors).toEqual([{ field: 'newPassword', reason: 'must be at least 12 characters' }]);
      expect(
        (await sam.put('/v1/staff/me/password', { currentPassword: 'front desk 2026!', newPassword: 'a brand new phrase' })).status,
      ).toBe(204);
      expect((await sam.get('/v1/cadences')).status).toBe(200);
      expect((await otherBrowser.get('/v1/cadences')).status).toBe(401);
      expect((await new StaffBrowser(server.baseUrl).signIn('sam@riverside.test', 'front desk 2026!')).status).toBe(401);
      expect((await new StaffBrowser(server.baseUrl).signIn('sam@riverside.test', 'a brand new phrase')).status).toBe(200);
      expect((await clinicKey.put('/v1/staff/me/password', { currentPassword: 'x', newPassword: 'a brand new phrase' })).status).toBe(403);
    });

    it('the last owner cannot be removed (409); a removed member is signed out', async () => {
      const me = (await kim.get('/v1/session')).body.staff.id;
      expect((await kim.delete(`/v1/staff/${me}`)).status).toBe(409);
      expect((await kim.get('/v1/session')).status).toBe(200);
      expect((await kim.delete(`/v1/staff/${samId}`)).status).toBe(204);
      expect((await sam.get('/v1/cadences')).status).toBe(401);
      expect((await kim.delete(`/v1/staff/${samId}`)).status).toBe(404);
      const second = await clinicKey.post('/v1/staff', {
        email: 'lee@riverside.test',
        name: 'Lee',
        role: 'owner',
        password: 'second owner here',
      });
      expect(second.status).toBe(201);
      expect((await clinicKey.delete(`/v1/staff/${second.body.id}`)).status).toBe(204);
    });

    it.each([
      [{ email: 'nope', name: 'N', role: 'staff', password: 'long enough pass' }, 'email'],
      [{ email: 'n@riverside.test', name: 'N', role: 'admin', password: 'long enough pass' }, 'role'],
      [{ email: 'n@riverside.test', name: '', role: 'staff', password: 'long enough pass' }, 'name'],
      [{ email: 'n@riverside.test', name: 'N', role: 'staff', password: 'short' }, 'password'],
      [{ email: 'n@riverside.test', name: 'N', role: 'staff' }, 'password'],
    ])('refuses staff %j naming %s', async (body, field) => {
      const response = await kim.post('/v1/staff', body);
      expect(response.status).toBe(400);
      expect(fields(response.body)).toContain(field);
    });

    it('an email already in use is a 409, also for a new clinic’s owner (and no clinic is made)', async () => {
      expect(
        (await kim.post('/v1/staff', { email: 'KIM@riverside.test', name: 'Kim again', role: 'staff', password: 'long enough pass' }))
          .status,
      ).toBe(409);
      const clinic = await admin.post('/v1/clinics', { ...clinicBody, name: 'Copycat' });
      expect(clinic.status).toBe(409);
      const bad = await admin.post('/v1/clinics', { ...clinicBody, owner: { ...owner, password: 'short' } });
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['owner.password']);
    });
  });

  describe('API keys', () => {
    it('owners make named keys, see only their last four characters, and a revoked key stops at once everywhere', async () => {
      // A second scheduler on the same database and Redis, as a second replica would be.
      const port = await freePort();
      const replica = await startScheduler({ ...server.config, schedulerPort: port }, server.database);
      try {
        const made = await kim.post('/v1/api-keys', { name: 'Jane booking sync' });
        expect(made.status).toBe(201);
        expect(made.body).toMatchObject({ name: 'Jane booking sync', revokedAt: null, lastFour: made.body.key.slice(-4) });
        const integration = new Api(server.baseUrl, made.body.key);
        const onReplica = new Api(`http://127.0.0.1:${port}`, made.body.key);
        expect((await integration.get('/v1/cadences')).status).toBe(200);
        expect((await onReplica.get('/v1/cadences')).status).toBe(200);

        const listed = await kim.get('/v1/api-keys');
        expect(listed.body.map((k: { name: string }) => k.name)).toEqual(['First key', 'Jane booking sync']);
        expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
        expect(listed.body[1]).toEqual({
          id: made.body.id,
          name: 'Jane booking sync',
          lastFour: made.body.key.slice(-4),
          createdAt: expect.any(String),
          revokedAt: null,
        });

        const revoked = await kim.post(`/v1/api-keys/${made.body.id}/revoke`);
        expect(revoked.status).toBe(200);
        expect(revoked.body.revokedAt).toEqual(expect.any(String));
        expect((await integration.get('/v1/cadences')).status).toBe(401);
        const deadline = Date.now() + 2000;
        while ((await onReplica.get('/v1/cadences')).status !== 401 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect((await onReplica.get('/v1/cadences')).status).toBe(401);
        expect((await kim.get('/v1/api-keys')).body[1].revokedAt).toEqual(revoked.body.revokedAt);
        expect((await kim.post(`/v1/api-keys/00000000-0000-4000-8000-000000000000/revoke`)).status).toBe(404);
        expect(fields((await kim.post('/v1/api-keys', { name: '' })).body)).toEqual(['name']);
      } finally {
        await replica.close();
      }
    });
  });

  describe('audit log', () => {
    it('records who changed what with before and after, newest first, and never a secret', async () => {
      const cadence = (await kim.get('/v1/cadences/relaxation-massage')).body;
      const edited = {
        steps: cadence.steps.map((s: { key: string; offset: string }) => (s.key === 'aftercare' ? { ...s, offset: 'PT3H' } : s)),
      };
      expect((await kim.put('/v1/cadences/relaxation-massage', edited)).status).toBe(200);
      const patient = (await clinicKey.post('/v1/patients', { ...patientBody, firstName: 'Robin' })).body;
      expect((await kim.patch(`/v1/patients/${patient.id}`, { consent: { sms: false } })).status).toBe(200);

      const kimId = (await kim.get('/v1/session')).body.staff.id;
      const audit = await kim.get('/v1/audit?limit=200');
      expect(audit.status).toBe(200);
      const [consent, created, cadenceEdit] = audit.body;
      expect(consent).toMatchObject({
        actorType: 'staff',
        actorId: kimId,
        action: 'patient.update',
        subjectType: 'patient',
        subjectId: patient.id,
      });
      expect(consent.before.consent).toEqual({ email: true, sms: true });
      expect(consent.after.consent).toEqual({ email: true, sms: false });
      expect(created).toMatchObject({ actorType: 'api-key', action: 'patient.create', before: null });
      expect(cadenceEdit).toMatchObject({ actorType: 'staff', action: 'cadence.replace', subjectId: 'relaxation-massage' });
      expect(cadenceEdit.before.isDefault).toBe(true);
      expect(cadenceEdit.after.steps.find((s: { key: string }) => s.key === 'aftercare').offset).toBe('PT3H');

      const actions = audit.body.map((e: { action: string }) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['staff.create', 'staff.remove', 'staff.password-change', 'api-key.create', 'api-key.revoke']),
      );
      const text = JSON.stringify(audit.body);
      expect(text).not.toMatch(/passwordHash|keyHash|scrypt\$|cc_[\w-]{20,}/);

      const page = await kim.get('/v1/audit?limit=2');
      expect(page.body).toHaveLength(2);
      const next = await kim.get(`/v1/audit?limit=2&cursor=${page.headers.get('x-next-cursor')}`);
      expect(next.body[0].id).toBe(audit.body[2].id);
    });
  });
});

describe('failed sign-ins', () => {
  let server: Started;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    await admin.post('/v1/clinics', { ...clinicBody, owner: { ...owner, email: 'ana@north.test' } });
    await admin.post('/v1/clinics', { ...clinicBody, owner: { ...owner, email: 'bo@south.test' } });
  });

  afterAll(() => server.stop());

  it('after five failures in a minute for an account or from an address, the next try is 429 even with the right password', async () => {
    const browser = () => new StaffBrowser(server.baseUrl);
    for (let i = 0; i < 5; i++) expect((await browser().signIn('ana@north.test', `wrong guess ${i}`)).status).toBe(401);
    const blocked = await browser().signIn('ana@north.test', owner.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    // The same address is blocked for every account now (five failures came from it).
    expect((await browser().signIn('bo@south.test', owner.password)).status).toBe(429);
  });
});
