import { followupPartition, followupPartitionPrefix } from '@app/shared';
import { Api } from './support/api.js';
import { sample } from './support/metrics.js';
import { RedisCluster } from './support/redis-cluster.js';
import { createPostgresDatabase, eventually, freePort, ServiceProcess, uniquePrefix } from './support/services.js';
import { TwilioFake } from './support/twilio-fake.js';

const ADMIN_TOKEN = 'cluster-admin-token-0123456';
const TWILIO = { accountSid: `AC${'7'.repeat(32)}`, authToken: 'twilio-cluster-token' };
const PARTITIONS = 8;
const BURST = 96;

const smsStep = (key: string, offset: string) => ({
  key,
  kind: 'aftercare',
  anchor: 'appointment.completed',
  offset,
  channel: 'sms',
  template: {
    subject: 'After your visit',
    email: 'Hi {{firstName}}, drink water.',
    sms: '{{clinicName}}: Hi {{firstName}}, drink water today.',
  },
});

const databaseUrl = process.env.TEST_DATABASE_URL;
const withPostgres = databaseUrl ? describe : describe.skip;

/**
 * The issue's proof on a real Redis Cluster (three masters, three replicas, local processes): a
 * scheduler and two notifiers as separate processes on one PostgreSQL, the follow-ups queue split
 * into partitions spread over the masters, a burst delivered exactly once, then `kill -9` of a
 * master while a second burst is due: its replica takes over, readiness says so, nothing is lost
 * and no SMS goes twice.
 */
