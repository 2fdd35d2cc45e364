import { Queue } from 'bullmq';
import { Api } from './support/api.js';
import { RedisServer } from './support/redis-server.js';
import { eventually, freePort, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';
import { SmtpSink } from './support/smtp-sink.js';
import { TwilioErrors, TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'guarantees-admin-token-0123';
const TWILIO = { accountSid: `AC${'2'.repeat(32)}`, authToken: 'twilio-guarantees-token' };

const step = (key: string, channel: string, offset = 'PT1S', kind = 'aftercare') => ({
  key,
  kind,
  anchor: 'appointment.completed',
  offset,
  channel,
  template: {
    subject: 'After your visit - {{clinicName}}',
    email: 'Hi {{firstName}}, drink water today.',
    sms: '{{clinicName}}: Hi {{firstName}}, drink water today.',
  },
});

/**
 * The built services in one process on PGlite in a DATA_DIR that survives restarts and kill -9,
 * with a Redis of their own (whose data a test can lose by restarting it).
 */
class Stack {
  readonly redis = new RedisServer();
  readonly smtp = new SmtpSink();
  readonly twilio = new TwilioFake(TWILIO);
  readonly prefix = uniquePrefix();
  service?: ServiceProcess;
  admin!: Api;
  api!: Api;
  private env!: Record<string, string>;

  async start(settings: Record<string, string> = {}): Promise<this> {
    await this.redis.start();
    await this.smtp.start();
    await this.twilio.start();
    const schedulerPort = await freePort();
    this.env = {
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.prefix,
      DATA_DIR: tempDir(),
      SMTP_URL: this.smtp.url,
      ...this.twilio.settings(),
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      NOTIFIER_PORT: String(await freePort()),
      SMS_PER_SECOND: '1000',
      EMAIL_PER_SECOND: '1000',
      DELIVERY_BACKOFF_MS: '200',
      SWEEP_INTERVAL_MS: '1000',
      CLAIM_LEASE_MS: '3000',
      // Four slots, so the crash test can hold every one of them mid-send.
      NOTIFIER_CONCURRENCY: '4',
      ...settings,
    };
    this.admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    await this.boot();
    const clinic = await this.admin.post('/v1/clinics', {
      name: 'Harbour Physio',
      timezone: 'America/Toronto',
      email: 'desk@harbour.test',
      phone: '+15145550100',
      quietHours: null,
    });
    this.api = this.admin.as(clinic.body.apiKey);
    return this;
  }

  async boot(): Promise<void> {
    this.service = await new ServiceProcess('standalone', this.env).start(`http://127.0.0.1:${this.env.SCHEDULER_PORT}/health/ready`);
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.smtp.stop();
    await this.twilio.stop();
    await this.redis.stop();
  }

  async cadence(serviceType: string, steps: unknown[]): Promise<void> {
    const put = await this.api.put(`/v1/cadences/${serviceType}`, { serviceType, steps });
    expect(put.status).toBe(200);
  }

  /** A patient with a completed visit of `serviceType`, which plans that cadence's follow-ups. */
  async visit(serviceType: string, patient: Record<string, unknown>): Promise<{ patientId: string; appointmentId: string }> {
    const created = await this.api.post('/v1/patients', { consent: { email: true, sms: true }, ...patient });
    expect(created.status).toBe(201);
    const appointment = await this.api.post('/v1/appointments', {
      patientId: created.body.id,
      serviceType,
      startsAt: new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00'),
      durationMinutes: 60,
    });
    expect((await this.api.post(`/v1/appointments/${appointment.body.id}/complete`)).status).toBe(200);
    return { patientId: created.body.id, appointmentId: appointment.body.id };
  }

  async followups(query = ''): Promise<any[]> {
    const rows: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: any[]; headers: Headers } = await this.api.get(
        `/v1/followups?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      rows.push(...page.body);
      cursor = page.headers.get('x-next-cursor');
    } while (cursor);
    return rows;
  }

  /** How many emails and SMS each address received. */
  received(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const to of [...this.smtp.messages.flatMap((m) => m.envelope.to), ...this.twilio.messages.map((m) => m.to)]) {
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  }
}

const patientNo = (i: number) => ({ firstName: `P${i}`, email: `p${i}@patients.test`, phone: `+1514600${String(i).padStart(4, '0')}` });

async function visits(stack: Stack, serviceType: string, count: number): Promise<{ patientId: string }[]> {
  const made: { patientId: string }[] = [];
  for (let i = 0; i < count; i += 10) {
    made.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => stack.visit(serviceType, patientNo(i + j))))),
    );
  }
  return made;
}

function expectEachOnce(stack: Stack, count: number): void {
  const counts = stack.received();
  for (let i = 0; i < count; i++) {
    const { email, phone } = patientNo(i);
    expect([email, counts.get(email)]).toEqual([email, 1]);
    expect([phone, counts.get(phone)]).toEqual([phone, 1]);
  }
}

describe('delivery survives a notifier killed mid-run', () => {
  const stack = new Stack();
  beforeAll(() => stack.start({ SMS_CAP_PER_DAY: '0', SMS_CAP_PER_WEEK: '0', EMAIL_CAP_PER_DAY: '0' }));
  afterAll(() => stack.stop());

  it('delivers each of hundreds of due follow-ups exactly once after kill -9 and a restart', async () => {
    const patients = 150;
    await stack.cadence('crash-care', [step('aftercare', 'both', 'PT5S')]);
    const ids = await visits(stack, 'crash-care', patients);
    await eventually(async () => stack.smtp.messages.length + stack.twilio.messages.length >= 100, 'a third of the messages', 60_000);

    // Hold every send at the providers, so the kill lands with every worker slot mid-send. Then
    // the SMTP server refuses the held emails (the crash came before it accepted them) while Twilio
    // accepts the held SMS (the crash came after Twilio took them, before the answer arrived).
    const heldSms: string[] = [];
    const heldEmail: string[] = [];
    let crash!: () => void;
    const killed = new Promise<void>((resolve) => (crash = resolve));
    stack.twilio.respondWith(async (request) => {
      heldSms.push(request.to!);
      // Emails are held from the first held SMS on, so both kinds are in flight at the kill.
      stack.smtp.holdData(async (message) => {
        heldEmail.push(message.envelope.to[0]);
        await killed;
        throw Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 });
      });
      await killed;
      return undefined;
    });
    await eventually(async () => heldSms.length + heldEmail.length >= 4, 'every worker slot to be mid-send');
    expect(heldSms.length).toBeGreaterThan(0);
    expect(await stack.service!.stop('SIGKILL')).toBeNull();
    crash();
    const before = stack.smtp.messages.length + stack.twilio.messages.length;
    expect(before).toBeLessThan(2 * patients);
    stack.smtp.holdData(undefined);
    stack.twilio.respondWith(undefined);

    await stack.boot();
    await eventually(
      async () => (await stack.followups('&status=sent')).length === 2 * patients || undefined,
      'every follow-up sent',
      90_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expectEachOnce(stack, patients);
    expect(await stack.followups('&status=sending')).toEqual([]);

    // The SMS Twilio took during the crash were found at Twilio, not sent again; the refused
    // emails were sent again, the interrupted try on record.
    const recordsOf = async (i: number) => (await stack.api.get(`/v1/patients/${ids[i].patientId}/messages`)).body as any[];
    const indexOf = (address: string) => (address.startsWith('+') ? Number(address.slice(-4)) : Number(/^p(\d+)@/.exec(address)![1]));
    for (const phone of heldSms) {
      const sms = (await recordsOf(indexOf(phone))).filter((r) => r.channel === 'sms');
      expect(sms).toEqual([
        expect.objectContaining({ status: 'sent', providerMessageId: stack.twilio.messages.find((m) => m.to === phone)!.sid }),
      ]);
    }
    for (const address of heldEmail) {
      const email = (await recordsOf(indexOf(address))).filter((r) => r.channel === 'email');
      expect(email.map((r) => r.error ?? r.status).sort()).toEqual(['interrupted', 'sent']);
    }
  }, 240_000);
});

describe('delivery survives Redis losing the queue', () => {
  const stack = new Stack();
  beforeAll(() => stack.start({ SMS_CAP_PER_DAY: '0', SMS_CAP_PER_WEEK: '0', EMAIL_CAP_PER_DAY: '0' }));
  afterAll(() => stack.stop());

  it('re-enqueues every pending follow-up from the database and sends each once', async () => {
    const patients = 30;
    await stack.cadence('redis-care', [step('aftercare', 'both', 'PT6S')]);
    await visits(stack, 'redis-care', patients);
    expect(stack.smtp.messages.length + stack.twilio.messages.length).toBe(0);
    expect(await stack.service!.stop()).toBe(0);

    // Redis restarts empty: the delayed jobs and the sweep's schedule are gone, as after FLUSHALL.
    await stack.redis.stop();
    await stack.redis.start();
    await stack.boot();
    await eventually(
      async () => (await stack.followups('&status=sent')).length === 2 * patients || undefined,
      'every follow-up sent',
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expectEachOnce(stack, patients);
  });
});

describe('delivery rides out a provider outage and honours permanent errors', () => {
  const stack = new Stack();
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('retries through 500s and 429s until Twilio recovers, once per follow-up, with the retries on record', async () => {
    await stack.cadence('outage-care', [step('aftercare', 'sms')]);
    let answered = 0;
    stack.twilio.respondWith(() => {
      answered++;
      if (answered <= 15) return TwilioErrors.internal;
      if (answered <= 20) return TwilioErrors.tooManyRequests;
      return undefined;
    });
    const people = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        stack.visit('outage-care', { firstName: 'O', phone: `+1514700000${i}`, consent: { email: false, sms: true } }),
      ),
    );
    await eventually(async () => stack.twilio.messages.length >= 5 || undefined, 'all five SMS', 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(stack.twilio.messages.map((m) => m.to).sort()).toEqual(people.map((_, i) => `+1514700000${i}`));
    expect(stack.twilio.attempts.filter((a) => a.status === 500)).toHaveLength(15);
    expect(stack.twilio.attempts.filter((a) => a.status === 429)).toHaveLength(5);

    const records = (await Promise.all(people.map((p) => stack.api.get(`/v1/patients/${p.patientId}/messages`)))).flatMap((r) => r.body);
    expect(records.filter((r: any) => r.status === 'sent')).toHaveLength(5);
    expect(records.filter((r: any) => r.error === 'twilio-20500')).toHaveLength(15);
    expect(records.filter((r: any) => r.error === 'twilio-20429')).toHaveLength(5);
    const sent = await stack.followups('&status=sent');
    expect(sent.filter((f) => people.some((p) => p.patientId === f.patientId))).toHaveLength(5);
  });

  it('gives up after DELIVERY_ATTEMPTS tries with back-off: the follow-up is dead, every try on record, nothing sent', async () => {
    // Follow-up jobs carry no retry options in Redis: the notifier's worker gives each its attempts.
    await stack.cadence('doomed-care', [step('aftercare', 'sms')]);
    const doomed = '+15147000999';
    stack.twilio.respondWith((request) => (request.to === doomed ? TwilioErrors.internal : undefined));
    const person = await stack.visit('doomed-care', { firstName: 'D', phone: doomed, consent: { email: false, sms: true } });
    const [dead] = await eventually(
      async () => {
        const rows = (await stack.followups('&status=dead')).filter((f) => f.patientId === person.patientId);
        return rows.length > 0 ? rows : undefined;
      },
      'the follow-up given up',
      60_000,
    );
    expect(dead.reason).toBe('twilio-20500');
    const tries = stack.twilio.attempts.filter((a) => a.request.to === doomed);
    expect(tries).toHaveLength(8);
    // Exponential back-off (200 ms doubled each time, half of it jitter): at least 100+200+…+6,400 ms.
    expect(tries[7].at.getTime() - tries[0].at.getTime()).toBeGreaterThanOrEqual(12_700);
    const records = (await stack.api.get(`/v1/patients/${person.patientId}/messages`)).body;
    expect(records.map((r: any) => [r.status, r.error])).toEqual(Array.from({ length: 8 }, () => ['failed', 'twilio-20500']));
    expect(stack.twilio.messages.filter((m) => m.to === doomed)).toHaveLength(0);
    stack.twilio.respondWith(() => undefined);
  });

  it('does not retry an invalid number, an unsubscribed number or a refused address; 21610 withdraws SMS consent', async () => {
    stack.twilio.respondWith((request) => {
      if (request.to === '+15147000100') return TwilioErrors.invalidTo;
      if (request.to === '+15147000101') return TwilioErrors.unsubscribed;
      return undefined;
    });
    stack.smtp.rejectRecipient((address) => address === 'bounce@patients.test');
    await stack.cadence('final-care', [step('aftercare', 'preferred')]);
    const invalid = await stack.visit('final-care', {
      firstName: 'I',
      phone: '+15147000100',
      preferredChannel: 'sms',
      consent: { email: false, sms: true },
    });
    const stopped = await stack.visit('final-care', {
      firstName: 'S',
      phone: '+15147000101',
      preferredChannel: 'sms',
      consent: { email: false, sms: true },
    });
    const bounced = await stack.visit('final-care', {
      firstName: 'B',
      email: 'bounce@patients.test',
      consent: { email: true, sms: false },
    });

    const settled = await eventually(
      async () => {
        const rows = (await stack.followups('&status=failed')).filter((f) =>
          [invalid, stopped, bounced].some((p) => p.patientId === f.patientId),
        );
        return rows.length === 3 && rows;
      },
      'three failed follow-ups',
      30_000,
    );
    const reasonOf = (p: { patientId: string }) => settled.find((f: any) => f.patientId === p.patientId).reason;
    expect([reasonOf(invalid), reasonOf(stopped), reasonOf(bounced)]).toEqual(['twilio-21211', 'twilio-21610', 'smtp-550']);
    await new Promise((r) => setTimeout(r, 1500));
    for (const p of [invalid, stopped, bounced]) {
      const records = (await stack.api.get(`/v1/patients/${p.patientId}/messages`)).body;
      expect(records).toHaveLength(1);
    }
    expect(stack.twilio.attempts.filter((a) => a.request.to === '+15147000100')).toHaveLength(1);
    expect((await stack.api.get(`/v1/patients/${stopped.patientId}`)).body.consent.sms).toBe(false);
    expect((await stack.api.get(`/v1/patients/${invalid.patientId}`)).body.consent.sms).toBe(true);
  });

  it('falls back to email when the number can never take an SMS, and records it as a fallback', async () => {
    stack.twilio.respondWith((request) => (request.to === '+15147000200' ? TwilioErrors.notSmsCapable : undefined));
    await stack.cadence('landline-care', [step('aftercare', 'sms')]);
    const landline = await stack.visit('landline-care', { firstName: 'L', phone: '+15147000200', email: 'landline@patients.test' });
    await stack.smtp.waitFor((m) => m.envelope.to.includes('landline@patients.test'), 20_000);
    const records = await eventually(async () => {
      const body = (await stack.api.get(`/v1/patients/${landline.patientId}/messages`)).body;
      return body.length === 2 && body;
    }, 'two delivery records');
    expect(records.find((r: any) => r.channel === 'sms')).toMatchObject({ status: 'failed', error: 'twilio-21614' });
    expect(records.find((r: any) => r.channel === 'email')).toMatchObject({
      status: 'sent',
      fallbackFrom: 'sms',
      to: 'landline@patients.test',
    });
    expect((await stack.followups(`&patientId=${landline.patientId}`))[0]).toMatchObject({ status: 'sent' });
  });

  it('defers a second SMS the same day to when the daily cap allows it', async () => {
    await stack.cadence('two-texts', [step('aftercare', 'sms'), step('checkin', 'sms', 'PT2S', 'checkin')]);
    const patient = await stack.visit('two-texts', { firstName: 'C', phone: '+15147000300', consent: { email: false, sms: true } });
    const rows = await eventually(async () => {
      const body = await stack.followups(`&patientId=${patient.patientId}`);
      return body.some((f) => f.status === 'sent') && body.some((f) => f.reason === 'frequency-cap') && body;
    }, 'one sent and one held by the cap');
    const held = rows.find((f: any) => f.reason === 'frequency-cap');
    expect(held.status).toBe('scheduled');
    const waited = new Date(held.sendAt).getTime() - new Date(rows.find((f: any) => f.status === 'sent').sentAt).getTime();
    expect(waited).toBeGreaterThan(23 * 3600_000);
    expect(stack.twilio.messages.filter((m) => m.to === '+15147000300')).toHaveLength(1);
  });

  it('fails a malformed job with a reason and keeps sending the rest', async () => {
    const queue = new Queue('followups', { connection: { host: '127.0.0.1', port: stack.redis.port }, prefix: stack.prefix });
    const bad = await queue.add('send-followup', { followupId: 'not-a-uuid', version: 0 });
    const unknown = await queue.add('paint-the-fence', {});
    await stack.cadence('after-bad-job', [step('aftercare', 'email')]);
    await stack.visit('after-bad-job', { firstName: 'G', email: 'good@patients.test', consent: { email: true, sms: false } });
    await stack.smtp.waitFor((m) => m.envelope.to.includes('good@patients.test'), 20_000);
    const failed = await eventually(async () => {
      const [a, b] = await Promise.all([queue.getJob(bad.id!), queue.getJob(unknown.id!)]);
      return a?.failedReason && b?.failedReason ? [a, b] : undefined;
    }, 'both bad jobs to fail');
    expect(failed[0].failedReason).toMatch(/^malformed job: .*followupId must be a UUID/);
    expect(failed[0].attemptsMade).toBe(1);
    expect(failed[1].failedReason).toBe('unknown job name "paint-the-fence"');
    await queue.close();
  });
});

describe('a rolling restart', () => {
  const stack = new Stack();
  beforeAll(() => stack.start({ SMS_PER_SECOND: '2', SMS_CAP_PER_DAY: '0', SMS_CAP_PER_WEEK: '0', CLAIM_LEASE_MS: '600000' }));
  afterAll(() => stack.stop());

  it('stops on SIGTERM with exit 0 while sends wait for their slot, and the next start sends the rest once', async () => {
    const patients = 12;
    await stack.cadence('paced-care', [step('aftercare', 'sms')]);
    await visits(stack, 'paced-care', patients);
    await eventually(async () => stack.twilio.messages.length >= 2 || undefined, 'the first paced SMS');
    const stopping = Date.now();
    expect(await stack.service!.stop()).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(15_000);
    expect(stack.twilio.messages.length).toBeLessThan(patients);

    // CLAIM_LEASE_MS is far longer than this test: only follow-ups handed back in time can go out.
    await stack.boot();
    await eventually(async () => stack.twilio.messages.length >= patients || undefined, 'every SMS', 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const counts = stack.received();
    for (let i = 0; i < patients; i++) expect([i, counts.get(patientNo(i).phone)]).toEqual([i, 1]);
  });
});
