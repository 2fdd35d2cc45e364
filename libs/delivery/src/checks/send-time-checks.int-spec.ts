import {
  type CadenceStep,
  type Clinic,
  clinics,
  type DatabaseHandle,
  deliveries,
  type FollowupWithStep,
  followups,
  loadConfig,
  type Patient,
  patients,
} from '@app/shared';
import { eq } from 'drizzle-orm';
import { aCadenceVersion } from '@app/shared/testing/records.js';
import { testDatabases } from '../../../../test/support/databases.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { FrequencyCapCheck } from './frequency-cap.check.js';
import { QuietHoursCheck } from './quiet-hours.check.js';
import type { SendCheckInput } from './send-checks.js';

const aftercare: CadenceStep = {
  key: 'aftercare',
  kind: 'aftercare',
  anchor: 'appointment.completed',
  offset: 'PT2H',
  channel: 'sms',
  template: { en: { subject: 's', email: 'e', sms: 'm' } },
};
const at = (iso: string) => new Date(iso);

// America/Toronto springs forward at 02:00 on 8 March 2026 (EST −5 → EDT −4) and falls back at
// 02:00 on 1 November 2026. Quiet hours are 21:00–08:00 local.
describe.each(testDatabases())('send-time quiet hours and caps with a controlled clock on $name', (database) => {
  let handle: DatabaseHandle;
  let clinic: Clinic;
  let patient: Patient;
  let followup: FollowupWithStep;
  const quiet = new QuietHoursCheck();
  let caps: FrequencyCapCheck;
  let claims: FollowupClaimsRepository;

  beforeAll(async () => {
    handle = await database.open();
    const config = loadConfig({});
    caps = new FrequencyCapCheck(config);
    claims = new FollowupClaimsRepository(handle.db, config);
    [clinic] = await handle.db
      .insert(clinics)
      .values({
        name: 'C',
        timezone: 'America/Toronto',
        email: 'c@c.test',
        quietHours: { start: '21:00', end: '08:00' },
      })
      .returning();
    [patient] = await handle.db
      .insert(patients)
      .values({ clinicId: clinic.id, firstName: 'P', phone: '+15145550111', consentEmail: true, consentSms: true })
      .returning();
    const [row] = await handle.db
      .insert(followups)
      .values({
        clinicId: clinic.id,
        patientId: patient.id,
        anchorKey: 'a',
        stepKey: 'aftercare',
        kind: 'aftercare',
        channel: 'sms',
        cadenceVersionId: await aCadenceVersion(handle.db, clinic.id, [aftercare]),
        sendAt: new Date(),
      })
      .returning();
    followup = { ...row, step: aftercare };
  });
  afterAll(() => handle.close());

  const input = (now: Date, overrides: Partial<SendCheckInput> = {}): SendCheckInput => ({
    followup,
    clinic,
    patient,
    facts: {
      smsSuppressed: false,
      optOutHintSentAt: null,
      sentTimes: { email: [], sms: [] },
      bookedAhead: false,
      smsAnswerLostSince: null,
    },
    channel: 'sms',
    to: patient.phone!,
    now,
    ...overrides,
  });

  /** The input with the messages of the past week as the claiming statement reads them at `now`. */
  async function claimedAt(now: Date, overrides: Partial<SendCheckInput> = {}): Promise<SendCheckInput> {
    await handle.db.update(followups).set({ status: 'scheduled' }).where(eq(followups.id, followup.id));
    const claimed = await claims.claim(followup.id, followup.version, now);
    return input(now, { facts: claimed!.context!.facts, ...overrides });
  }

  async function sentSms(...times: string[]) {
    await handle.db.delete(deliveries);
    for (const [i, time] of times.entries()) {
      await handle.db.insert(deliveries).values({
        clinicId: clinic.id,
        patientId: patient.id,
        followupId: followup.id,
        channel: 'sms',
        to: '+15145550111',
        status: 'sent',
        attempt: i + 1,
        createdAt: at(time),
      });
    }
  }

  describe('quiet hours', () => {
    it('defers a message due at 01:30 on the spring-forward night to 08:00 EDT', async () => {
      expect(await quiet.check(input(at('2026-03-08T06:30:00Z')))).toEqual({ defer: at('2026-03-08T12:00:00Z'), reason: 'quiet-hours' });
    });

    it('defers a message due at 01:30 (the first, EDT) on the fall-back night to 08:00 EST', async () => {
      expect(await quiet.check(input(at('2026-11-01T05:30:00Z')))).toEqual({ defer: at('2026-11-01T13:00:00Z'), reason: 'quiet-hours' });
    });

    it('lets a message go at 08:00 local, and uses the patient zone over the clinic zone', async () => {
      expect(await quiet.check(input(at('2026-03-08T12:00:00Z')))).toBeUndefined();
      // 12:00Z is 04:00 in Vancouver: still quiet for a patient there.
      const westCoast = { ...patient, timezone: 'America/Vancouver' };
      expect(await quiet.check(input(at('2026-03-08T12:00:00Z'), { patient: westCoast }))).toEqual({
        defer: at('2026-03-08T15:00:00Z'),
        reason: 'quiet-hours',
      });
    });

    it('is off with quietHours null, and never holds a booking confirmation', async () => {
      expect(await quiet.check(input(at('2026-03-08T06:30:00Z'), { clinic: { ...clinic, quietHours: null } }))).toBeUndefined();
      const confirmation = { ...followup, step: { ...aftercare, anchor: 'appointment.booked' as CadenceStep['anchor'] } };
      expect(await quiet.check(input(at('2026-03-08T06:30:00Z'), { followup: confirmation }))).toBeUndefined();
    });
  });

  describe('frequency caps (defaults: 1 SMS a day, 3 a week)', () => {
    it('lets the first SMS of the day go', async () => {
      await sentSms('2026-03-06T14:00:00Z');
      expect(await caps.check(await claimedAt(at('2026-03-08T13:00:00Z')))).toBeUndefined();
    });

    it('holds a second SMS until 24 real hours after the first, across the spring-forward night', async () => {
      // 09:00 EST on the 7th; 24 h later is 10:00 EDT on the 8th.
      await sentSms('2026-03-07T14:00:00Z');
      expect(await caps.check(await claimedAt(at('2026-03-08T13:00:00Z')))).toEqual({
        defer: at('2026-03-08T14:00:00Z'),
        reason: 'frequency-cap',
      });
    });

    it('moves a capped message that would land in quiet hours to their end', async () => {
      // Sent at 22:00 EDT on the 8th: 24 h later is 22:00 on the 9th, inside quiet hours, so 08:00 on the 10th.
      await sentSms('2026-03-09T02:00:00Z');
      expect(await caps.check(await claimedAt(at('2026-03-09T20:00:00Z')))).toEqual({
        defer: at('2026-03-10T12:00:00Z'),
        reason: 'frequency-cap',
      });
    });

    it('skips with frequency-cap when the weekly cap would hold it for days', async () => {
      await sentSms('2026-03-05T14:00:00Z', '2026-03-06T14:00:00Z', '2026-03-07T14:00:00Z');
      expect(await caps.check(await claimedAt(at('2026-03-08T15:00:00Z')))).toEqual({ skip: 'frequency-cap' });
    });

    it('skips a reminder the cap would hold past the start of its appointment', async () => {
      await sentSms('2026-03-08T13:00:00Z');
      const reminder = { ...followup, step: { ...aftercare, anchor: 'appointment.start' as const, offset: '-PT2H' } };
      const appointment = { startsAt: at('2026-03-08T18:00:00Z') } as SendCheckInput['appointment'];
      expect(await caps.check(await claimedAt(at('2026-03-08T16:00:00Z'), { followup: reminder, appointment }))).toEqual({
        skip: 'frequency-cap',
      });
    });

    it('does not count email against the SMS cap, and exempts booking confirmations', async () => {
      await sentSms('2026-03-08T13:00:00Z');
      expect(await caps.check(await claimedAt(at('2026-03-08T15:00:00Z'), { channel: 'email', to: 'p@p.test' }))).toBeUndefined();
      const confirmation = { ...followup, step: { ...aftercare, anchor: 'appointment.booked' as CadenceStep['anchor'] } };
      expect(await caps.check(await claimedAt(at('2026-03-08T15:00:00Z'), { followup: confirmation }))).toBeUndefined();
    });
  });
});
