import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Delivery, deliveries, type DeliveryStatus, earlyStatusReports } from '@app/shared';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';

/** A status callback kept because it came before its delivery record. */
export interface EarlyStatusReport {
  id: string;
  providerMessageId: string;
  status: string;
  errorCode: string | null;
}

@Injectable()
export class DeliveryStatusRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async findByProviderId(providerMessageId: string): Promise<Delivery | undefined> {
    const [row] = await this.db.select().from(deliveries).where(eq(deliveries.providerMessageId, providerMessageId));
    return row;
  }

  /** Moves the status only if nobody moved it since it was read; false means read again. */
  async advance(id: string, from: DeliveryStatus, to: DeliveryStatus, error: string | undefined): Promise<boolean> {
    const rows = await this.db
      .update(deliveries)
      .set({ status: to, ...(error && { error }), updatedAt: sql`now()` })
      .where(and(eq(deliveries.id, id), eq(deliveries.status, from)))
      .returning({ id: deliveries.id });
    return rows.length > 0;
  }

  async keepEarly(report: Omit<EarlyStatusReport, 'id'>): Promise<void> {
    await this.db.insert(earlyStatusReports).values(report);
  }

  /** Kept reports whose delivery record has arrived since, oldest first. */
  async earlyReportsNowMatched(limit: number): Promise<EarlyStatusReport[]> {
    return this.db
      .select({
        id: earlyStatusReports.id,
        providerMessageId: earlyStatusReports.providerMessageId,
        status: earlyStatusReports.status,
        errorCode: earlyStatusReports.errorCode,
      })
      .from(earlyStatusReports)
      .where(sql`exists (select 1 from ${deliveries} d where d.provider_message_id = ${earlyStatusReports.providerMessageId})`)
      .orderBy(asc(earlyStatusReports.receivedAt))
      .limit(limit);
  }

  async dropEarly(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(earlyStatusReports).where(inArray(earlyStatusReports.id, ids));
  }

  /** Reports for a message id no record ever took (another deployment's, or a lost send). */
  async dropEarlyBefore(before: Date): Promise<number> {
    const rows = await this.db
      .delete(earlyStatusReports)
      .where(lt(earlyStatusReports.receivedAt, before))
      .returning({ id: earlyStatusReports.id });
    return rows.length;
  }
}
