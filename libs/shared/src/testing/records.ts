import { randomUUID } from 'node:crypto';
import type { CadenceStep } from '../contracts/cadence.js';
import { cadenceVersionOf } from '../database/cadence-versions.js';
import type { Database } from '../database/database.js';
import {
  type Appointment,
  appointments,
  type Clinic,
  clinics,
  type Delivery,
  deliveries,
  type Followup,
  followups,
  type Patient,
  patients,
} from '../database/schema.js';

/**
 * Small factories for tests that run against a real database (`*.int-spec.ts`): each inserts one
 * row with sensible defaults and the overrides a test cares about, and returns it. Not part of any
 * module's public surface and not built into `dist/`.
 */

/** An aftercare step by email two hours after the visit; override what the test is about. */
export function aStep(overrides: Partial<CadenceStep> = {}): CadenceStep {
  return {
    key: 'aftercare',
    kind: 'aftercare',
    anchor: 'appointment.completed',
    offset: 'PT2H',
    channel: 'email',
    template: {
      en: {
        subject: 'After your visit at {{clinicName}}',
        email: 'Hi {{firstName}}, drink water.',
        sms: 'Hi {{firstName}}, drink water.',
      },
    },
    ...overrides,
  };
}

/** A clinic in UTC without quiet hours (so the time of day never decides a test by accident). */
export async function aClinic(db: Database, overrides: Partial<typeof clinics.$inferInsert> = {}): Promise<Clinic> {
  const [row] = await db
    .insert(clinics)
    .values({
      name: 'Riverside Massage',
      timezone: 'UTC',
      email: 'care@riverside.test',
      phone: '+15145550100',
      quietHours: null,
      ...overrides,
    })
    .returning();
  return row;
}

/** A patient of `clinic` reachable and consenting on both channels. */
export async function aPatient(
  db: Database,
  clinic: Pick<Clinic, 'id'>,
  overrides: Partial<typeof patients.$inferInsert> = {},
): Promise<Patient> {
  const [row] = await db
    .insert(patients)
    .values({
      clinicId: clinic.id,
      firstName: 'Alex',
      email: 'alex@patients.test',
      phone: '+15145550111',
      consentEmail: true,
      consentSms: true,
      ...overrides,
    })
    .returning();
  return row;
}

/** A booked appointment of `patient`, a day ahead unless told otherwise. */
export async function anAppointment(
  db: Database,
  patient: Pick<Patient, 'id' | 'clinicId'>,
  overrides: Partial<typeof appointments.$inferInsert> = {},
): Promise<Appointment> {
  const [row] = await db
    .insert(appointments)
    .values({
      clinicId: patient.clinicId,
      patientId: patient.id,
      serviceType: 'medical-massage',
      startsAt: new Date(Date.now() + 86_400_000),
      durationMinutes: 60,
      ...overrides,
    })
    .returning();
  return row;
}

/** The cadence version holding `steps` for the clinic (service type `test`), stored if new. */
export function aCadenceVersion(db: Database, clinicId: string, steps: CadenceStep[]): Promise<string> {
  return cadenceVersionOf(db, { clinicId, serviceType: 'test', steps });
}

/** A scheduled follow-up of `patient` due now, planned from `aStep()` unless told otherwise. */
export async function aFollowup(
  db: Database,
  patient: Pick<Patient, 'id' | 'clinicId'>,
  { step = aStep(), ...overrides }: Partial<typeof followups.$inferInsert> & { step?: CadenceStep } = {},
): Promise<Followup> {
  const [row] = await db
    .insert(followups)
    .values({
      clinicId: patient.clinicId,
      patientId: patient.id,
      anchorKey: `test-${randomUUID()}`,
      stepKey: step.key,
      kind: step.kind,
      channel: step.channel === 'both' ? 'email' : step.channel,
      cadenceVersionId: await aCadenceVersion(db, patient.clinicId, [step]),
      sendAt: new Date(),
      ...overrides,
    })
    .returning();
  return row;
}

/** A delivery record of `followup` accepted by the provider, to the patient's address on its channel. */
export async function aDelivery(
  db: Database,
  followup: Pick<Followup, 'id' | 'clinicId' | 'patientId' | 'channel'>,
  to: string,
  overrides: Partial<typeof deliveries.$inferInsert> = {},
): Promise<Delivery> {
  const [row] = await db
    .insert(deliveries)
    .values({
      clinicId: followup.clinicId,
      patientId: followup.patientId,
      followupId: followup.id,
      channel: followup.channel === 'sms' ? 'sms' : 'email',
      to,
      status: 'sent',
      attempt: 1,
      providerMessageId: `SM${randomUUID().replace(/-/g, '')}`,
      ...overrides,
    })
    .returning();
  return row;
}
