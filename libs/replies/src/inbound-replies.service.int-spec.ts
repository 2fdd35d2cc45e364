import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PatientRecordsModule } from '@app/care-timeline';
import { ConsentModule } from '@app/consent';
import {
  appointments,
  type Clinic,
  type DatabaseHandle,
  type InboundMessage,
  inboundMessages,
  loadConfig,
  type Patient,
  patients,
} from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { aClinic, aDelivery, aFollowup, anAppointment, aPatient, aStep } from '@app/shared/testing/records.js';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../test/support/databases.js';
import { FlareUpAlertService } from './flare-up-alert.service.js';
import { InboundRepliesService } from './inbound-replies.service.js';
import { RepliesRepository } from './replies.repository.js';

const config = loadConfig({
  NODE_ENV: 'test',
  TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32),
  TWILIO_AUTH_TOKEN: 't',
  TWILIO_FROM: '+15145550000',
});
const SENDER = '+15145550000';

/** Stands in for the clinic's alert email and the scheduler's queue: records what was raised. */
class RaisedFlareUps {
  readonly raised: { patientId: string; score: number }[] = [];
  async raise(_clinic: Clinic, patient: Patient, _reply: InboundMessage, score: number): Promise<void> {
    this.raised.push({ patientId: patient.id, score });
  }
}

describe.each(testDatabases())('what a patient’s text does, on $name', (database) => {
  let handle: DatabaseHandle;
  let replies: InboundRepliesService;
  let flareUps: RaisedFlareUps;
  let n = 0;
  const text = (from: string, body: string) => replies.receive({ MessageSid: `SM-test-${++n}`, From: from, To: SENDER, Body: body });
  const stored = async (from: string) => (await handle.db.select().from(inboundMessages).where(eq(inboundMessages.from, from)))[0];

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    handle = await database.open();
    flareUps = new RaisedFlareUps();
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule.with(config, handle.db), ConsentModule, PatientRecordsModule],
      providers: [RepliesRepository, InboundRepliesService, { provide: FlareUpAlertService, useValue: flareUps }],
    }).compile();
    replies = moduleRef.get(InboundRepliesService);
  });

  afterAll(() => handle.close());

  /** A patient we texted a step of `kind` a minute ago. */
  async function texted(phone: string, kind: 'checkin' | 'reminder', clinicOverrides = {}) {
    const clinic = await aClinic(handle.db, clinicOverrides);
    const patient = await aPatient(handle.db, clinic, { phone });
    const appointment = await anAppointment(handle.db, patient);
    const followup = await aFollowup(handle.db, patient, {
      appointmentId: appointment.id,
      step: aStep({ key: kind, kind, anchor: kind === 'reminder' ? 'appointment.start' : 'appointment.completed', channel: 'sms' }),
      channel: 'sms',
      status: 'sent',
    });
    await aDelivery(handle.db, followup, phone);
    return { clinic, patient, appointment, followup };
  }

  it('STOP withdraws SMS consent, answers once with the clinic’s name, and a provider retry does nothing', async () => {
    const { patient } = await texted('+15145550201', 'reminder');
    const answer = await replies.receive({ MessageSid: 'SM-stop-1', From: '+15145550201', To: SENDER, Body: ' Stop. ' });
    expect(answer).toBe('Riverside Massage: You are unsubscribed and will receive no more texts from us. Reply START to resubscribe.');
    const [row] = await handle.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(row.consentSms).toBe(false);
    expect(await replies.receive({ MessageSid: 'SM-stop-1', From: '+15145550201', To: SENDER, Body: 'STOP' })).toBeUndefined();
    expect(await stored('+15145550201')).toMatchObject({ intent: 'opt-out', status: 'handled', patientId: patient.id });
  });

  it('a score at or above the clinic’s threshold after a check-in raises a flare-up and offers a visit', async () => {
    const { patient } = await texted('+15145550202', 'checkin', { flareUpThreshold: 4 });
    expect(await text('+15145550202', '4')).toBe(
      'Riverside Massage: Thank you, Alex. We would like to see you: call (514) 555-0100 to book a visit.',
    );
    expect(flareUps.raised).toContainEqual({ patientId: patient.id, score: 4 });
    expect(await stored('+15145550202')).toMatchObject({ intent: 'checkin-score', score: 4, status: 'handled' });
  });

  it('a low score is thanked and raises nothing', async () => {
    const { patient } = await texted('+15145550203', 'checkin', { flareUpThreshold: 4 });
    expect(await text('+15145550203', '2')).toBe('Riverside Massage: Thank you, Alex. If anything changes, call us at (514) 555-0100.');
    expect(flareUps.raised.map((r) => r.patientId)).not.toContain(patient.id);
  });

  it('YES after a reminder confirms the appointment through the care timeline', async () => {
    const { appointment } = await texted('+15145550204', 'reminder');
    expect(await text('+15145550204', 'yes!')).toMatch(/^Riverside Massage: Thank you, your appointment on .+ is confirmed\.$/);
    const [row] = await handle.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row.confirmedAt).toBeInstanceOf(Date);
  });

  it('YES with no reminder to answer, or anything else, is kept unread for staff without an answer', async () => {
    const { patient } = await texted('+15145550205', 'checkin');
    expect(await text('+15145550205', 'Can I come on Friday instead?')).toBeUndefined();
    expect(await stored('+15145550205')).toMatchObject({ intent: 'unrecognised', status: 'unread', patientId: patient.id });
    expect(await text('+15145550205', 'YES')).toBeUndefined();
  });

  it('refuses a webhook without the fields every Twilio message has', async () => {
    await expect(replies.receive({ From: '+15145550206', Body: 'STOP' })).rejects.toThrow('MessageSid, From and To are required');
  });
});
