// Puts follow-ups where the product keeps them: rows planned by the scheduler's own planner in the
// database, and jobs added the way the scheduler adds them. The bench plants straight into the
// database (not through HTTP) so that set-up time stays out of what is measured.
import {
  apiKeys,
  appointments,
  cadenceVersionOf,
  type CadenceStep,
  type Clinic,
  clinics,
  type Database,
  followupJobs,
  followups,
  loadConfig,
  patients,
  QUEUE_STREAMS,
  QueueName,
} from '@app/shared';
import { Queue } from 'bullmq';
import { type AnchorEvent, DEFAULT_CADENCES, planFollowups } from '@app/care-timeline';
import { completedAnchorKey, startAnchorKey } from '../../libs/care-timeline/src/followups/followups.service.js';

const CHUNK = 500;
const STEPS = DEFAULT_CADENCES['medical-massage'];
const AFTERCARE = STEPS.filter((step) => step.key === 'aftercare');

export interface QueuedRow {
  id: string;
  version: number;
  sendAt: Date;
}

export async function createClinic(db: Database, apiKeyHash = 'b'.repeat(64)): Promise<Clinic> {
  const [clinic] = await db
    .insert(clinics)
    // Quiet hours off: a bench run at night must not measure deferrals.
    .values({ name: 'Bench Clinic', timezone: 'UTC', email: 'desk@bench.test', phone: '+15145550100', quietHours: null })
    .returning();
  await db.insert(apiKeys).values({ clinicId: clinic.id, name: 'Bench', keyHash: apiKeyHash, lastFour: '' });
  return clinic;
}

/** The cadence version the rows are planned from, stored as the scheduler stores it. */
const versionOf = (db: Database, clinic: Clinic, steps: CadenceStep[]) =>
  cadenceVersionOf(db, { clinicId: clinic.id, serviceType: 'medical-massage', steps });

const stripStep = <T extends { step: CadenceStep }>({ step: _step, ...row }: T) => row;

const phoneOf = (i: number) => `+1555${String(i).padStart(7, '0')}`;
const emailOf = (i: number) => `p${i}@bench.test`;

/**
 * One patient per message (so every recipient is unique and a duplicate shows), alternately by
 * email and SMS, each with a completed visit and the default aftercare planned for it, due at
 * `sendAt(i)`. Returns the rows and when each recipient's message was due.
 */
export async function plantDueMessages(
  db: Database,
  clinic: Clinic,
  count: number,
  sendAt: (i: number) => Date,
): Promise<{ rows: QueuedRow[]; dueAt: Map<string, number> }> {
  const rows: QueuedRow[] = [];
  const dueAt = new Map<string, number>();
  for (let from = 0; from < count; from += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, count - from) }, (_, j) => from + j);
    const madePatients = await insertPatients(db, clinic, batch);
    const madeVisits = await db
      .insert(appointments)
      .values(
        madePatients.map((patient) => ({
          clinicId: clinic.id,
          patientId: patient.id,
          serviceType: 'medical-massage',
          startsAt: new Date(Date.now() - 3 * 3600_000),
          durationMinutes: 60,
          practitioner: 'Sam',
          status: 'completed' as const,
          completedAt: new Date(Date.now() - 2 * 3600_000),
        })),
      )
      .returning({ id: appointments.id, patientId: appointments.patientId, completedAt: appointments.completedAt });
    const cadenceVersionId = await versionOf(db, clinic, AFTERCARE);
    const planned = madeVisits.map((visit, j) => {
      const i = batch[j];
      const channel = i % 2 === 0 ? 'email' : 'sms';
      const event: AnchorEvent = { anchor: 'appointment.completed', at: visit.completedAt!, key: completedAnchorKey(visit.id) };
      const row = planFollowups(AFTERCARE, event, { zone: 'UTC', quietHours: null, now: new Date() }).find((p) => p.channel === channel)!;
      dueAt.set(channel === 'email' ? emailOf(i) : phoneOf(i), sendAt(i).getTime());
      return {
        ...stripStep(row),
        sendAt: sendAt(i),
        clinicId: clinic.id,
        patientId: visit.patientId,
        appointmentId: visit.id,
        cadenceVersionId,
      };
    });
    rows.push(
      ...(await db.insert(followups).values(planned).returning({ id: followups.id, version: followups.version, sendAt: followups.sendAt })),
    );
  }
  return { rows, dueAt };
}

