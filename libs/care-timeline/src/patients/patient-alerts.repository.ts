import { Inject, Injectable } from '@nestjs/common';
import { continuesFrom, DATABASE, type Database, type FlareUpEvent, type PatientAlert, patientAlerts } from '@app/shared';
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';

@Injectable()
export class AlertsRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** One alert per reply, however often the event arrives. */
  async recordFlareUp(event: FlareUpEvent): Promise<void> {
    await this.db
      .insert(patientAlerts)
      .values({
        clinicId: event.clinicId,
        patientId: event.patientId,
        kind: 'flare-up',
        score: event.score,
        inboundMessageId: event.inboundMessageId,
      })
      .onConflictDoNothing();
  }

  list(clinicId: string, patientId: string, limit: number, beforeId?: string): Promise<PatientAlert[]> {
    const conditions: SQL[] = [eq(patientAlerts.clinicId, clinicId), eq(patientAlerts.patientId, patientId)];
    if (beforeId) {
      conditions.push(continuesFrom(patientAlerts, beforeId, 'desc'));
    }
    return this.db
      .select()
      .from(patientAlerts)
      .where(and(...conditions))
      .orderBy(desc(patientAlerts.createdAt), desc(patientAlerts.id))
      .limit(limit);
  }

  /** The clinic's alerts, newest first: `open` ones wait for someone to acknowledge them. */
  listForClinic(clinicId: string, status: 'open' | 'acknowledged' | undefined, limit: number, beforeId?: string): Promise<PatientAlert[]> {
    const conditions: SQL[] = [eq(patientAlerts.clinicId, clinicId)];
    if (status === 'open') conditions.push(isNull(patientAlerts.acknowledgedAt));
    if (status === 'acknowledged') conditions.push(isNotNull(patientAlerts.acknowledgedAt));
    if (beforeId) {
      conditions.push(
        sql`(${patientAlerts.createdAt}, ${patientAlerts.id}) < (select created_at, id from patient_alerts where id = ${beforeId})`,
      );
    }
    return this.db
      .select()
      .from(patientAlerts)
      .where(and(...conditions))
      .orderBy(desc(patientAlerts.createdAt), desc(patientAlerts.id))
      .limit(limit);
  }

  async countOpen(clinicId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(patientAlerts)
      .where(and(eq(patientAlerts.clinicId, clinicId), isNull(patientAlerts.acknowledgedAt)));
    return row.n;
  }

  async find(clinicId: string, id: string): Promise<PatientAlert | undefined> {
    const [alert] = await this.db
      .select()
      .from(patientAlerts)
      .where(and(eq(patientAlerts.clinicId, clinicId), eq(patientAlerts.id, id)));
    return alert;
  }

  /** Acknowledges once; acknowledging again answers the alert as it is. */
  async acknowledge(clinicId: string, id: string, by: string): Promise<PatientAlert | undefined> {
    const [alert] = await this.db
      .update(patientAlerts)
      .set({ acknowledgedAt: sql`now()`, acknowledgedBy: by })
      .where(and(eq(patientAlerts.clinicId, clinicId), eq(patientAlerts.id, id), isNull(patientAlerts.acknowledgedAt)))
      .returning();
    return alert ?? this.find(clinicId, id);
  }
}
