import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, smsOptOutNotices } from '@app/shared';
import { and, eq } from 'drizzle-orm';

/** When each number last got the opt-out hint from each sender. */
@Injectable()
export class OptOutNoticesRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async lastSent(phone: string, sender: string): Promise<Date | undefined> {
    const [row] = await this.db
      .select({ at: smsOptOutNotices.lastSentAt })
      .from(smsOptOutNotices)
      .where(and(eq(smsOptOutNotices.phone, phone), eq(smsOptOutNotices.sender, sender)));
    return row?.at;
  }

  async sent(phone: string, sender: string, at: Date): Promise<void> {
    await this.db
      .insert(smsOptOutNotices)
      .values({ phone, sender, lastSentAt: at })
      .onConflictDoUpdate({ target: [smsOptOutNotices.phone, smsOptOutNotices.sender], set: { lastSentAt: at } });
  }
}
