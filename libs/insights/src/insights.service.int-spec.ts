import { Test } from '@nestjs/testing';
import {
  type Clinic,
  clinics,
  consentEvents,
  type DatabaseHandle,
  type Followup,
  inboundMessages,
  insightDays,
  loadConfig,
  type Patient,
  patientAlerts,
  treatmentPlans,
} from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { aClinic, aDelivery, aFollowup, anAppointment, aPatient, aStep } from '@app/shared/testing/records.js';
import { randomUUID } from 'node:crypto';
import { testDatabases } from '../../../test/support/databases.js';
import { InsightsRepository } from './insights.repository.js';
import { foldSteps, InsightsService, weeklyOf } from './insights.service.js';
import { resolvePeriod } from './reporting-period.js';
import { asc, eq } from 'drizzle-orm';

const DAY = 86_400_000;
// Monday 2 November 2026, 10:00 in Toronto: the aftercare went out to ten patients.
const AFTERCARE_SENT = new Date('2026-11-02T15:00:00Z');
// Thursday 12 November: the check-ins went out and were answered.
const CHECKIN_SENT = new Date('2026-11-12T15:00:00Z');
const NOVEMBER = { from: '2026-11-01', to: '2026-11-21' };
// Today, for every test: the 23rd. Days up to the 7th are settled (16 days or more ago) and kept by
// any answer; a test asking on the real date would keep more of them as the calendar moves on.
const NOW = new Date('2026-11-23T17:00:00Z');
const after = (at: Date, days: number) => new Date(at.getTime() + days * DAY);

const aftercare = aStep({ key: 'aftercare', kind: 'aftercare', channel: 'sms' });
const checkin = aStep({ key: 'checkin-day-10', kind: 'checkin', offset: 'P10D', channel: 'sms' });
const rebook = aStep({ key: 'rebook-nudge', kind: 'rebook', offset: 'P20D', channel: 'email' });

