import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Delivery, deliveries, type DeliveryStatus } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

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
}
