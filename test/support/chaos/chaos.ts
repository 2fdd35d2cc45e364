/**
 * The fault-injection run (`npm run chaos`, README "Fault-injection run"): the scheduler and two
 * notifiers as separate processes on a fresh PostgreSQL database, TCP proxies in front of Redis (a
 * private redis-server without persistence) and PostgreSQL, the SMTP and Twilio fakes, a workload of
 * visits (an aftercare email, then two texts due in the same instant against a daily cap of one), reminders that are rescheduled or cancelled, and STOPs, while
 * faults are injected on three lanes. Afterwards the database and the fakes are checked.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '@app/shared';
import pg from 'pg';
import { Api } from '../api.js';
import { RedisServer } from '../redis-server.js';
import { createPostgresDatabase, freePort, ServiceProcess, tempDir, uniquePrefix } from '../services.js';
import { SmtpSink } from '../smtp-sink.js';
import { TcpProxy } from '../tcp-proxy.js';
import { TwilioErrors, TwilioFake } from '../twilio-fake.js';

export interface ChaosProfile {
  name: string;
  /** How long faults are injected while the workload runs. */
  faultMs: number;
  /** Visits completed (an email and two texts due together each), spread over the fault window. */
  visits: number;
  /** Of those patients, how many also book a visit whose reminder is rescheduled, cancelled or kept. */
  reminders: number;
  stops: number;
  /** Patients of a clinic whose quiet hours cover the whole run: nothing may reach them. */
  quietPatients: number;
  /** Connection cuts and provider bursts last between these (ms). */
  faultLength: [number, number];
  /** How long to wait after the faults for every due follow-up to settle. */
  settleMs: number;
  seed: number;
}

export const PROFILES: Record<'short' | 'full', Omit<ChaosProfile, 'seed'>> = {
  short: {
    name: 'short',
    faultMs: 150_000,
    visits: 700,
    reminders: 150,
    stops: 40,
    quietPatients: 30,
    faultLength: [5_000, 10_000],
    settleMs: 100_000,
  },
  full: {
    name: 'full',
    faultMs: 1_800_000,
    visits: 8_000,
    reminders: 1_200,
    stops: 300,
    quietPatients: 200,
    faultLength: [5_000, 20_000],
    settleMs: 300_000,
  },
};

export interface ChaosReport {
  faults: Record<string, number>;
  followups: number;
  byStatus: Record<string, number>;
  lost: number;
  smsDup: number;
  emailDup: number;
  emailDupBound: number;
  afterCancel: number;
  afterOptOut: number;
  quietViolations: number;
  capViolations: number;
  sms: number;
  emails: number;
  passed: boolean;
  line: string;
}

const ADMIN_TOKEN = 'chaos-admin-token-0123456789';
const TWILIO = { accountSid: `AC${'7'.repeat(32)}`, authToken: 'chaos-twilio-token' };
const FROM = '+15145550199';
/** Notifier concurrency (the default): the most emails one notifier has in flight when it dies. */
const CONCURRENCY = loadConfig({}).delivery.concurrency;

/** A small seeded generator, so a run can be replayed with CHAOS_SEED. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait that does not keep the process alive by itself: bounds and provider holds outlive the run. */
const atMost = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const phoneOf = (i: number) => `+1514600${String(i).padStart(4, '0')}`;
const emailOf = (i: number) => `chaos${i}@patients.test`;

