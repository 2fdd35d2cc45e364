import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PatientRecordsModule } from '@app/care-timeline';
import { consentEvents, type DatabaseHandle, followups, loadConfig, patients, smsSuppressions } from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { aClinic, aFollowup, aPatient, aStep } from '@app/shared/testing/records.js';
import { asc, eq } from 'drizzle-orm';
import { testDatabases } from '../../../test/support/databases.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService, smsSender } from './consent.service.js';

const config = loadConfig({
  NODE_ENV: 'test',
  TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32),
  TWILIO_AUTH_TOKEN: 't',
  TWILIO_FROM: '+15145550000',
});
const PHONE = '+15145550123';

describe.each(testDatabases())('consent changes on $name', (database) => {
  let handle: DatabaseHandle;
  let consent: ConsentService;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
    // The care timeline's own module answers the consent module's requests, as in the notifier.
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule.with(config, handle.db), PatientRecordsModule],
      providers: [ConsentRepository, ConsentService],
    }).compile();
    consent = moduleRef.get(ConsentService);
  });

  afterAll(() => handle.close());

  const flags = async (id: string) => {
    const [row] = await handle.db.select().from(patients).where(eq(patients.id, id));
    return { email: row.consentEmail, sms: row.consentSms };
  };
  const record = async (id: string) =>
    (await handle.db.select().from(consentEvents).where(eq(consentEvents.patientId, id)).orderBy(asc(consentEvents.createdAt))).map(
      (e) => `${e.channel} ${e.granted} ${e.source}`,
    );
  const status = async (id: string) => (await handle.db.select().from(followups).where(eq(followups.id, id)))[0];

  it('STOP suppresses the number and withdraws SMS consent for every patient with it, in every clinic', async () => {
    const riverside = await aClinic(handle.db);
    const lakeside = await aClinic(handle.db, { name: 'Lakeside Physio' });
    const alex = await aPatient(handle.db, riverside, { phone: PHONE });
    const sam = await aPatient(handle.db, lakeside, { phone: PHONE });
    const other = await aPatient(handle.db, riverside, { phone: '+15145550999' });
    const text = await aFollowup(handle.db, alex, { step: aStep({ channel: 'sms' }), channel: 'sms' });
    const email = await aFollowup(handle.db, alex);

    const affected = await consent.optOutPhone(PHONE, smsSender(config), 'sms-stop');

    expect(affected.map((p) => p.id).sort()).toEqual([alex.id, sam.id].sort());
    expect(await flags(alex.id)).toEqual({ email: true, sms: false });
    expect(await flags(sam.id)).toEqual({ email: true, sms: false });
    expect(await flags(other.id)).toEqual({ email: true, sms: true });
    expect(await record(alex.id)).toEqual(['sms false sms-stop']);
    expect(await consent.isSmsSuppressed(PHONE)).toBe(true);
    // Pending texts are skipped at once; the email still goes.
    expect(await status(text.id)).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await status(email.id)).toMatchObject({ status: 'scheduled' });
  });

  it('a second STOP is not a second withdrawal', async () => {
    const clinic = await aClinic(handle.db);
    const alex = await aPatient(handle.db, clinic, { phone: '+15145550124' });
    await consent.optOutPhone('+15145550124', smsSender(config), 'sms-stop');
    await consent.optOutPhone('+15145550124', smsSender(config), 'sms-stop');
    expect(await record(alex.id)).toEqual(['sms false sms-stop']);
  });

  it('START gives back consent STOP took, not consent the clinic withdrew', async () => {
    const clinic = await aClinic(handle.db);
    const phone = '+15145550125';
    const stopped = await aPatient(handle.db, clinic, { phone });
    const refused = await aPatient(handle.db, clinic, { phone, consentSms: false });
    await consent.optOutPhone(phone, smsSender(config), 'sms-stop');

    const restored = await consent.optInPhone(phone, smsSender(config));

    expect(restored.map((p) => p.id)).toEqual([stopped.id]);
    expect(await flags(stopped.id)).toEqual({ email: true, sms: true });
    expect(await flags(refused.id)).toEqual({ email: true, sms: false });
    expect(await record(stopped.id)).toEqual(['sms false sms-stop', 'sms true sms-start']);
    expect(await consent.isSmsSuppressed(phone)).toBe(false);
    expect(await handle.db.select().from(smsSuppressions).where(eq(smsSuppressions.phone, phone))).toEqual([]);
  });

  it("the provider's 21610 withdraws SMS consent like STOP, recorded as the provider's", async () => {
    const clinic = await aClinic(handle.db);
    const alex = await aPatient(handle.db, clinic, { phone: '+15145550126' });
    await consent.providerReportsUnsubscribed('+15145550126');
    expect(await flags(alex.id)).toEqual({ email: true, sms: false });
    expect(await record(alex.id)).toEqual(['sms false provider-21610']);
    expect(await consent.isSmsSuppressed('+15145550126')).toBe(true);
  });

  it('an unsubscribe link stops email to that patient only and skips pending emails', async () => {
    const clinic = await aClinic(handle.db);
    const alex = await aPatient(handle.db, clinic);
    const email = await aFollowup(handle.db, alex);
    expect((await consent.unsubscribeEmail(alex.id))?.id).toBe(alex.id);
    expect(await flags(alex.id)).toEqual({ email: false, sms: true });
    expect(await record(alex.id)).toEqual(['email false unsubscribe-link']);
    expect(await status(email.id)).toMatchObject({ status: 'skipped', reason: 'opted-out' });
    expect(await consent.unsubscribeEmail('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
