import { Inject, Injectable } from '@nestjs/common';
import { type Appointment, appointments, type AppointmentStatus, DATABASE, type Database } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

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

  async find(clinicId: string, id: string, tx: Executor = this.db): Promise<Appointment | undefined> {
    const [row] = await tx.select().from(appointments).where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id)));
    return row;
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

  async reschedule(clinicId: string, id: string, values: { startsAt?: Date; durationMinutes?: number }, tx: Executor): Promise<Appointment | undefined> {
    const [row] = await tx
      .update(appointments)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    return row;
  }
}
