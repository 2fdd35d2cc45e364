import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type DatabaseHandle, deliveries, type Followup, followups, loadConfig, patients } from '@app/shared';
import { aClinic, aFollowup, aPatient, aStep } from '@app/shared/testing/records.js';
import { asc, eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { tempDir } from '../../../../test/support/services.js';
import { TwilioFake } from '../../../../test/support/twilio-fake.js';
import { QueueDoor, sendUseCaseModule } from '../testing/send-use-case.js';
import { SendFollowupService } from './send-followup.service.js';

const TWILIO = { accountSid: `AC${'5'.repeat(32)}`, authToken: 'answer-lost-auth-token-0123' };

/**
 * Twilio took the text but its answer never came back (the connection dropped): through the real
 * SDK against the Twilio fake, the text must go out once, whether Twilio can be asked at once or
 * only on the next try.
 */
describe.each(testDatabases())('a text whose answer was lost, on $name', (database) => {
  const twilio = new TwilioFake(TWILIO);
  let handle: DatabaseHandle;
  let send: SendFollowupService;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    await twilio.start();
    handle = await database.open();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: tempDir(),
      ...twilio.settings(),
    });
    const moduleRef = await Test.createTestingModule(sendUseCaseModule(config, handle.db, new QueueDoor())).compile();
    send = moduleRef.get(SendFollowupService);
  });

  afterAll(async () => {
    await handle.close();
    await twilio.stop();
  });

  beforeEach(() => twilio.reset());

  async function aText(phone: string): Promise<Followup> {
    const clinic = await aClinic(handle.db, { quietHours: null });
    const patient = await aPatient(handle.db, clinic, { phone, email: null, consentEmail: false });
    return aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });
  }
  const current = async (id: string) => (await handle.db.select().from(followups).where(eq(followups.id, id)))[0];
  const records = (id: string) =>
    handle.db.select().from(deliveries).where(eq(deliveries.followupId, id)).orderBy(asc(deliveries.createdAt));

  it('asks Twilio at once and records the text it took as sent, without sending it again', async () => {
    const followup = await aText('+15145550161');
    twilio.loseAnswers(1);

    const outcome = await send.execute({ followupId: followup.id, version: followup.version }, { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(twilio.messages).toHaveLength(1);
    expect(await current(followup.id)).toMatchObject({ status: 'sent' });
    expect(await records(followup.id)).toMatchObject([{ status: 'sent', providerMessageId: twilio.messages[0].sid }]);
  });

  it('when Twilio cannot be asked at once, the next try asks before sending, and sends nothing twice', async () => {
    const followup = await aText('+15145550162');
    twilio.loseAnswers(1).failLists(1);

    await expect(send.execute({ followupId: followup.id, version: followup.version }, { finalAttempt: false })).rejects.toThrow();
    const retried = await current(followup.id);
    expect(retried).toMatchObject({ status: 'scheduled' });
    expect(await records(followup.id)).toMatchObject([{ status: 'failed', error: 'econnreset' }]);

    const outcome = await send.execute({ followupId: retried.id, version: retried.version }, { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.attempts).toHaveLength(1);
    expect(await records(followup.id)).toMatchObject([
      { status: 'failed', error: 'econnreset' },
      { status: 'sent', providerMessageId: twilio.messages[0].sid },
    ]);
  });

  it('records the text Twilio took as sent on the next try even when the patient opted out since', async () => {
    const followup = await aText('+15145550164');
    twilio.loseAnswers(1).failLists(1);
    await expect(send.execute({ followupId: followup.id, version: followup.version }, { finalAttempt: false })).rejects.toThrow();
    // The patient got the text and withdrew SMS consent before the try was settled.
    await handle.db.update(patients).set({ consentSms: false }).where(eq(patients.id, followup.patientId));
    const retried = await current(followup.id);

    const outcome = await send.execute({ followupId: retried.id, version: retried.version }, { finalAttempt: false });

    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(twilio.messages).toHaveLength(1);
    expect(await current(followup.id)).toMatchObject({ status: 'sent' });
    expect(await records(followup.id)).toMatchObject([
      { status: 'failed', error: 'econnreset' },
      { status: 'sent', providerMessageId: twilio.messages[0].sid },
    ]);
  });

  it('hands the follow-up back while Twilio cannot be asked, and leaves it dead for staff on the last try, sending nothing', async () => {
    const followup = await aText('+15145550165');
    twilio.loseAnswers(1).failLists(1);
    await expect(send.execute({ followupId: followup.id, version: followup.version }, { finalAttempt: false })).rejects.toThrow();

    twilio.failLists(1);
    const second = await current(followup.id);
    await expect(send.execute({ followupId: second.id, version: second.version }, { finalAttempt: false })).rejects.toThrow();
    expect(await current(followup.id)).toMatchObject({ status: 'scheduled' });

    twilio.failLists(1);
    const last = await current(followup.id);
    await expect(send.execute({ followupId: last.id, version: last.version }, { finalAttempt: true })).rejects.toThrow();
    expect(await current(followup.id)).toMatchObject({ status: 'dead', reason: 'twilio-20503' });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.attempts).toHaveLength(1);
  });

  it('sends again when Twilio answered that it took nothing (a 503)', async () => {
    const followup = await aText('+15145550163');
    twilio.failNext(1, { status: 503, code: 20503, message: 'Service Unavailable' });

    await expect(send.execute({ followupId: followup.id, version: followup.version }, { finalAttempt: false })).rejects.toThrow();
    const retried = await current(followup.id);
    expect(await send.execute({ followupId: retried.id, version: retried.version }, { finalAttempt: false })).toMatchObject({
      status: 'sent',
    });
    expect(twilio.messages).toHaveLength(1);
  });
});
