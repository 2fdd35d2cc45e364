import { Inject, Injectable } from '@nestjs/common';
import { type Appointment, appointments, type AppointmentStatus, DATABASE, type Database } from '@app/shared';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

@Injectable()
export class AppointmentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insertOnce(values: typeof appointments.$inferInsert, tx: Executor): Promise<{ appointment: Appointment; created: boolean }> {
    const [inserted] = await tx.insert(appointments).values(values).onConflictDoNothing().returning();
    if (inserted) return { appointment: inserted, created: true };
    const [existing] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, values.clinicId), eq(appointments.externalId, values.externalId!)));
    return { appointment: existing, created: false };
  }

  /**
   * Inserts many bookings in one statement (ids made by the caller); those whose externalId the
   * clinic already has, or that repeat one earlier in the same rows, are left out and answered as
   * `existing`, by externalId.
   */
  async insertMany(
    clinicId: string,
    values: (typeof appointments.$inferInsert & { id: string })[],
    tx: Executor,
  ): Promise<{ inserted: Appointment[]; existing: Map<string, Appointment> }> {
    if (values.length === 0) return { inserted: [], existing: new Map() };
    const inserted = await tx.insert(appointments).values(values).onConflictDoNothing().returning();
    const made = new Set(inserted.map((row) => row.id));
    const known = [...new Set(values.filter((v) => !made.has(v.id) && v.externalId).map((v) => v.externalId!))];
    const existing =
      known.length === 0
        ? []
        : await tx
            .select()
            .from(appointments)
            .where(and(eq(appointments.clinicId, clinicId), inArray(appointments.externalId, known)));
    return { inserted, existing: new Map(existing.map((row) => [row.externalId!, row])) };
  }

  async find(clinicId: string, id: string, tx: Executor = this.db): Promise<Appointment | undefined> {
    const [row] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id)));
    return row;
  }

  /**
   * A patient's visits, the latest start first (the `appointments_patient_idx` index on patient and
   * start); a page continues after the visit the cursor names.
   */
  listForPatient(clinicId: string, patientId: string, limit: number, afterId?: string): Promise<Appointment[]> {
    const conditions: SQL[] = [eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId)];
    if (afterId) {
      conditions.push(
        sql`(${appointments.startsAt}, ${appointments.id}) < (select starts_at, id from ${appointments} where id = ${afterId})`,
      );
    }
    return this.db
      .select()
      .from(appointments)
      .where(and(...conditions))
      .orderBy(desc(appointments.startsAt), desc(appointments.id))
      .limit(limit);
  }

  /** Moves a booked appointment to a new status; undefined when it was not `booked` any more. */
  async transition(clinicId: string, id: string, to: AppointmentStatus, tx: Executor): Promise<Appointment | undefined> {
    const [row] = await tx
      .update(appointments)
      .set({ status: to, updatedAt: sql`now()`, ...(to === 'completed' && { completedAt: sql`now()` }) })
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    return row;
  }

  async reschedule(
    clinicId: string,
    id: string,
    values: { startsAt?: Date; durationMinutes?: number },
    tx: Executor,
  ): Promise<Appointment | undefined> {
    const [row] = await tx
      .update(appointments)
      .set({ ...values, revision: sql`${appointments.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    return row;
  }
}