export async function runChaos(profile: ChaosProfile, log: (line: string) => void = console.log): Promise<ChaosReport> {
  const rand = random(profile.seed);
  const between = ([low, high]: [number, number]) => Math.round(low + rand() * (high - low));
  const baseUrl = process.env.CHAOS_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createPostgresDatabase(baseUrl);
  const redis = await new RedisServer().start();
  const redisProxy = await new TcpProxy({ host: '127.0.0.1', port: redis.port }).start();
  const dbUrl = new URL(database.url);
  const pgProxy = await new TcpProxy({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) }).start();
  const proxiedDb = new URL(database.url);
  proxiedDb.host = `127.0.0.1:${pgProxy.port}`;
  const smtp = await new SmtpSink().start();
  const twilioFake = await new TwilioFake(TWILIO).start();
  const ports = { scheduler: await freePort(), notifiers: [await freePort(), await freePort()] };
  const common = {
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    DATABASE_URL: proxiedDb.toString(),
    QUEUE_PREFIX: uniquePrefix(),
    SMTP_URL: smtp.url,
    ...twilioFake.settings(FROM),
    PUBLIC_URL: `http://127.0.0.1:${ports.notifiers[0]}`,
    ADMIN_TOKEN,
    // What the fake providers allow; caps, quiet hours, retries, leases and the sweep keep their defaults.
    SMS_PER_SECOND: '100',
    EMAIL_PER_SECOND: '100',
  };
  const notifierEnv = (i: number) => ({ ...common, NOTIFIER_PORT: String(ports.notifiers[i]) });
  const ready = (port: number) => `http://127.0.0.1:${port}/health/ready`;
  const scheduler = await new ServiceProcess('scheduler', { ...common, SCHEDULER_PORT: String(ports.scheduler) }).start(
    ready(ports.scheduler),
  );
  const notifiers = [
    await new ServiceProcess('notifier', notifierEnv(0)).start(ready(ports.notifiers[0])),
    await new ServiceProcess('notifier', notifierEnv(1)).start(ready(ports.notifiers[1])),
  ];
  const direct = new pg.Client({ connectionString: database.url });
  await direct.connect();

  const faults: Record<string, number> = {};
  const count = (kind: string) => (faults[kind] = (faults[kind] ?? 0) + 1);
  const restarts: Promise<unknown>[] = [];
  let stopping = false;
  // Every notifier process ever started (all are stopped at the end) and, per slot, the latest restart.
  const everyNotifier = new Set<ServiceProcess>(notifiers);
  const generation = [0, 0];
  try {
    const admin = new Api(`http://127.0.0.1:${ports.scheduler}`, ADMIN_TOKEN);
    const clinic = admin.as(
      (await admin.post('/v1/clinics', { name: 'Chaos Physio', timezone: 'UTC', email: 'desk@chaos.test', quietHours: null })).body.apiKey,
    );
    // Quiet hours around the whole run, in the clinic's zone (UTC).
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const quietClinic = admin.as(
      (
        await admin.post('/v1/clinics', {
          name: 'Quiet Physio',
          timezone: 'UTC',
          email: 'desk@quiet.test',
          quietHours: { start: hhmm(new Date(Date.now() - 3600_000)), end: hhmm(new Date(Date.now() + 3 * 3600_000 + profile.faultMs)) },
        })
      ).body.apiKey,
    );
    const template = {
      subject: 'After your visit',
      email: 'Hi {{firstName}}, drink water today.',
      sms: '{{clinicName}}: drink water today.',
    };
    const care = {
      serviceType: 'chaos-care',
      steps: [
        { key: 'aftercare', kind: 'aftercare', anchor: 'appointment.completed', offset: 'PT5S', channel: 'email', template },
        { key: 'checkin', kind: 'checkin', anchor: 'appointment.completed', offset: 'PT20S', channel: 'sms', template },
        // Due in the same instant as the check-in: two texts to one patient racing the daily cap of one.
        { key: 'rebook', kind: 'rebook', anchor: 'appointment.completed', offset: 'PT20S', channel: 'sms', template },
      ],
    };
    const visit = {
      serviceType: 'chaos-visit',
      steps: [{ key: 'reminder', kind: 'reminder', anchor: 'appointment.start', offset: '-PT2M', channel: 'email', template }],
    };
    for (const api of [clinic, quietClinic]) {
      for (const cadence of [care, visit]) {
        const put = await api.put(`/v1/cadences/${cadence.serviceType}`, cadence);
        if (put.status !== 200) throw new Error(`cadence refused: ${JSON.stringify(put.body)}`);
      }
    }

    const cancelledAt = new Map<string, number>(); // appointment id → when the cancel answered
    const stoppedAt = new Map<string, number>(); // phone → when the STOP answered
    const quietAddresses = new Set<string>();
    let requestErrors = 0;

    // A request that fails during a fault is tried again, as a booking system would (idempotent by externalId).
    async function retrying<T extends { status: number }>(request: () => Promise<T>, ok: (status: number) => boolean): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        const answer = await request().catch(() => ({ status: 0 }) as T);
        if (ok(answer.status) || attempt >= 20) {
          if (!ok(answer.status)) requestErrors++;
          return answer;
        }
        await sleep(1000);
      }
    }

    async function patientWithVisit(api: Api, i: number): Promise<{ patientId: string }> {
      const patient = await retrying(
        () =>
          api.post('/v1/patients', {
            firstName: `Chaos${i}`,
            email: emailOf(i),
            phone: phoneOf(i),
            consent: { email: true, sms: true },
            externalId: `p-${i}`,
          }),
        (s) => s === 201 || s === 200,
      );
      const booked = await retrying(
        () =>
          api.post('/v1/appointments', {
            patientId: patient.body.id,
            serviceType: 'chaos-care',
            startsAt: new Date(Date.now() - 3600_000).toISOString(),
            durationMinutes: 60,
            externalId: `v-${i}`,
          }),
        (s) => s === 201 || s === 200,
      );
      await retrying(
        () => api.post(`/v1/appointments/${booked.body.id}/complete`),
        (s) => s === 200 || s === 409,
      );
      return { patientId: patient.body.id };
    }

    const workload = async () => {
      const started = Date.now();
      const window = profile.faultMs * 0.75;
      const total = profile.visits + profile.quietPatients;
      const stopsFrom = new Set(Array.from({ length: profile.stops }, (_, k) => Math.floor((k * profile.visits) / profile.stops)));
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) {
        // Spread the visits over three quarters of the fault window.
        const due = started + (i / total) * window;
        if (due > Date.now()) await sleep(due - Date.now());
        const quiet = i >= profile.visits;
        if (quiet) quietAddresses.add(emailOf(i)).add(phoneOf(i));
        pending.push(
          (async () => {
            const { patientId } = await patientWithVisit(quiet ? quietClinic : clinic, i);
            if (!quiet && i < profile.reminders) {
              // A visit in 3 minutes: its reminder is due in 1; then moved, cancelled or kept.
              const startsAt = new Date(Date.now() + 180_000);
              const booked = await retrying(
                () =>
                  clinic.post('/v1/appointments', {
                    patientId,
                    serviceType: 'chaos-visit',
                    startsAt: startsAt.toISOString(),
                    durationMinutes: 30,
                    externalId: `r-${i}`,
                  }),
                (s) => s === 201 || s === 200,
              );
              await sleep(between([5_000, 40_000]));
              if (i % 3 === 0) {
                await retrying(
                  () => clinic.post(`/v1/appointments/${booked.body.id}/cancel`),
                  (s) => s === 200 || s === 409,
                );
                cancelledAt.set(booked.body.id, Date.now());
              } else if (i % 3 === 1) {
                await retrying(
                  () =>
                    clinic.patch(`/v1/appointments/${booked.body.id}`, { startsAt: new Date(startsAt.getTime() + 60_000).toISOString() }),
                  (s) => s === 200 || s === 409,
                );
              }
            }
            if (!quiet && stopsFrom.has(i)) {
              await sleep(between([1_000, 30_000]));
              const answer = await retrying(
                () =>
                  twilioFake.sendIncomingMessage(`${common.PUBLIC_URL}/webhooks/twilio/inbound`, {
                    from: phoneOf(i),
                    to: FROM,
                    body: 'STOP',
                  }),
                (s) => s === 200,
              );
              if (answer.status === 200) stoppedAt.set(phoneOf(i), Date.now());
            }
          })(),
        );
      }
      await Promise.all(pending);
    };

    // --- the three fault lanes ------------------------------------------------------------------
    const faultsEnd = Date.now() + profile.faultMs;
    const lane = async (inject: (round: number) => Promise<void>, gapMs: number) => {
      for (let round = 0; Date.now() < faultsEnd; round++) {
        await inject(round);
        await sleep(gapMs);
      }
    };
    const processes = async (round: number) => {
      if (round % 3 < 2) {
        const which = round % 2;
        const victim = notifiers[which];
        await victim.stop('SIGKILL');
        count('kill -9 notifier');
        const mine = ++generation[which];
        // Restarted at once by the harness, and again until it stays up, as a container's restart
        // policy would: a notifier started while Redis or PostgreSQL is cut stops with one line.
        restarts.push(
          (async () => {
            for (let tries = 0; tries < 60 && !stopping && mine === generation[which]; tries++) {
              const next = new ServiceProcess('notifier', notifierEnv(which));
              notifiers[which] = next;
              everyNotifier.add(next);
              try {
                await next.start(ready(ports.notifiers[which]), 120_000);
                return;
              } catch {
                await next.stop('SIGKILL');
                await sleep(2_000);
              }
            }
            if (!stopping && mine === generation[which]) log(`notifier ${which} did not come back`);
          })(),
        );
      } else {
        await redis.stop();
        await redis.start();
        count('Redis restart without persistence');
      }
    };
    const connections = async (round: number) => {
      const proxy = round % 2 === 0 ? redisProxy : pgProxy;
      await proxy.cut();
      count(round % 2 === 0 ? 'Redis connections cut' : 'PostgreSQL connections cut');
      await sleep(between(profile.faultLength));
      await proxy.restore();
    };
    const providers = async (round: number) => {
      const kind = round % 5;
      const length = between(profile.faultLength);
      if (kind === 0) twilioFake.respondWith(() => TwilioErrors.internal);
      else if (kind === 1) twilioFake.respondWith(() => TwilioErrors.tooManyRequests);
      else if (kind === 2) twilioFake.respondWith(() => atMost(length + 15_000).then(() => TwilioErrors.serviceUnavailable));
      else if (kind === 3) smtp.holdData(() => Promise.reject(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 })));
      else
        smtp.holdData(() =>
          atMost(length + 15_000).then(() => Promise.reject(Object.assign(new Error('4.4.2 timeout'), { responseCode: 451 }))),
        );
      count(['Twilio 500 burst', 'Twilio 429 burst', 'Twilio timeouts', 'SMTP 451 burst', 'SMTP timeouts'][kind]);
      await sleep(length);
      twilioFake.respondWith(undefined);
      smtp.holdData(undefined);
    };

    log(`chaos (${profile.name}, seed ${profile.seed}): ${profile.visits} visits, ${profile.faultMs / 1000} s of faults`);
    const began = Date.now();
    await Promise.all([workload(), lane(processes, 12_000), lane(connections, 3_000), lane(providers, 3_000)]);
    log(`faults over after ${Math.round((Date.now() - began) / 1000)} s; settling`);
    await Promise.race([Promise.all(restarts), atMost(120_000)]);

    // --- settle: every due follow-up final, or the time is up ------------------------------------
    const settleEnd = Date.now() + profile.settleMs;
    const unsettled = async () =>
      Number(
        (
          await direct.query(
            `select count(*) from followups where status in ('scheduled','sending') and send_at < now() - interval '5 seconds'`,
          )
        ).rows[0].count,
      );
    while (Date.now() < settleEnd && (await unsettled()) > 0) await sleep(2_000);
    await sleep(3_000);

    // --- checks, from the database and the fakes ----------------------------------------------------
    const one = async (text: string, values: unknown[] = []) => Number((await direct.query(text, values)).rows[0].n);
    const byStatus = Object.fromEntries(
      (await direct.query('select status, count(*)::int as n from followups group by status')).rows.map(
        (r: { status: string; n: number }) => [r.status, r.n],
      ),
    ) as Record<string, number>;
    const followups = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const lost = await unsettled();

    const accepted = `('sent','queued','sending','delivered','undelivered','read')`;
    // SMS: Twilio took more texts for a number than the database holds accepted tries for it, or one follow-up has two accepted texts.
    const dbSms = new Map<string, number>(
      (
        await direct.query(`select "to", count(*)::int as n from deliveries where channel = 'sms' and status in ${accepted} group by "to"`)
      ).rows.map((r: { to: string; n: number }) => [r.to, r.n]),
    );
    const fakeSms = new Map<string, number>();
    for (const message of twilioFake.messages) fakeSms.set(message.to, (fakeSms.get(message.to) ?? 0) + 1);
    let smsDup = 0;
    const offRecord: string[] = [];
    for (const [to, n] of fakeSms) {
      const extra = Math.max(0, n - (dbSms.get(to) ?? 0));
      smsDup += extra;
      if (extra > 0) offRecord.push(to);
    }
    smsDup += await one(
      `select coalesce(sum(n - 1), 0)::int as n from (select count(*) as n from deliveries where channel = 'sms' and status in ${accepted} group by followup_id) t where n > 1`,
    );
    // Email: every try of a follow-up carries one Message-ID; a second copy is a duplicate.
    const byMessageId = new Map<string, number>();
    for (const message of smtp.messages) byMessageId.set(message.messageId ?? '', (byMessageId.get(message.messageId ?? '') ?? 0) + 1);
    const emailDup = [...byMessageId.values()].reduce((sum, n) => sum + n - 1, 0);
    const kills = faults['kill -9 notifier'] ?? 0;

    let afterCancel = 0;
    for (const [appointmentId, at] of cancelledAt) {
      afterCancel += await one(
        `select count(*)::int as n from deliveries d join followups f on f.id = d.followup_id
         where f.appointment_id = $1 and d.created_at > $2 and d.status in ${accepted}`,
        [appointmentId, new Date(at + 1_000)],
      );
    }
    let afterOptOut = 0;
    for (const [phone, at] of stoppedAt) {
      afterOptOut += await one(
        `select count(*)::int as n from deliveries where "to" = $1 and channel = 'sms' and created_at > $2 and status in ${accepted}`,
        [phone, new Date(at + 1_000)],
      );
      afterOptOut += twilioFake.messages.filter((m) => m.to === phone && m.receivedAt.getTime() > at + 5_000).length;
    }
    const quietViolations =
      smtp.messages.filter((m) => m.envelope.to.some((to) => quietAddresses.has(to))).length +
      twilioFake.messages.filter((m) => quietAddresses.has(m.to)).length;
    // Default caps: SMS 1 a day and 3 a week, email 2 a day, per patient and channel.
    const capViolations = await one(
      `select count(*)::int as n from (
         select channel, count(*) over (partition by patient_id, channel order by created_at range between interval '24 hours' preceding and current row) as day
         from deliveries where status in ${accepted}) t
       where (channel = 'sms' and day > 1) or (channel = 'email' and day > 2)`,
    );

    const faultTotal = Object.values(faults).reduce((a, b) => a + b, 0);
    const emailDupBound = kills * CONCURRENCY;
    const checks: [string, string, boolean][] = [
      [
        'faults injected',
        `${faultTotal} (${Object.entries(faults)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')})`,
        faultTotal >= 30,
      ],
      [
        'follow-ups',
        `${followups} (${Object.entries(byStatus)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')})`,
        followups >= 2_000,
      ],
      ['lost (due, not final)', String(lost), lost === 0],
      ['SMS sent twice', String(smsDup), smsDup === 0],
      ['emails sent twice', `${emailDup} (bound: ${kills} kills × ${CONCURRENCY} in flight = ${emailDupBound})`, emailDup <= emailDupBound],
      ['sent after a cancellation', String(afterCancel), afterCancel === 0],
      ['SMS after a STOP', String(afterOptOut), afterOptOut === 0],
      ['inside quiet hours', String(quietViolations), quietViolations === 0],
      ['caps exceeded', String(capViolations), capViolations === 0],
    ];
    log('');
    log('| check | value | ok |');
    log('|---|---|---|');
    for (const [name, value, ok] of checks) log(`| ${name} | ${value} | ${ok ? 'yes' : 'NO'} |`);
    log(`| messages | ${smtp.messages.length} emails, ${twilioFake.messages.length} SMS; ${requestErrors} API calls gave up | |`);
    const line = `chaos: faults=${faultTotal} followups=${followups} lost=${lost} sms_dup=${smsDup} email_dup=${emailDup} after_cancel=${afterCancel + afterOptOut} cap_violations=${capViolations}`;
    log(line);
    // A trace for a run that failed: which numbers got a text the database does not hold, and
    // whether they had sent STOP (recovery once lost such texts after an opt-out).
    if (offRecord.length > 0) {
      const described = offRecord.map((to) => `${to}${stoppedAt.has(to) ? ' (sent STOP)' : ''}`);
      log(`texts Twilio took that are not on record, by number: ${described.join(', ')}`);
    }
    return {
      faults,
      followups,
      byStatus,
      lost,
      smsDup,
      emailDup,
      emailDupBound,
      afterCancel,
      afterOptOut,
      quietViolations,
      capViolations,
      sms: twilioFake.messages.length,
      emails: smtp.messages.length,
      passed: checks.every(([, , ok]) => ok),
      line,
    };
  } finally {
    stopping = true;
    twilioFake.respondWith(undefined);
    smtp.holdData(undefined);
    await redisProxy.restore().catch(() => undefined);
    await pgProxy.restore().catch(() => undefined);
    await Promise.race([Promise.all(restarts), atMost(30_000)]);
    await Promise.all([scheduler, ...everyNotifier].map((service) => service.stop()));
    await direct.end();
    await Promise.all([redisProxy.stop(), pgProxy.stop(), smtp.stop(), twilioFake.stop()]);
    await redis.stop();
    // CHAOS_KEEP_DATABASE=1 keeps it, and every service's output, to trace what a failed check counted.
    if (process.env.CHAOS_KEEP_DATABASE === '1') {
      const folder = tempDir();
      const services = [scheduler, ...everyNotifier];
      await Promise.all(
        services.map((service, i) => writeFile(join(folder, `${i === 0 ? 'scheduler' : `notifier-${i}`}.log`), service.output.join(''))),
      );
      // What the fakes took, to set beside the delivery records.
      const texts = twilioFake.messages.map(({ sid, to, receivedAt }) => ({ sid, to, receivedAt }));
      await writeFile(join(folder, 'texts.json'), JSON.stringify(texts));
      const emails = smtp.messages.map(({ messageId, envelope }) => ({ messageId, to: envelope.to }));
      await writeFile(join(folder, 'emails.json'), JSON.stringify(emails));
      log(`database kept: ${database.url}; service output and what the fakes took in ${folder}`);
    } else await database.drop();
  }
}
