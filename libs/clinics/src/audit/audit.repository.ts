import { Inject, Injectable } from '@nestjs/common';
import { type AuditEvent, auditEvents, DATABASE, type Database } from '@app/shared';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';

type Executor = Pick<Database, 'insert'>;

@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(values: typeof auditEvents.$inferInsert | (typeof auditEvents.$inferInsert)[], tx: Executor = this.db): Promise<void> {
    await tx.insert(auditEvents).values(Array.isArray(values) ? values : [values]);
  }

  /** Newest first. */
  list(clinicId: string, limit: number, beforeId?: string): Promise<AuditEvent[]> {
    const conditions: SQL[] = [eq(auditEvents.clinicId, clinicId)];
    if (beforeId) {
      conditions.push(
        sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (select created_at, id from audit_events where id = ${beforeId})`,
      );
    }
    return this.db
      .select()
      .from(auditEvents)
      .where(and(...conditions))
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(limit);
  }
}
