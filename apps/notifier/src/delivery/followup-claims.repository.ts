import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type Followup, followups, type FollowupStatus } from '@app/shared';
import { and, asc, eq, lt, lte, sql } from 'drizzle-orm';

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

  /**
   * Gives a claimed follow-up a new send time and version (deferral, or a send abandoned by a
   * crash): the old job no longer matches, and the returned row is enqueued under its new job id.
   */
  async reschedule(id: string, sendAt: Date, reason: string | null): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ status: 'scheduled', sendAt, reason, version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.status, 'sending')))
      .returning();
    return row;
  }

  /** Moves a scheduled follow-up to a new version so a job that cannot run again is replaced. */
  async bumpScheduled(id: string, version: number): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.version, version), eq(followups.status, 'scheduled')))
      .returning();
    return row;
  }

  /** Scheduled follow-ups due by `until`, oldest first: the sweep checks each has a job. */
  dueBy(until: Date, limit: number, after?: Pick<Followup, 'sendAt' | 'id'>): Promise<Followup[]> {
    const conditions = [eq(followups.status, 'scheduled'), lte(followups.sendAt, until)];
    if (after) conditions.push(sql`(${followups.sendAt}, ${followups.id}) > (${after.sendAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
    return this.db.select().from(followups).where(and(...conditions)).orderBy(asc(followups.sendAt), asc(followups.id)).limit(limit);
  }

  /** Follow-ups claimed before `claimedBefore` and still `sending`: their worker died or hung. */
  abandoned(claimedBefore: Date, limit: number): Promise<Followup[]> {
    return this.db
      .select()
      .from(followups)
      .where(and(eq(followups.status, 'sending'), lt(followups.updatedAt, claimedBefore)))
      .orderBy(asc(followups.updatedAt))
      .limit(limit);
  }

  /** Whether the same step of the same occurrence also goes out on `channel` (a `both` step). */
  async hasSibling(followup: Followup, channel: 'email' | 'sms'): Promise<boolean> {
    const [row] = await this.db
      .select({ id: followups.id })
      .from(followups)
      .where(and(eq(followups.anchorKey, followup.anchorKey), eq(followups.stepKey, followup.stepKey), eq(followups.channel, channel)))
      .limit(1);
    return row !== undefined;
  }

  async find(id: string): Promise<Followup | undefined> {
    const [row] = await this.db.select().from(followups).where(eq(followups.id, id));
    return row;
  }
}
