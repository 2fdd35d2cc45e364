import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Followup, followups, type FollowupStatus } from '@app/shared';
import { and, eq, sql } from 'drizzle-orm';

/** The notifier's side of the follow-up row: claim it, then settle it. */
@Injectable()
export class FollowupClaimsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * One conditional update: only a `scheduled` row at this version becomes `sending`. A stale,
   * cancelled, already-sent or concurrently claimed follow-up yields undefined and sends nothing.
   */
  async claim(id: string, version: number): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ status: 'sending', attempts: sql`${followups.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.version, version), eq(followups.status, 'scheduled')))
      .returning();
    return row;
  }

  /** Hands a claimed follow-up back for a retry after a transient error. */
  async release(id: string): Promise<void> {
    await this.db
      .update(followups)
      .set({ status: 'scheduled', updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.status, 'sending')));
  }

  async settle(id: string, status: Exclude<FollowupStatus, 'scheduled' | 'sending'>, reason: string | null = null): Promise<void> {
    await this.db
      .update(followups)
      .set({ status, reason, updatedAt: sql`now()`, ...(status === 'sent' && { sentAt: sql`now()` }) })
      .where(and(eq(followups.id, id), eq(followups.status, 'sending')));
  }

  async find(id: string): Promise<Followup | undefined> {
    const [row] = await this.db.select().from(followups).where(eq(followups.id, id));
    return row;
  }
}