withPostgres('on a Redis Cluster: one scheduler, two notifiers, a partitioned follow-ups queue', () => {
  const cluster = new RedisCluster();
  const twilio = new TwilioFake(TWILIO);
  let database: { url: string; drop(): Promise<void> };
  let prefix: string;
  let services: ServiceProcess[] = [];
  let notifierPorts: number[] = [];
  let api: Api;
  let patients = 0;

  /** A queue prefix whose partitions' hash tags land on every master, so each one holds some. */
  async function prefixSpreadOverEveryMaster(): Promise<string> {
    const masters = (await cluster.masters()).length;
    for (;;) {
      const candidate = uniquePrefix();
      const owners = new Set<number>();
      for (let p = 0; p < PARTITIONS; p++)
        owners.add(await cluster.masterOf(`${followupPartitionPrefix(candidate, p, PARTITIONS)}:followups:wait`));
      if (owners.size === masters) return candidate;
    }
  }

  beforeAll(async () => {
    await cluster.start();
    await twilio.start();
    database = await createPostgresDatabase(databaseUrl!);
    prefix = await prefixSpreadOverEveryMaster();
    const schedulerPort = await freePort();
    notifierPorts = [await freePort(), await freePort()];
    const env = {
      REDIS_CLUSTER_NODES: cluster.nodesSetting,
      QUEUE_PREFIX: prefix,
      QUEUE_PARTITIONS: String(PARTITIONS),
      DATABASE_URL: database.url,
      ...twilio.settings(),
      ADMIN_TOKEN,
      SCHEDULER_PORT: String(schedulerPort),
      SMS_PER_SECOND: '1000',
      SMS_CAP_PER_DAY: '0',
      SMS_CAP_PER_WEEK: '0',
      // The sweep is what puts back a job the failover lost (replication is asynchronous).
      SWEEP_INTERVAL_MS: '5000',
    };
    const notifiers = notifierPorts.map((port) => new ServiceProcess('notifier', { ...env, NOTIFIER_PORT: String(port) }));
    services = [notifiers[0]];
    await notifiers[0].start(`http://127.0.0.1:${notifierPorts[0]}/health/ready`);
    const scheduler = new ServiceProcess('scheduler', { ...env, NOTIFIER_PORT: String(notifierPorts[0]) });
    services.push(scheduler, notifiers[1]);
    await Promise.all([
      scheduler.start(`http://127.0.0.1:${schedulerPort}/health/ready`),
      notifiers[1].start(`http://127.0.0.1:${notifierPorts[1]}/health/ready`),
    ]);
    const admin = new Api(`http://127.0.0.1:${schedulerPort}`, ADMIN_TOKEN);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Cluster Physio',
      timezone: 'UTC',
      email: 'desk@cluster.test',
      quietHours: null,
    });
    expect(clinic.status).toBe(201);
    api = admin.as(clinic.body.apiKey);
    const cadence = await api.put('/v1/cadences/massage', { serviceType: 'massage', steps: [smsStep('soon', 'PT2S')] });
    expect(cadence.status).toBe(200);
    const later = await api.put('/v1/cadences/physio', { serviceType: 'physio', steps: [smsStep('later', 'PT40S')] });
    expect(later.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    for (const service of services) await service.stop();
    await twilio.stop();
    await cluster.stop();
    await database?.drop();
  }, 120_000);

  /** `count` patients with a completed visit of `serviceType` (ten at a time, as a booking system would). */
  async function visits(serviceType: string, count: number): Promise<string[]> {
    const phones: string[] = [];
    for (let i = 0; i < count; i += 12) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(12, count - i) }, async () => {
          const phone = `+1514700${String(patients++).padStart(4, '0')}`;
          const patient = await api.post('/v1/patients', { firstName: 'Pat', phone, consent: { email: false, sms: true } });
          expect(patient.status).toBe(201);
          const appointment = await api.post('/v1/appointments', {
            patientId: patient.body.id,
            serviceType,
            startsAt: new Date(Date.now() - 3600_000).toISOString(),
            durationMinutes: 60,
          });
          expect((await api.post(`/v1/appointments/${appointment.body.id}/complete`)).status).toBe(200);
          return phone;
        }),
      );
      phones.push(...batch);
    }
    return phones;
  }

  async function followupsOf(stepKey: string): Promise<{ id: string; status: string }[]> {
    const rows: { id: string; status: string; stepKey: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { id: string; status: string; stepKey: string }[]; headers: Headers } = await api.get(
        `/v1/followups?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      rows.push(...page.body);
      cursor = page.headers.get('x-next-cursor');
    } while (cursor);
    return rows.filter((row) => row.stepKey === stepKey);
  }

  function smsPerNumber(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of twilio.messages) counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
    return counts;
  }

  it('delivers a burst across every partition exactly once, each master holding some partitions and both notifiers sending', async () => {
    const phones = await visits('massage', BURST);
    await eventually(async () => twilio.messages.length >= BURST || undefined, `${BURST} SMS`, 90_000);
    const rows = await eventually(async () => {
      const found = await followupsOf('soon');
      return found.length === BURST && found.every((row) => row.status === 'sent') && found;
    }, 'every follow-up sent');

    const counts = smsPerNumber();
    expect(phones.map((phone) => counts.get(phone))).toEqual(phones.map(() => 1));
    expect(new Set(rows.map((row) => followupPartition(row.id, PARTITIONS))).size).toBe(PARTITIONS);

    const tag = prefix.slice(1, -1);
    const keys = await cluster.keysPerMaster(`{${tag}-followups-*`);
    expect([...keys.values()].every((n) => n > 0)).toBe(true);

    const sentBy = await Promise.all(
      notifierPorts.map(async (port) => {
        const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
        return sample(text, 'carecadence_messages_total', { channel: 'sms', outcome: 'sent' }) ?? 0;
      }),
    );
    expect(sentBy.every((n) => n > 0)).toBe(true);
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(BURST);
  }, 180_000);

  it('kill -9 of a master: readiness shows the cluster failing over, its replica takes over, and the next burst goes out once each', async () => {
    const before = twilio.messages.length;
    const phones = await visits('physio', BURST);
    // The master that holds the base queue (and the health probe's key) and some partitions.
    const victim = await cluster.masterOf(`${prefix}:followups:wait`);
    const ready = `http://127.0.0.1:${notifierPorts[0]}/health/ready`;
    const seen: { status: number; redis: unknown }[] = [];
    await cluster.kill(victim);
    await eventually(
      async () => {
        const response = await fetch(ready);
        const body = (await response.json()) as { info?: { redis?: unknown }; error?: { redis?: unknown } };
        seen.push({ status: response.status, redis: body.error?.redis ?? body.info?.redis });
        return seen.some((s) => s.status === 503) && response.status === 200;
      },
      'readiness down, then up again on the promoted replica',
      90_000,
    );
    expect(seen.find((s) => s.status === 503)?.redis).toMatchObject({ status: 'down' });
    expect(seen[seen.length - 1].redis).toEqual({ status: 'up', cluster_state: 'ok', masters: 3 });
    expect(await cluster.masterOf(`${prefix}:followups:wait`)).not.toBe(victim);
    // The burst was due after the failover: delivery carried on through it.
    expect(twilio.messages.length - before).toBeLessThan(BURST);

    await eventually(async () => twilio.messages.length - before >= BURST || undefined, `${BURST} more SMS after the failover`, 120_000);
    await eventually(async () => {
      const found = await followupsOf('later');
      return found.length === BURST && found.every((row) => row.status === 'sent');
    }, 'every follow-up of the second burst sent');
    const counts = smsPerNumber();
    expect(phones.map((phone) => counts.get(phone))).toEqual(phones.map(() => 1));
    expect(twilio.messages.length).toBe(2 * BURST);
  }, 240_000);
});
