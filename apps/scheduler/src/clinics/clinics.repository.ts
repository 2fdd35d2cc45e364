import { Inject, Injectable } from '@nestjs/common';
import { type Clinic, clinics, DATABASE, type Database } from '@app/shared';
import { eq } from 'drizzle-orm';

@Injectable()
export class ClinicsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(values: typeof clinics.$inferInsert): Promise<Clinic> {
    const [clinic] = await this.db.insert(clinics).values(values).returning();
    return clinic;
  }

  async findByApiKeyHash(hash: string): Promise<Clinic | undefined> {
    const [clinic] = await this.db.select().from(clinics).where(eq(clinics.apiKeyHash, hash)).limit(1);
    return clinic;
  }
}
