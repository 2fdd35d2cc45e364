import { Inject, Injectable } from '@nestjs/common';
import { type ApiKey, apiKeys, type Clinic, clinics, DATABASE, type Database, type StaffMember, staffMembers } from '@app/shared';
import { and, eq, isNull } from 'drizzle-orm';

/** What sign-in and the guard read to tell who is calling; keys and accounts are written elsewhere. */
@Injectable()
export class CredentialsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A key that has not been revoked, with its clinic. */
  async findActiveKey(keyHash: string): Promise<{ key: ApiKey; clinic: Clinic } | undefined> {
    const [row] = await this.db
      .select({ key: apiKeys, clinic: clinics })
      .from(apiKeys)
      .innerJoin(clinics, eq(clinics.id, apiKeys.clinicId))
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    return row;
  }

  async findStaffByEmail(email: string): Promise<StaffMember | undefined> {
    const [member] = await this.db.select().from(staffMembers).where(eq(staffMembers.email, email.trim().toLowerCase()));
    return member;
  }
}
