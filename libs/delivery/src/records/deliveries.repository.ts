import { Inject, Injectable } from '@nestjs/common';
import { continuesFrom, DATABASE, type Database, type Delivery, deliveries } from '@app/shared';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';

@Injectable()
export class DeliveriesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async settle(id: string, values: Partial<Pick<Delivery, 'status' | 'providerMessageId' | 'segments' | 'error'>>): Promise<void> {
    await this.db
      .update(deliveries)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(deliveries.id, id));
  }

  /** The delivery records of one follow-up, newest first: what recovery reads after a crash. */
  forFollowup(followupId: string): Promise<Delivery[]> {
    return this.db.select().from(deliveries).where(eq(deliveries.followupId, followupId)).orderBy(desc(deliveries.createdAt));
  }

  async isRecorded(providerMessageId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(eq(deliveries.providerMessageId, providerMessageId))
      .limit(1);
    return row !== undefined;
  }

  /** Newest first; `beforeId` continues after the last record of the previous page. */
  listForPatient(clinicId: string, patientId: string, limit: number, beforeId?: string): Promise<Delivery[]> {
    const conditions: SQL[] = [eq(deliveries.clinicId, clinicId), eq(deliveries.patientId, patientId)];
    if (beforeId) {
      conditions.push(continuesFrom(deliveries, beforeId, 'desc'));
    }
    return this.db
      .select()
      .from(deliveries)
      .where(and(...conditions))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(limit);
  }
}
