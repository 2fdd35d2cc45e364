import { Inject, Injectable } from '@nestjs/common';
import {
  type Clinic,
  clinics,
  DATABASE,
  type Database,
  type StaffMember,
  staffMembers,
  type StaffSession,
  staffSessions,
} from '@app/shared';
import { and, eq, lt, ne, sql } from 'drizzle-orm';

export interface ActiveSession {
  session: StaffSession;
  staff: StaffMember;
  clinic: Clinic;
}

@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(values: typeof staffSessions.$inferInsert): Promise<StaffSession> {
    const [session] = await this.db.insert(staffSessions).values(values).returning();
    return session;
  }

  /** The session, its member and clinic, if it was used since `idleSince`. */
  async findActive(tokenHash: string, idleSince: Date): Promise<ActiveSession | undefined> {
    const [row] = await this.db
      .select({ session: staffSessions, staff: staffMembers, clinic: clinics })
      .from(staffSessions)
      .innerJoin(staffMembers, eq(staffMembers.id, staffSessions.staffId))
      .innerJoin(clinics, eq(clinics.id, staffMembers.clinicId))
      .where(and(eq(staffSessions.tokenHash, tokenHash), sql`${staffSessions.lastSeenAt} > ${idleSince}`));
    return row;
  }

  async touch(tokenHash: string): Promise<void> {
    await this.db
      .update(staffSessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(staffSessions.tokenHash, tokenHash));
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
  }

  /** Sessions idle for longer than allowed are of no use; they go when their member signs in again. */
  async deleteIdle(staffId: string, idleSince: Date): Promise<void> {
    await this.db.delete(staffSessions).where(and(eq(staffSessions.staffId, staffId), lt(staffSessions.lastSeenAt, idleSince)));
  }

  async deleteOthers(staffId: string, keepTokenHash: string): Promise<void> {
    await this.db.delete(staffSessions).where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.tokenHash, keepTokenHash)));
  }
}
