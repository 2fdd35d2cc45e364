import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConsentService } from '@app/consent';
import { type Clinic, type DatabaseHandle, deliveries, type Followup, followups, loadConfig } from '@app/shared';
import { aClinic, aFollowup, aPatient, aStep } from '@app/shared/testing/records.js';
import { UnrecoverableError } from 'bullmq';
import { asc, eq, sql } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { tempDir } from '../../../../test/support/services.js';
import { EmailChannel } from '../channels/email/email.channel.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { QueueDoor, sendUseCaseModule } from '../testing/send-use-case.js';
import { CONSENT_FRESH_MS, SendFollowupService } from './send-followup.service.js';

/** A Twilio answer the SDK would throw: a number that can never take a text. */
const landline = Object.assign(new Error('To number is not SMS-capable'), { status: 400, code: 21614 });

describe.each(testDatabases())('the send use case on $name', (database) => {
  let handle: DatabaseHandle;
  const dataDir = tempDir();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
  });

  afterAll(() => handle.close());

  /** The send use case with the real channels (writing to DATA_DIR/outbox) unless told otherwise. */
  async function sendUseCase(overrides: Provider[] = []) {
    const queue = new QueueDoor();
    const moduleRef = await Test.createTestingModule(sendUseCaseModule(config, handle.db, queue, overrides)).compile();
    return { send: moduleRef.get(SendFollowupService), queue, consent: moduleRef.get(ConsentService) };
  }

  const row = async (id: string) => (await handle.db.select().from(followups).where(eq(followups.id, id)))[0];
  const records = (followup: Followup) =>
    handle.db.select().from(deliveries).where(eq(deliveries.followupId, followup.id)).orderBy(asc(deliveries.createdAt));
  const job = (followup: Followup) => ({ followupId: followup.id, version: followup.version });
  /** Texts the outbox (the SMS channel without Twilio) holds for a number. */
  const outboxTexts = async (to: string) => {
    const folder = join(dataDir, 'outbox', 'sms');
    const names = await readdir(folder).catch(() => [] as string[]);
    const bodies = await Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
    return bodies.filter((body) => (JSON.parse(body) as { to: string }).to === to).length;
  };

  it('sends a due email once: delivery record sent with the provider id, follow-up sent, an unsubscribe link in it', async () => {
    const { send } = await sendUseCase();
    const patient = await aPatient(handle.db, await aClinic(handle.db));
    const followup = await aFollowup(handle.db, patient);

    const outcome = await send.execute(job(followup), { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'sent' });
    const [record] = await records(followup);
    expect(record).toMatchObject({ channel: 'email', to: 'alex@patients.test', status: 'sent', attempt: 1 });
    expect(outcome).toEqual({
      status: 'sent',
      deliveryId: record.id,
      channel: 'email',
      kind: 'aftercare',
      sendAt: followup.sendAt.toISOString(),
      startedAt: record.createdAt.toISOString(),
      sentAt: expect.any(String),
    });
    expect(await row(followup.id)).toMatchObject({ status: 'sent' });
    const file = (await readdir(join(dataDir, 'outbox', 'email'))).find((name) => name.includes(record.id))!;
    expect(record.providerMessageId).toBe(`outbox:${file}`);
    const email = await readFile(join(dataDir, 'outbox', 'email', file), 'utf8');
    expect(email).toContain('Subject: After your visit at Riverside Massage');
    expect(email).toMatch(/List-Unsubscribe: <http:\/\/localhost:3001\/unsubscribe\/[^>]+>/);

    expect(await send.execute(job(followup), { finalAttempt: false })).toEqual({ status: 'not-claimed' });
    expect(await records(followup)).toHaveLength(1);
  });

  it('sends to one patient one at a time, so two concurrent texts cannot both pass the daily cap', async () => {
    const { send } = await sendUseCase();
    const patient = await aPatient(handle.db, await aClinic(handle.db, { quietHours: null }), { phone: '+15145550177' });
    const texts = await Promise.all(
      ['checkin', 'rebook'].map((key) => aFollowup(handle.db, patient, { step: aStep({ key, channel: 'sms' }), channel: 'sms' })),
    );
    // Sent in the same instant: one goes; the other is either left `scheduled` for its job's next
    // try (its claim met the one in flight) or claimed once the first was recorded, counting it.
    const first = await Promise.all(texts.map((text) => send.execute(job(text), { finalAttempt: false })));
    expect(first.filter((outcome) => outcome.status === 'sent')).toHaveLength(1);
    const other = first.findIndex((outcome) => outcome.status !== 'sent');
    let outcome = first[other];
    if (outcome.status === 'not-claimed') {
      expect(await row(texts[other].id)).toMatchObject({ status: 'scheduled', version: 1 });
      outcome = await send.execute(job(texts[other]), { finalAttempt: false });
    }
    // Either way the cap (one SMS a day) defers it.
    expect(outcome).toMatchObject({ status: 'deferred', reason: 'frequency-cap' });
    const sms = await handle.db.select().from(deliveries).where(eq(deliveries.to, '+15145550177'));
    expect(sms.filter((d) => d.status === 'sent')).toHaveLength(1);
  });

  it('skips a follow-up whose patient withdrew consent for the channel, sending nothing', async () => {
    const { send } = await sendUseCase();
    const patient = await aPatient(handle.db, await aClinic(handle.db), { consentEmail: false });
    const followup = await aFollowup(handle.db, patient);
    expect(await send.execute(job(followup), { finalAttempt: false })).toEqual({
      status: 'skipped',
      reason: 'opted-out',
      channel: 'email',
      kind: 'aftercare',
    });
    expect(await row(followup.id)).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await records(followup)).toEqual([]);
  });

  it('sends no text to a number that texted STOP while the text waited for its pacing slot', async () => {
    const { send, queue, consent } = await sendUseCase();
    const patient = await aPatient(handle.db, await aClinic(handle.db, { quietHours: null }), { phone: '+15145550188' });
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });
    // The checks passed with the claim; the STOP lands while the send waits for a slot.
    const paced = { slots: 0 };
    queue.takeSendSlot = async () => {
      if (paced.slots++ > 0) return 0;
      await consent.optOutPhone('+15145550188', 'outbox', 'sms-stop');
      return CONSENT_FRESH_MS + 50;
    };

    const outcome = await send.execute(job(followup), { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await row(followup.id)).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await records(followup)).toEqual([]);
  });

  it('sends nothing when its lease was taken over while the text waited for its pacing slot', async () => {
    const { send, queue } = await sendUseCase();
    const patient = await aPatient(handle.db, await aClinic(handle.db, { quietHours: null }), { phone: '+15145550199' });
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });
    // While the send waits (Redis away), its lease lapses unrenewed (PostgreSQL away) and the
    // recovery sweep of another notifier takes the claim over: a new holder token.
    const paced = { slots: 0 };
    let takenBy: string | null = null;
    queue.takeSendSlot = async () => {
      if (paced.slots++ > 0) return 0;
      const [taken] = await handle.db
        .update(followups)
        .set({ leaseToken: sql`gen_random_uuid()` })
        .where(eq(followups.id, followup.id))
        .returning({ token: followups.leaseToken });
      takenBy = taken.token;
      return CONSENT_FRESH_MS + 50;
    };

    const outcome = await send.execute(job(followup), { finalAttempt: false });

    expect(outcome).toEqual({ status: 'not-claimed' });
    expect(takenBy).not.toBeNull();
    // Left to its new holder, untouched: still `sending` under the new token, and no try on record.
    expect(await row(followup.id)).toMatchObject({ status: 'sending', leaseToken: takenBy });
    expect(await records(followup)).toEqual([]);
    expect(await outboxTexts('+15145550199')).toBe(0);
  });

  it('defers a follow-up due inside quiet hours to their end: new version, new job, nothing sent', async () => {
    const { send, queue } = await sendUseCase();
    const hour = new Date().getUTCHours();
    const hh = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
    const clinic: Clinic = await aClinic(handle.db, { quietHours: { start: hh(hour - 1), end: hh(hour + 1) } });
    const followup = await aFollowup(handle.db, await aPatient(handle.db, clinic));

    const outcome = await send.execute(job(followup), { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'deferred', reason: 'quiet-hours' });
    const moved = await row(followup.id);
    expect(moved).toMatchObject({ status: 'scheduled', reason: 'quiet-hours', version: 2 });
    expect(moved.sendAt.getUTCHours()).toBe((hour + 1) % 24);
    expect(outcome).toEqual({
      status: 'deferred',
      reason: 'quiet-hours',
      sendAt: moved.sendAt.toISOString(),
      channel: 'email',
      kind: 'aftercare',
    });
    expect(queue.enqueued).toEqual([`${followup.id}@v2`]);
    expect(await records(followup)).toEqual([]);
  });

  it('sends by email instead when the number cannot take a text, and records both tries', async () => {
    const { send } = await sendUseCase([
      { provide: SmsChannel, useValue: { send: () => Promise.reject(landline), acceptedSince: async () => [] } },
    ]);
    const patient = await aPatient(handle.db, await aClinic(handle.db));
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });

    const outcome = await send.execute(job(followup), { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'sent' });
    expect((await records(followup)).map((r) => [r.channel, r.status, r.error, r.fallbackFrom])).toEqual([
      ['sms', 'failed', 'twilio-21614', null],
      ['email', 'sent', null, 'sms'],
    ]);
    expect(await row(followup.id)).toMatchObject({ status: 'sent' });
  });

  it('tries the fallback email again with the job when the mail server fails for a moment', async () => {
    const timeout = Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' });
    let emailTries = 0;
    const { send } = await sendUseCase([
      { provide: SmsChannel, useValue: { send: () => Promise.reject(landline), acceptedSince: async () => [] } },
      {
        provide: EmailChannel,
        useValue: { send: async () => (++emailTries === 1 ? Promise.reject(timeout) : { providerMessageId: '<fallback@test>' }) },
      },
    ]);
    const patient = await aPatient(handle.db, await aClinic(handle.db, { quietHours: null }));
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });

    // First try: the text is refused for good, the email fails for now: the job is to try again.
    await expect(send.execute(job(followup), { finalAttempt: false })).rejects.toThrow();
    expect(await row(followup.id)).toMatchObject({ status: 'scheduled', version: 1 });
    // The job's next try: the provider refuses the text again, and the email goes.
    expect(await send.execute(job(followup), { finalAttempt: false })).toMatchObject({ status: 'sent', channel: 'email' });
    expect((await records(followup)).map((r) => [r.channel, r.attempt, r.status, r.fallbackFrom])).toEqual([
      ['sms', 1, 'failed', null],
      ['email', 1, 'failed', 'sms'],
      ['sms', 2, 'failed', null],
      ['email', 2, 'sent', 'sms'],
    ]);
    expect(await row(followup.id)).toMatchObject({ status: 'sent' });
  });

  it('hands a follow-up back after a transient error, and leaves it dead after the last try', async () => {
    const timeout = Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' });
    const { send } = await sendUseCase([{ provide: EmailChannel, useValue: { send: () => Promise.reject(timeout) } }]);
    const followup = await aFollowup(handle.db, await aPatient(handle.db, await aClinic(handle.db)));

    await expect(send.execute(job(followup), { finalAttempt: false })).rejects.toThrow('etimedout');
    expect(await row(followup.id)).toMatchObject({ status: 'scheduled', attempts: 1 });

    await expect(send.execute(job(followup), { finalAttempt: true })).rejects.toThrow('etimedout');
    expect(await row(followup.id)).toMatchObject({ status: 'dead', reason: 'etimedout', attempts: 2 });
    expect((await records(followup)).map((r) => r.error)).toEqual(['etimedout', 'etimedout']);
  });

  it('fails for good on a permanent refusal, without retrying', async () => {
    const refused = Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
    const { send } = await sendUseCase([{ provide: EmailChannel, useValue: { send: () => Promise.reject(refused) } }]);
    const followup = await aFollowup(handle.db, await aPatient(handle.db, await aClinic(handle.db)));
    await expect(send.execute(job(followup), { finalAttempt: false })).rejects.toBeInstanceOf(UnrecoverableError);
    expect(await row(followup.id)).toMatchObject({ status: 'failed', reason: 'smtp-550' });
  });
});
