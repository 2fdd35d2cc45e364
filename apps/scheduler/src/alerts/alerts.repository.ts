import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, type FlareUpEvent, type PatientAlert, patientAlerts } from '@app/shared';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';

@Injectable()
export class AlertsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** One alert per reply, however often the event arrives. */
  async recordFlareUp(event: FlareUpEvent): Promise<void> {
    await this.db
      .insert(patientAlerts)
      .values({ clinicId: event.clinicId, patientId: event.patientId, kind: 'flare-up', score: event.score, inboundMessageId: event.inboundMessageId })
      .onConflictDoNothing();
  }

  list(clinicId: string, patientId: string, limit: number, beforeId?: string): Promise<PatientAlert[]> {
    const conditions: SQL[] = [eq(patientAlerts.clinicId, clinicId), eq(patientAlerts.patientId, patientId)];
    if (beforeId) {
      conditions.push(sql`(${patientAlerts.createdAt}, ${patientAlerts.id}) < (select created_at, id from patient_alerts where id = ${beforeId})`);
    }
    return this.db
      .select()
      .from(patientAlerts)
      .where(and(...conditions))
      .orderBy(desc(patientAlerts.createdAt), desc(patientAlerts.id))
      .limit(limit);
  }
}
