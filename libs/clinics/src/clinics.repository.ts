import { Inject, Injectable } from '@nestjs/common';
import { type Clinic, clinics, DATABASE, type Database } from '@app/shared';
import { eq } from 'drizzle-orm';

type Executor = Pick<Database, 'insert'>;

@Injectable()
export class ClinicsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async create(values: typeof clinics.$inferInsert, tx: Executor = this.db): Promise<Clinic> {
    const [clinic] = await tx.insert(clinics).values(values).returning();
    return clinic;
  }

  async find(id: string): Promise<Clinic | undefined> {
    const [clinic] = await this.db.select().from(clinics).where(eq(clinics.id, id)).limit(1);
    return clinic;
  }

  async update(id: string, values: Partial<Omit<typeof clinics.$inferInsert, 'id' | 'createdAt'>>): Promise<Clinic | undefined> {
    if (Object.keys(values).length === 0) return this.find(id);
    const [clinic] = await this.db.update(clinics).set(values).where(eq(clinics.id, id)).returning();
    return clinic;
  }
}
