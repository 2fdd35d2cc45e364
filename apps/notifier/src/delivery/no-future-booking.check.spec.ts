import { appointments, type Clinic, clinics, type DatabaseHandle, type Followup, type Patient, patients } from '@app/shared';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { FutureBookingsRepository } from './future-bookings.repository.js';
import { NoFutureBookingCheck } from './no-future-booking.check.js';

const template = { subject: 's', email: 'e', sms: 'm' };
const nudge = { key: 'rebook-nudge', kind: 'rebook' as const, anchor: 'plan.session-due' as const, offset: '-P2D', channel: 'preferred' as const, condition: 'no-future-booking' as const, template };
const aftercare = { key: 'aftercare', kind: 'aftercare' as const, anchor: 'appointment.completed' as const, offset: 'PT2H', channel: 'both' as const, template };

describe.each(testDatabases())('the no-future-booking send check on $name', (database) => {
  let handle: DatabaseHandle;
  let check: NoFutureBookingCheck;
  let clinic: Clinic;
  let patient: Patient;
  const now = new Date('2026-06-10T12:00:00Z');

  beforeAll(async () => {
    handle = await database.open();
    check = new NoFutureBookingCheck(new FutureBookingsRepository(handle.db));
    [clinic] = await handle.db.insert(clinics).values({ name: 'C', timezone: 'UTC', email: 'c@c.test', apiKeyHash: 'y'.repeat(64) }).returning();
    [patient] = await handle.db.insert(patients).values({ clinicId: clinic.id, firstName: 'P', consentEmail: true, consentSms: false }).returning();
  });

  afterAll(() => handle.close());

  const verdict = (step: typeof nudge | typeof aftercare) =>
    check.check({ followup: { step } as Followup, clinic, patient, channel: 'email', to: 'p@p.test', now });

  async function book(startsAt: string, status: 'booked' | 'cancelled' | 'completed' = 'booked') {
    const [row] = await handle.db
      .insert(appointments)
      .values({ clinicId: clinic.id, patientId: patient.id, serviceType: 'medical-massage', startsAt: new Date(startsAt), durationMinutes: 60, status })
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
