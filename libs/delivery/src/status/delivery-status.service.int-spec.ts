import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConsentModule } from '@app/consent';
import { type DatabaseHandle, deliveries, earlyStatusReports, loadConfig } from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { aClinic, aDelivery, aFollowup, aPatient, aStep } from '@app/shared/testing/records.js';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { tempDir } from '../../../../test/support/services.js';
import { DeliveryStatusRepository } from './delivery-status.repository.js';
import { DeliveryStatusService } from './delivery-status.service.js';

describe.each(testDatabases())('status callbacks that come before their delivery record, on $name', (database) => {
  let handle: DatabaseHandle;
  let statuses: DeliveryStatusService;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tempDir() });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule.with(config, handle.db), ConsentModule],
      providers: [DeliveryStatusRepository, DeliveryStatusService],
    }).compile();
    statuses = moduleRef.get(DeliveryStatusService);
  });
  afterAll(() => handle.close());

  const kept = (sid: string) => handle.db.select().from(earlyStatusReports).where(eq(earlyStatusReports.providerMessageId, sid));
  const record = async (id: string) => (await handle.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];

  it('keeps a report for an unknown message and applies it, in order, once the record names the message', async () => {
    const sid = `SM${'a'.repeat(30)}`;
    await statuses.apply({ MessageSid: sid, MessageStatus: 'sent' });
    await statuses.apply({ MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' });
    expect((await kept(sid)).map((report) => [report.status, report.errorCode]).sort()).toEqual([
      ['sent', null],
      ['undelivered', '30003'],
    ]);
    // Nothing to apply while no record holds the id.
    expect(await statuses.applyEarly()).toEqual({ applied: 0, expired: 0 });

    const patient = await aPatient(handle.db, await aClinic(handle.db), { phone: '+15145550199' });
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });
    const delivery = await aDelivery(handle.db, followup, '+15145550199', { status: 'sent', providerMessageId: sid });

    expect(await statuses.applyEarly()).toEqual({ applied: 2, expired: 0 });
    expect(await record(delivery.id)).toMatchObject({ status: 'undelivered', error: 'twilio-30003' });
    expect(await kept(sid)).toEqual([]);
  });

  it('drops a report no record took within a day', async () => {
    const sid = `SM${'b'.repeat(30)}`;
    await statuses.apply({ MessageSid: sid, MessageStatus: 'delivered' });
    await handle.db
      .update(earlyStatusReports)
      .set({ receivedAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(earlyStatusReports.providerMessageId, sid));
    expect(await statuses.applyEarly()).toEqual({ applied: 0, expired: 1 });
    expect(await kept(sid)).toEqual([]);
  });

  it('applies a report for a known message at once, keeping nothing', async () => {
    const sid = `SM${'c'.repeat(30)}`;
    const patient = await aPatient(handle.db, await aClinic(handle.db), { phone: '+15145550198' });
    const followup = await aFollowup(handle.db, patient, { step: aStep({ channel: 'sms' }), channel: 'sms' });
    const delivery = await aDelivery(handle.db, followup, '+15145550198', { status: 'sent', providerMessageId: sid });
    await statuses.apply({ MessageSid: sid, MessageStatus: 'delivered' });
    expect(await record(delivery.id)).toMatchObject({ status: 'delivered' });
    expect(await kept(sid)).toEqual([]);
  });
});