/**
 * A clinic's future: `count` follow-ups spread over the next `days` days, five per booked visit
 * (the two reminders, and aftercare by email and SMS plus the check-in once it is done), planned
 * from the default medical-massage cadence, two visits per patient.
 */
export async function plantFuture(
  db: Database,
  clinic: Clinic,
  count: number,
  window: { fromMs: number; toMs: number },
): Promise<{ rows: QueuedRow[]; patientIds: string[]; appointmentIds: string[] }> {
  const rows: QueuedRow[] = [];
  const patientIds: string[] = [];
  const appointmentIds: string[] = [];
  const perVisit = 5;
  const visits = Math.ceil(count / perVisit);
  const now = Date.now();
  for (let from = 0; from < visits; from += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, visits - from) }, (_, j) => from + j);
    const madePatients = await insertPatients(
      db,
      clinic,
      batch.filter((i) => i % 2 === 0),
    );
    patientIds.push(...madePatients.map((p) => p.id));
    const madeVisits = await db
      .insert(appointments)
      .values(
        batch.map((i, j) => ({
          clinicId: clinic.id,
          patientId: madePatients[Math.floor(j / 2)].id,
          serviceType: 'medical-massage',
          startsAt: new Date(
            now + window.fromMs + 1.5 * 86400_000 + ((i * 7919) % visits) * ((window.toMs - window.fromMs - 2 * 86400_000) / visits),
          ),
          durationMinutes: 60,
          practitioner: 'Sam',
        })),
      )
      .returning();
    appointmentIds.push(...madeVisits.map((v) => v.id));
    const cadenceVersionId = await versionOf(db, clinic, STEPS);
    const planned = madeVisits.flatMap((visit) => {
      const context = { zone: 'UTC', quietHours: null, now: new Date() };
      const owner = { clinicId: clinic.id, patientId: visit.patientId, appointmentId: visit.id, cadenceVersionId };
      const start: AnchorEvent = { anchor: 'appointment.start', at: visit.startsAt, key: startAnchorKey(visit.id) };
      const done: AnchorEvent = {
        anchor: 'appointment.completed',
        at: new Date(visit.startsAt.getTime() + 3600_000),
        key: completedAnchorKey(visit.id),
      };
      return [...planFollowups(STEPS, start, context), ...planFollowups(STEPS, done, context)].map((p) => ({ ...stripStep(p), ...owner }));
    });
    rows.push(
      ...(await db
        .insert(followups)
        .values(planned.slice(0, count - rows.length))
        .returning({ id: followups.id, version: followups.version, sendAt: followups.sendAt })),
    );
  }
  return { rows, patientIds, appointmentIds };
}

async function insertPatients(db: Database, clinic: Clinic, indexes: number[]) {
  return db
    .insert(patients)
    .values(
      indexes.map((i) => ({
        clinicId: clinic.id,
        firstName: `Pat${i}`,
        email: emailOf(i),
        phone: phoneOf(i),
        consentEmail: true,
        consentSms: true,
      })),
    )
    .returning({ id: patients.id });
}

/** Adds the jobs for planted rows exactly as the scheduler does after planning (same ids and options). */
export async function enqueuePlanned(redisUrl: string, prefix: string, rows: QueuedRow[]): Promise<void> {
  const config = loadConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
  const url = new URL(redisUrl);
  const queue = new Queue(QueueName.Followups, {
    connection: { host: url.hostname, port: Number(url.port || 6379) },
    prefix,
    streams: QUEUE_STREAMS,
  });
  try {
    for (let i = 0; i < rows.length; i += 1000) await queue.addBulk(followupJobs(rows.slice(i, i + 1000), config.delivery));
  } finally {
    await queue.close();
  }
}
