import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { type Appointment, type Clinic, type DatabaseHandle, followups, loadConfig, type Patient } from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { aClinic, anAppointment, aPatient, aStep } from '@app/shared/testing/records.js';
import { asc, eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { CadenceVersionsRepository } from '../cadences/cadence-versions.repository.js';
import { type QueuedFollowup, FollowupQueueRepository } from './followup-queue.repository.js';
import { FollowupsRepository } from './followups.repository.js';
import { FollowupsService, planContext, startAnchorKey } from './followups.service.js';

const HOUR = 3600_000;
const reminderByEmail = aStep({ key: 'reminder-email', kind: 'reminder', anchor: 'appointment.start', offset: '-P1D', channel: 'email' });
const reminderBySms = aStep({ key: 'reminder-sms', kind: 'reminder', anchor: 'appointment.start', offset: '-PT2H', channel: 'sms' });
const aftercare = aStep({ key: 'aftercare', anchor: 'appointment.completed', offset: 'PT2H', channel: 'both' });
const steps = [reminderByEmail, reminderBySms, aftercare];

/** What planning asked the queue to do: BullMQ jobs keyed by follow-up id and version. */
class PublishedJobs {
  readonly added: string[] = [];
  readonly removed: string[] = [];
  async apply(change: { toRemove: { id: string; version: number }[]; toEnqueue: QueuedFollowup[] }): Promise<void> {
    this.removed.push(...change.toRemove.map((r) => `${r.id}@v${r.version}`));
    this.added.push(...change.toEnqueue.map((r) => `${r.id}@v${r.version}`));
  }
}

describe.each(testDatabases())('planning and publishing follow-ups on $name', (database) => {
  let handle: DatabaseHandle;
  let planning: FollowupsService;
  let jobs: PublishedJobs;
  let clinic: Clinic;
  let patient: Patient;

  beforeAll(async () => {
    handle = await database.open();
    const moduleRef = await Test.createTestingModule({
      imports: [TestCoreModule.with(loadConfig({ NODE_ENV: 'test' }), handle.db)],
      providers: [
        FollowupsRepository,
        CadenceVersionsRepository,
        FollowupsService,
        { provide: FollowupQueueRepository, useClass: PublishedJobs },
      ],
    }).compile();
    planning = moduleRef.get(FollowupsService);
    jobs = moduleRef.get<FollowupQueueRepository, PublishedJobs>(FollowupQueueRepository);
    clinic = await aClinic(handle.db);
    patient = await aPatient(handle.db, clinic);
  });

  afterAll(() => handle.close());

  beforeEach(() => {
    jobs.added.length = 0;
    jobs.removed.length = 0;
  });

  const rowsOf = (appointment: Appointment) =>
    handle.db.select().from(followups).where(eq(followups.appointmentId, appointment.id)).orderBy(asc(followups.stepKey));

  const book = (appointment: Appointment) =>
    planning.inTransaction((tx, change) =>
      planning.planForAppointment(tx, change, {
        clinic,
        patient,
        appointment,
        steps,
        event: { anchor: 'appointment.start', at: appointment.startsAt, key: startAnchorKey(appointment.id) },
      }),
    );

  it('plans the steps hanging on the anchor and publishes a job for each one to send', async () => {
    const appointment = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await book(appointment);
    const rows = await rowsOf(appointment);
    expect(rows.map((r) => [r.stepKey, r.channel, r.status, r.sendAt.getTime()])).toEqual([
      ['reminder-email', 'email', 'scheduled', appointment.startsAt.getTime() - 24 * HOUR],
      ['reminder-sms', 'sms', 'scheduled', appointment.startsAt.getTime() - 2 * HOUR],
    ]);
    expect(jobs.added.sort()).toEqual(rows.map((r) => `${r.id}@v1`).sort());
  });

  it('records a reminder that is already too late as skipped, and publishes no job for it', async () => {
    const appointment = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 5 * HOUR) });
    await book(appointment);
    const rows = await rowsOf(appointment);
    expect(rows.map((r) => [r.stepKey, r.status, r.reason])).toEqual([
      ['reminder-email', 'skipped', 'too-late'],
      ['reminder-sms', 'scheduled', null],
    ]);
    expect(jobs.added).toEqual([`${rows[1].id}@v1`]);
  });

  it('plans the same occurrence once, however often it is planned', async () => {
    const appointment = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await book(appointment);
    jobs.added.length = 0;
    await book(appointment);
    expect(await rowsOf(appointment)).toHaveLength(2);
    expect(jobs.added).toEqual([]);
  });

  it('plans a batch of bookings as it plans each one: same rows, a job for each one to send, a booking planned before left alone', async () => {
    const soon = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + HOUR) });
    const later = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    const bookAll = () =>
      planning.inTransaction((tx, change) =>
        planning.planForAppointments(
          tx,
          change,
          [soon, later].map((appointment) => ({
            clinic,
            patient,
            appointment,
            steps,
            events: [{ anchor: 'appointment.start' as const, at: appointment.startsAt, key: startAnchorKey(appointment.id) }],
          })),
        ),
      );
    await bookAll();
    const [soonRows, laterRows] = [await rowsOf(soon), await rowsOf(later)];
    // An hour ahead, the day-before reminder is already too late; the 2-hours-before one too.
    expect(soonRows.map((r) => [r.stepKey, r.status, r.reason !== null])).toEqual([
      ['reminder-email', 'skipped', true],
      ['reminder-sms', 'skipped', true],
    ]);
    expect(laterRows.map((r) => [r.stepKey, r.channel, r.status, r.sendAt.getTime(), r.planId, r.version])).toEqual([
      ['reminder-email', 'email', 'scheduled', later.startsAt.getTime() - 24 * HOUR, null, 1],
      ['reminder-sms', 'sms', 'scheduled', later.startsAt.getTime() - 2 * HOUR, null, 1],
    ]);
    expect(new Set([...soonRows, ...laterRows].map((r) => r.cadenceVersionId)).size).toBe(1);
    expect(jobs.added.sort()).toEqual(laterRows.map((r) => `${r.id}@v1`).sort());
    jobs.added.length = 0;
    await bookAll();
    expect([...(await rowsOf(soon)), ...(await rowsOf(later))]).toHaveLength(4);
    expect(jobs.added).toEqual([]);
  });

  it('moves pending reminders with a rescheduled visit: new time, new version, the old job withdrawn', async () => {
    const appointment = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await book(appointment);
    const before = await rowsOf(appointment);
    jobs.added.length = 0;
    const startsAt = new Date(appointment.startsAt.getTime() + 86_400_000);
    await planning.inTransaction((tx, change) =>
      planning.moveAnchor(
        tx,
        change,
        { anchor: 'appointment.start', at: startsAt, key: startAnchorKey(appointment.id) },
        planContext(clinic, patient),
      ),
    );
    const after = await rowsOf(appointment);
    expect(after.map((r) => [r.version, r.sendAt.getTime()])).toEqual([
      [2, startsAt.getTime() - 24 * HOUR],
      [2, startsAt.getTime() - 2 * HOUR],
    ]);
    expect(jobs.removed.sort()).toEqual(before.map((r) => `${r.id}@v1`).sort());
    expect(jobs.added.sort()).toEqual(after.map((r) => `${r.id}@v2`).sort());
  });

  it('cancels what has not started and leaves a follow-up being sent alone', async () => {
    const appointment = await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await book(appointment);
    const [email, sms] = await rowsOf(appointment);
    await handle.db.update(followups).set({ status: 'sending' }).where(eq(followups.id, sms.id));
    await planning.inTransaction((tx, change) => planning.cancelForAppointment(tx, change, appointment.id, 'appointment-cancelled'));
    const rows = await rowsOf(appointment);
    expect(rows.map((r) => [r.stepKey, r.status, r.reason])).toEqual([
      ['reminder-email', 'cancelled', 'appointment-cancelled'],
      ['reminder-sms', 'sending', null],
    ]);
    expect(jobs.removed).toEqual([`${email.id}@v1`]);
  });

  it('lists follow-ups by each filter and their combinations, page after page, the same on every call', async () => {
    const other = await aPatient(handle.db, clinic);
    const visits = [
      await anAppointment(handle.db, patient, { startsAt: new Date(Date.now() + 4 * 86_400_000) }),
      await anAppointment(handle.db, other, { startsAt: new Date(Date.now() + 5 * 86_400_000) }),
    ];
    for (const visit of visits) {
      await planning.inTransaction((tx, change) =>
        planning.planForAppointment(tx, change, {
          clinic,
          patient: visit.patientId === patient.id ? patient : other,
          appointment: visit,
          steps,
          event: { anchor: 'appointment.start', at: visit.startsAt, key: startAnchorKey(visit.id) },
        }),
      );
    }
    const [, otherSms] = await rowsOf(visits[1]);
    await handle.db.update(followups).set({ status: 'dead' }).where(eq(followups.id, otherSms.id));
    const repository = new FollowupsRepository(handle.db);
    const all = await handle.db
      .select()
      .from(followups)
      .where(eq(followups.clinicId, clinic.id))
      .orderBy(asc(followups.createdAt), asc(followups.id));
    const expected = (keep: (row: (typeof all)[number]) => boolean) => all.filter(keep).map((r) => r.id);
    const ids = async (...args: Parameters<FollowupsRepository['list']>) => (await repository.list(...args)).map((r) => r.id);

    // Twice each: the second call runs the statement prepared by the first.
    for (let round = 0; round < 2; round++) {
      expect(await ids({ clinicId: clinic.id }, 100)).toEqual(expected(() => true));
      expect(await ids({ clinicId: clinic.id, patientId: other.id }, 100)).toEqual(expected((r) => r.patientId === other.id));
      expect(await ids({ clinicId: clinic.id, appointmentId: visits[0].id }, 100)).toEqual(
        expected((r) => r.appointmentId === visits[0].id),
      );
      expect(await ids({ clinicId: clinic.id, status: 'dead' }, 100)).toEqual([otherSms.id]);
      expect(await ids({ clinicId: clinic.id, patientId: other.id, status: 'scheduled' }, 100)).toEqual(
        expected((r) => r.patientId === other.id && r.status === 'scheduled'),
      );
      expect(await ids({ clinicId: clinic.id, patientId: patient.id, status: 'dead' }, 100)).toEqual([]);
      expect(await ids({ clinicId: randomUUID() }, 100)).toEqual([]);
      const everyOne = expected(() => true);
      const firstPage = await ids({ clinicId: clinic.id }, 2);
      expect(firstPage).toEqual(everyOne.slice(0, 2));
      expect(await ids({ clinicId: clinic.id }, 2, firstPage[1])).toEqual(everyOne.slice(2, 4));
      const theirs = expected((r) => r.patientId === other.id);
      expect(await ids({ clinicId: clinic.id, patientId: other.id }, 100, theirs[0])).toEqual(theirs.slice(1));
    }
  });
});
