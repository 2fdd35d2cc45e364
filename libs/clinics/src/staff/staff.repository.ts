import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type StaffMember, staffMembers } from '@app/shared';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';

type Executor = Pick<Database, 'insert' | 'update' | 'select' | 'delete'>;

/** Unique-violation code: the email already signs in to an account. */
const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string }; code?: string }) ?? {};
  return cause.code === UNIQUE_VIOLATION || cause.cause?.code === UNIQUE_VIOLATION;
}

@Injectable()
export class StaffRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A 409 when the email already belongs to an account (of this clinic or another). */
  async create(values: typeof staffMembers.$inferInsert, tx: Executor = this.db): Promise<StaffMember> {
    try {
      const [member] = await tx
        .insert(staffMembers)
        .values({ ...values, email: values.email.toLowerCase() })
        .returning();
      return member;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('an account with this email already exists');
      throw error;
    }
  }

  async find(clinicId: string, id: string): Promise<StaffMember | undefined> {
    const [member] = await this.db
      .select()
      .from(staffMembers)
      .where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.id, id)));
    return member;
  }

  list(clinicId: string, limit: number, afterId?: string): Promise<StaffMember[]> {
    const conditions: SQL[] = [eq(staffMembers.clinicId, clinicId)];
    if (afterId) {
      conditions.push(
        sql`(${staffMembers.createdAt}, ${staffMembers.id}) > (select created_at, id from staff_members where id = ${afterId})`,
      );
    }
    return this.db
      .select()
      .from(staffMembers)
      .where(and(...conditions))
      .orderBy(asc(staffMembers.createdAt), asc(staffMembers.id))
      .limit(limit);
  }

  /**
   * Removes a member (their sessions go with them). The clinic's owners are locked first, so two owners
   * removing each other at once cannot leave the clinic without one: `last-owner` says why not.
   */
  async remove(clinicId: string, id: string): Promise<StaffMember | 'last-owner' | undefined> {
    return this.db.transaction(async (tx) => {
      const owners = await tx
        .select({ id: staffMembers.id })
        .from(staffMembers)
        .where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.role, 'owner')))
        .for('update');
      const [member] = await tx
        .select()
        .from(staffMembers)
        .where(and(eq(staffMembers.clinicId, clinicId), eq(staffMembers.id, id)))
        .for('update');
      if (!member) return undefined;
      if (member.role === 'owner' && owners.length <= 1) return 'last-owner';
      await tx.delete(staffMembers).where(eq(staffMembers.id, id));
      return member;
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .update(staffMembers)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(staffMembers.id, id));
  }

  async findById(id: string): Promise<StaffMember | undefined> {
    const [member] = await this.db.select().from(staffMembers).where(eq(staffMembers.id, id));
    return member;
  }
}
