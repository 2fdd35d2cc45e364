import { appointments, clinics, type DatabaseHandle, followups, loadConfig, type Patient, patients } from '@app/shared';
import { eq } from 'drizzle-orm';
import { aCadenceVersion } from '@app/shared/testing/records.js';
import { testDatabases } from '../../../../test/support/databases.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { NoFutureBookingCheck } from './no-future-booking.check.js';

const template = { en: { subject: 's', email: 'e', sms: 'm' } };
const nudge = {
  key: 'rebook-nudge',
  kind: 'rebook' as const,
  anchor: 'plan.session-due' as const,
  offset: '-P2D',
  channel: 'preferred' as const,
  condition: 'no-future-booking' as const,
  template,
};
const aftercare = {
  key: 'aftercare',
  kind: 'aftercare' as const,
  anchor: 'appointment.completed' as const,
  offset: 'PT2H',
  channel: 'both' as const,
  template,
};

// The booking ahead is read by the claiming statement; the check decides on what it read.
describe.each(testDatabases())('the no-future-booking send check on $name, as the claim reads it', (database) => {
  let handle: DatabaseHandle;
  let claims: FollowupClaimsRepository;
  const check = new NoFutureBookingCheck();
  let patient: Patient;
  let n = 0;
  const now = new Date('2026-06-10T12:00:00Z');

  beforeAll(async () => {
    handle = await database.open();
    claims = new FollowupClaimsRepository(handle.db, loadConfig({}));
    const [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test' }).returning();
    [patient] = await handle.db
      .insert(patients)
      .values({ clinicId: clinic.id, firstName: 'P', consentEmail: true, consentSms: false })
      .returning();
  });

  afterAll(() => handle.close());

  /** Plans a follow-up for the step, claims it at `now` and runs the check on what the claim read. */
  async function verdict(step: typeof nudge | typeof aftercare) {
    const [row] = await handle.db
      .insert(followups)
      .values({
        clinicId: patient.clinicId,
        patientId: patient.id,
        anchorKey: `a${++n}`,
        stepKey: step.key,
        kind: step.kind,
        channel: 'email',
        cadenceVersionId: await aCadenceVersion(handle.db, patient.clinicId, [step]),
        sendAt: now,
      })
      .returning();
    const claimed = await claims.claim(row.id, row.version, now);
    expect(claimed).toBeDefined();
    const outcome = check.check({ followup: claimed!.followup, ...claimed!.context!, channel: 'email', to: 'p@p.test', now });
    // A patient has one follow-up sending at a time: settle this one so the next verdict can claim.
    await handle.db.update(followups).set({ status: 'skipped' }).where(eq(followups.id, row.id));
    return outcome;
  }

  async function book(startsAt: string, status: 'booked' | 'cancelled' | 'completed' = 'booked') {
    const [row] = await handle.db
      .insert(appointments)
      .values({
        clinicId: patient.clinicId,
        patientId: patient.id,
        serviceType: 'medical-massage',
        startsAt: new Date(startsAt),
        durationMinutes: 60,
        status,
      })
      .returning();
    return row;
  }

  it('lets a nudge go while nothing is booked ahead (past, cancelled and completed visits do not count)', async () => {
    await book('2026-06-01T12:00:00Z');
    await book('2026-06-20T12:00:00Z', 'cancelled');
    await book('2026-06-21T12:00:00Z', 'completed');
    expect(await verdict(nudge)).toBeUndefined();
  });

  it('skips a nudge as rebooked once a visit ahead is booked, and lets it go again if that visit is cancelled', async () => {
    const ahead = await book('2026-06-15T12:00:00Z');
    expect(await verdict(nudge)).toEqual({ skip: 'rebooked' });
    await handle.db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, ahead.id));
    expect(await verdict(nudge)).toBeUndefined();
  });

  it('leaves steps without the condition alone', async () => {
    await book('2026-06-16T12:00:00Z');
    expect(await verdict(aftercare)).toBeUndefined();
  });
});
