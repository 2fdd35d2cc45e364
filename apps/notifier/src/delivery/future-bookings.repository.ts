import { Inject, Injectable } from '@nestjs/common';
import { appointments, DATABASE, type Database } from '@app/shared';
import { and, eq, gt } from 'drizzle-orm';

/** Whether a patient has something booked ahead, read at send time. */
@Injectable()
export class FutureBookingsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async hasBookingAfter(patientId: string, after: Date): Promise<boolean> {
    const rows = await this.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.patientId, patientId), eq(appointments.status, 'booked'), gt(appointments.startsAt, after)))
      .limit(1);
    return rows.length > 0;
  }
}
