import { Inject, Injectable } from '@nestjs/common';
import { type ApiKey, apiKeys, DATABASE, type Database } from '@app/shared';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(values: typeof apiKeys.$inferInsert, tx: Executor = this.db): Promise<ApiKey> {
    const [key] = await tx.insert(apiKeys).values(values).returning();
    return key;
  }

  async find(clinicId: string, id: string): Promise<ApiKey | undefined> {
    const [key] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.clinicId, clinicId), eq(apiKeys.id, id)));
    return key;
  }

  list(clinicId: string, limit: number, afterId?: string): Promise<ApiKey[]> {
    const conditions: SQL[] = [eq(apiKeys.clinicId, clinicId)];
    if (afterId) conditions.push(sql`(${apiKeys.createdAt}, ${apiKeys.id}) > (select created_at, id from api_keys where id = ${afterId})`);
    return this.db
      .select()
      .from(apiKeys)
      .where(and(...conditions))
      .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
      .limit(limit);
  }

  /** Revokes once; revoking again answers the key as it is. */
  async revoke(clinicId: string, id: string): Promise<ApiKey | undefined> {
    const [revoked] = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.clinicId, clinicId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    return revoked ?? this.find(clinicId, id);
  }
}