describe.each(testDatabases())('care outcomes on $name', (database) => {
  let handle: DatabaseHandle;
  let insights: InsightsService;
  let repository: InsightsRepository;
  let clinic: Clinic;
  let otherClinic: Clinic;

  /** A patient after a completed massage, booked well before any follow-up went out. */
  async function treatedPatient(owner: Clinic, n: number): Promise<{ patient: Patient; visit: string }> {
    const patient = await aPatient(handle.db, owner, { firstName: `Patient ${n}`, phone: `+1514555${String(1000 + n)}` });
    const visit = await anAppointment(handle.db, patient, {
      status: 'completed',
      startsAt: after(AFTERCARE_SENT, -0.2),
      createdAt: after(AFTERCARE_SENT, -14),
    });
    return { patient, visit: visit.id };
  }

  async function sent(
    patient: Patient,
    visit: string,
    step = aftercare,
    at = AFTERCARE_SENT,
    delivered = false,
    channel = step.channel === 'both' ? 'email' : step.channel,
    anchorKey = `completed:${visit}`,
  ): Promise<Followup> {
    const followup = await aFollowup(handle.db, patient, {
      appointmentId: visit,
      anchorKey,
      step,
      stepKey: step.key,
      kind: step.kind,
      channel,
      sendAt: at,
      sentAt: at,
      status: 'sent',
    });
    // The delivery record is written as the send starts, a moment before the follow-up is marked sent.
    await aDelivery(handle.db, followup, followup.channel === 'sms' ? patient.phone! : patient.email!, {
      status: delivered ? 'delivered' : 'sent',
      createdAt: new Date(at.getTime() - 1000),
    });
    return followup;
  }

  const booksAgain = (patient: Patient, at: Date) => anAppointment(handle.db, patient, { createdAt: at, startsAt: after(at, 5) });

  async function reply(patient: Patient, followup: Followup, body: string, intent: 'checkin-score' | 'opt-out', at: Date, score?: number) {
    const [row] = await handle.db
      .insert(inboundMessages)
      .values({
        providerMessageId: `SM${randomUUID().replace(/-/g, '')}`,
        clinicId: patient.clinicId,
        patientId: patient.id,
        followupId: followup.id,
        from: patient.phone!,
        sender: '+15145550100',
        body,
        intent,
        score,
        status: 'handled',
        createdAt: at,
      })
      .returning();
    return row;
  }

  beforeAll(async () => {
    handle = await database.open();
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule.with(loadConfig({ NODE_ENV: 'test' }), handle.db)],
      providers: [InsightsRepository, InsightsService],
    }).compile();
    insights = moduleRef.get(InsightsService);
    repository = moduleRef.get(InsightsRepository);
    clinic = await aClinic(handle.db, { timezone: 'America/Toronto' });
    otherClinic = await aClinic(handle.db, { name: 'Other Clinic', timezone: 'America/Toronto' });

    // Ten patients receive aftercare by text; six are confirmed delivered by the provider.
    const treated = [];
    for (let n = 0; n < 10; n++) {
      const { patient, visit } = await treatedPatient(clinic, n);
      treated.push({ patient, visit, aftercare: await sent(patient, visit, aftercare, AFTERCARE_SENT, n < 6) });
    }
    // Four book again within a week, one after ten days, one only after three weeks.
    for (const { patient } of treated.slice(0, 4)) await booksAgain(patient, after(AFTERCARE_SENT, 2));
    await booksAgain(treated[4].patient, after(AFTERCARE_SENT, 10));
    await booksAgain(treated[5].patient, after(AFTERCARE_SENT, 21));
    // One texts STOP the next day; another withdraws email, a channel the aftercare did not use.
    const stopping = treated[6];
    await reply(stopping.patient, stopping.aftercare, 'STOP', 'opt-out', after(AFTERCARE_SENT, 1));
    await handle.db.insert(consentEvents).values([
      {
        clinicId: clinic.id,
        patientId: stopping.patient.id,
        channel: 'sms',
        granted: false,
        source: 'sms-stop',
        createdAt: after(AFTERCARE_SENT, 1),
      },
      {
        clinicId: clinic.id,
        patientId: treated[7].patient.id,
        channel: 'email',
        granted: false,
        source: 'api',
        createdAt: after(AFTERCARE_SENT, 1),
      },
    ]);

    // Aftercare that did not go out: skipped by send-time checks, and one that failed for good.
    const { patient: late, visit: lateVisit } = await treatedPatient(clinic, 10);
    for (const [status, reason] of [
      ['skipped', 'opted-out'],
      ['skipped', 'opted-out'],
      ['skipped', 'rebooked'],
      ['dead', 'provider refused'],
    ] as const) {
      await aFollowup(handle.db, late, {
        appointmentId: lateVisit,
        step: aftercare,
        channel: 'sms',
        sendAt: AFTERCARE_SENT,
        status,
        reason,
      });
    }

    // Two check-ins answered 2 and 5; the 5 raised a flare-up alert.
    for (const [i, score] of [
      [0, 2],
      [1, 5],
    ]) {
      const { patient, visit } = treated[i];
      const followup = await sent(patient, visit, checkin, CHECKIN_SENT);
      const answer = await reply(patient, followup, String(score), 'checkin-score', after(CHECKIN_SENT, 0.1), score);
      if (score === 5) {
        await handle.db.insert(patientAlerts).values({
          clinicId: clinic.id,
          patientId: patient.id,
          kind: 'flare-up',
          score,
          inboundMessageId: answer.id,
          createdAt: answer.createdAt,
        });
      }
    }

    // The period's edges are the clinic's midnights: 22:00 on the 21st in Toronto is in, 23:00
    // on 31 October is out, and so is a send long before the period.
    await sent(treated[8].patient, treated[8].visit, rebook, new Date('2026-11-22T03:00:00Z'));
    await sent(treated[9].patient, treated[9].visit, rebook, new Date('2026-11-01T03:00:00Z'));
    await sent(treated[9].patient, treated[9].visit, aftercare, new Date('2026-09-01T15:00:00Z'), false, 'sms', 'completed:summer-visit');

    // Treatment plans: one completed and one cancelled in November.
    await handle.db.insert(treatmentPlans).values([
      {
        clinicId: clinic.id,
        patientId: treated[0].patient.id,
        serviceType: 'medical-massage',
        sessions: 4,
        intervalDays: 7,
        startsAt: after(AFTERCARE_SENT, -30),
        status: 'completed',
        completedAt: after(AFTERCARE_SENT, 3),
      },
      {
        clinicId: clinic.id,
        patientId: treated[1].patient.id,
        serviceType: 'medical-massage',
        sessions: 6,
        intervalDays: 7,
        startsAt: after(AFTERCARE_SENT, 1),
        status: 'cancelled',
        cancelledAt: after(AFTERCARE_SENT, 8),
      },
    ]);

    // Another clinic whose patient books again right after its aftercare, sent by email and by
    // text (one follow-up per channel), in the same weeks.
    const { patient: theirs, visit: theirVisit } = await treatedPatient(otherClinic, 50);
    const both = aStep({ key: 'aftercare', channel: 'both' });
    await sent(theirs, theirVisit, both, AFTERCARE_SENT, false, 'email');
    await sent(theirs, theirVisit, both, AFTERCARE_SENT, false, 'sms');
    await booksAgain(theirs, after(AFTERCARE_SENT, 1));
  });

  afterAll(() => handle.close());

  it('shows what the aftercare achieved: sent 10, 4 booked within a week, 5 within two, 1 opted out', async () => {
    const answer = await insights.forClinic(clinic, NOVEMBER, NOW);
    expect(answer.steps.find((s) => s.stepKey === 'aftercare')).toEqual({
      serviceType: 'medical-massage',
      stepKey: 'aftercare',
      kind: 'aftercare',
      planned: 14,
      sent: 10,
      delivered: 6,
      failed: 1,
      skipped: 3,
      skippedByReason: { 'opted-out': 2, rebooked: 1 },
      optedOutAfter: 1,
      replies: 1,
      bookedAfter: { within7d: 4, within14d: 5 },
      conversion7d: 0.4,
    });
  });

  it('counts check-in scores, the flare-up alert, the check-in step and the plans', async () => {
    const answer = await insights.forClinic(clinic, NOVEMBER, NOW);
    expect(answer.checkins).toEqual({ replies: 2, scores: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
    expect(answer.alerts.raised).toBe(1);
    expect(answer.steps.find((s) => s.stepKey === 'checkin-day-10')).toMatchObject({ sent: 2, replies: 2, bookedAfter: { within7d: 0 } });
    expect(answer.plans).toEqual({ started: 1, completed: 1, cancelled: 1, completionRate: 0.5 });
  });

  it('takes the period in the clinic’s time zone and charts every week of it', async () => {
    const answer = await insights.forClinic(clinic, NOVEMBER, NOW);
    expect(answer).toMatchObject({ from: '2026-11-01', to: '2026-11-21' });
    expect(answer.steps.find((s) => s.stepKey === 'rebook-nudge')).toMatchObject({ planned: 1, sent: 1 });
    expect(answer.weekly).toEqual([
      { weekStart: '2026-10-26', sent: 0, bookedAfter7d: 0, optedOut: 0 },
      { weekStart: '2026-11-02', sent: 10, bookedAfter7d: 4, optedOut: 1 },
      { weekStart: '2026-11-09', sent: 2, bookedAfter7d: 0, optedOut: 0 },
      { weekStart: '2026-11-16', sent: 1, bookedAfter7d: 0, optedOut: 0 },
    ]);
  });

  it('never shows another clinic’s records, and shows that clinic only its own', async () => {
    const theirs = await insights.forClinic(otherClinic, NOVEMBER, NOW);
    // Sent by email and by text: one follow-up for the patient, counted once.
    expect(theirs.steps).toEqual([
      expect.objectContaining({ stepKey: 'aftercare', planned: 1, sent: 1, bookedAfter: { within7d: 1, within14d: 1 }, conversion7d: 1 }),
    ]);
    expect(theirs.checkins.replies).toBe(0);
    expect(theirs.alerts.raised).toBe(0);
    expect(theirs.plans.started).toBe(0);
  });

  it('narrows everything to one service type', async () => {
    const acupuncture = await insights.forClinic(clinic, { ...NOVEMBER, serviceType: 'acupuncture' }, NOW);
    expect(acupuncture).toMatchObject({
      steps: [],
      checkins: { replies: 0 },
      alerts: { raised: 0 },
      plans: { started: 0, completionRate: null },
    });
    expect(acupuncture.weekly.map((w) => w.sent)).toEqual([0, 0, 0, 0]);
    const massage = await insights.forClinic(clinic, { ...NOVEMBER, serviceType: 'medical-massage' }, NOW);
    expect(massage.steps.map((s) => s.sent)).toEqual([10, 2, 1]);
    expect(massage.alerts.raised).toBe(1);
  });

  describe('settled days, kept', () => {
    const keptDays = async (owner: Clinic) =>
      handle.db.select().from(insightDays).where(eq(insightDays.clinicId, owner.id)).orderBy(asc(insightDays.day));

    it('counts the settled days of a period once, keeps every one of them, and answers as the records do', async () => {
      const answer = await insights.forClinic(clinic, NOVEMBER, NOW);
      const kept = await keptDays(clinic);
      expect(kept.map((row) => row.day)).toEqual([
        '2026-11-01',
        '2026-11-02',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
        '2026-11-07',
      ]);
      expect(kept.every((row) => row.zone === 'America/Toronto')).toBe(true);
      // The aftercare went out on the 2nd; the day of the rebook nudge sent at 23:00 on the 31st
      // (Toronto) is the 31st, outside the period; the other days are kept empty.
      expect(kept.find((row) => row.day === '2026-11-02')?.steps).toContainEqual(
        expect.objectContaining({ stepKey: 'aftercare', sent: 10, bookedWithin7d: 4, bookedWithin14d: 5, optedOut: [expect.any(String)] }),
      );
      expect(kept.filter((row) => row.steps.length === 0).map((row) => row.day)).toEqual([
        '2026-11-01',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
        '2026-11-07',
      ]);

      // The same answer counted from the records alone.
      const resolved = resolvePeriod(NOVEMBER, clinic.timezone, NOW);
      if (!('period' in resolved)) throw new Error('no period');
      const scope = { clinicId: clinic.id, zone: clinic.timezone, period: resolved.period };
      const live = await insights.outcomes(scope, NOW, { live: true });
      expect(answer.steps).toEqual(foldSteps(live.days, live.replies));
      expect(answer.weekly).toEqual(weeklyOf(resolved.period, live.days));
      expect(await insights.forClinic(clinic, NOVEMBER, NOW)).toEqual(answer);
    });

    it('still counts a reply that came after its day was kept', async () => {
      const owner = await aClinic(handle.db, { name: 'Late Reply Clinic', timezone: 'America/Toronto' });
      const { patient, visit } = await treatedPatient(owner, 70);
      const october = new Date('2026-10-05T15:00:00Z');
      const followup = await sent(patient, visit, checkin, october);
      const period = { from: '2026-10-01', to: '2026-10-31' };
      const before = await insights.forClinic(owner, period, NOW);
      expect(before.steps).toEqual([expect.objectContaining({ stepKey: 'checkin-day-10', sent: 1, replies: 0 })]);
      expect(await keptDays(owner)).toHaveLength(31);

      await reply(patient, followup, '3', 'checkin-score', new Date('2026-11-20T15:00:00Z'), 3);

      const after = await insights.forClinic(owner, period, NOW);
      expect(after.steps).toEqual([expect.objectContaining({ stepKey: 'checkin-day-10', sent: 1, replies: 1 })]);
    });

    it('counts a clinic’s days once when answers for them arrive together', async () => {
      const owner = await aClinic(handle.db, { name: 'Busy Clinic', timezone: 'America/Toronto' });
      const { patient, visit } = await treatedPatient(owner, 72);
      await sent(patient, visit, aftercare, new Date('2026-09-15T15:00:00Z'));
      const counted: number[] = [];
      const keep = repository.keepSettledDays.bind(repository);
      repository.keepSettledDays = async (...args) => {
        const days = await keep(...args);
        counted.push(days);
        return days;
      };
      try {
        const period = { from: '2026-09-01', to: '2026-10-31' };
        const answers = await Promise.all([1, 2, 3].map(() => insights.forClinic(owner, period, NOW)));
        expect(answers[1]).toEqual(answers[0]);
        expect(answers[2]).toEqual(answers[0]);
        expect(answers[0].steps).toEqual([expect.objectContaining({ stepKey: 'aftercare', sent: 1 })]);
        expect(counted.sort((a, b) => b - a)).toEqual([61, 0, 0]);
      } finally {
        repository.keepSettledDays = keep;
      }
    });

    it('counts a step sent by email one day and by text the next once, wherever the settled days end', async () => {
      const owner = await aClinic(handle.db, { name: 'Two Channel Clinic', timezone: 'America/Toronto' });
      const { patient, visit } = await treatedPatient(owner, 73);
      const both = aStep({ key: 'aftercare', channel: 'both' });
      // The email at 19:00 on 5 October (Toronto); the text, deferred, at 09:00 on the 6th.
      await sent(patient, visit, both, new Date('2026-10-05T23:00:00Z'), false, 'email');
      await sent(patient, visit, both, new Date('2026-10-06T13:00:00Z'), false, 'sms');
      await booksAgain(patient, new Date('2026-10-08T15:00:00Z'));
      const period = { from: '2026-10-01', to: '2026-10-10' };
      const once = expect.objectContaining({ stepKey: 'aftercare', planned: 1, sent: 1, bookedAfter: { within7d: 1, within14d: 1 } });
      // The 5th settled and the 6th not yet; then both settled, the 6th kept on its own.
      for (const now of [new Date('2026-10-21T17:00:00Z'), new Date('2026-10-22T17:00:00Z'), NOW]) {
        const answer = await insights.forClinic(owner, period, now);
        expect(answer.steps).toEqual([once]);
        expect(answer.weekly.map((week) => [week.weekStart, week.sent])).toEqual([
          ['2026-09-28', 0],
          ['2026-10-05', 1],
        ]);
      }
    });

    it('counts the days again in the clinic’s new time zone', async () => {
      const owner = await aClinic(handle.db, { name: 'Moving Clinic', timezone: 'America/Toronto' });
      const { patient, visit } = await treatedPatient(owner, 71);
      // 02:00 UTC on the 6th: the 5th in Toronto, the 6th in Paris.
      await sent(patient, visit, aftercare, new Date('2026-10-06T02:00:00Z'));
      const period = { from: '2026-10-05', to: '2026-10-06' };
      const inToronto = await insights.forClinic(owner, period, NOW);
      expect(inToronto.weekly).toEqual([{ weekStart: '2026-10-05', sent: 1, bookedAfter7d: 0, optedOut: 0 }]);
      expect((await keptDays(owner)).map((row) => [row.day, row.zone, row.steps.length])).toEqual([
        ['2026-10-05', 'America/Toronto', 1],
        ['2026-10-06', 'America/Toronto', 0],
      ]);

      const [moved] = await handle.db.update(clinics).set({ timezone: 'Europe/Paris' }).where(eq(clinics.id, owner.id)).returning();
      await insights.forClinic(moved, period, NOW);
      expect((await keptDays(owner)).map((row) => [row.day, row.zone, row.steps.length])).toEqual([
        ['2026-10-05', 'Europe/Paris', 0],
        ['2026-10-06', 'Europe/Paris', 1],
      ]);
    });
  });

  it('answers only counts: no name, phone number or email of a patient', async () => {
    const text = JSON.stringify(await insights.forClinic(clinic, NOVEMBER, NOW));
    expect(text).not.toMatch(/Patient \d|\+1514|@patients\.test/);
  });
});
