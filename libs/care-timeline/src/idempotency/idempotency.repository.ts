import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, idempotencyKeys } from '@app/shared';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Takes the key for this request; false when someone already holds or used it within
   * `expiredBefore` (a record older than that is forgotten and the key is new again).
   */
  async claim(clinicId: string, key: string, requestHash: string, expiredBefore: Date): Promise<boolean> {
    await this.db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.clinicId, clinicId), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, expiredBefore)));
    const rows = await this.db.insert(idempotencyKeys).values({ clinicId, key, requestHash }).onConflictDoNothing().returning();
    return rows.length === 1;
  }

  /** Forgets every record made before `expiredBefore`, answers (and the personal data in them) included. */
  async purge(expiredBefore: Date): Promise<number> {
    const rows = await this.db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, expiredBefore))
      .returning({ key: idempotencyKeys.key });
    return rows.length;
  }

  /** Takes over a key whose first request never finished (the process stopped mid-way). */
  async takeOverAbandoned(clinicId: string, key: string, requestHash: string, startedBefore: Date): Promise<boolean> {
    const rows = await this.db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(
        and(
          eq(idempotencyKeys.clinicId, clinicId),
          eq(idempotencyKeys.key, key),
          eq(idempotencyKeys.requestHash, requestHash),
          isNull(idempotencyKeys.status),
          lt(idempotencyKeys.createdAt, startedBefore),
        ),
      )
      .returning();
    return rows.length === 1;
  }

  async find(clinicId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.clinicId, clinicId), eq(idempotencyKeys.key, key)));
    return row;
  }

  async remember(clinicId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db
      .update(idempotencyKeys)
      .set({ status, body })
      .where(and(eq(idempotencyKeys.clinicId, clinicId), eq(idempotencyKeys.key, key)));
  }

  /** Frees a key whose request failed, so the client may retry it. */
  async release(clinicId: string, key: string): Promise<void> {
    await this.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.clinicId, clinicId), eq(idempotencyKeys.key, key)));
  }
}
