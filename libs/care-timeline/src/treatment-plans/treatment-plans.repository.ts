import { Inject, Injectable } from '@nestjs/common';
import {
  appointments,
  continuesFrom,
  DATABASE,
  type Database,
  type TreatmentPlan,
  treatmentPlans,
  type TreatmentPlanStatus,
} from '@app/shared';
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';

type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

@Injectable()
export class TreatmentPlansRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Inserts unless the clinic already has a plan with the same externalId; `created` tells which. */
  async insertOnce(values: typeof treatmentPlans.$inferInsert, tx: Executor): Promise<{ plan: TreatmentPlan; created: boolean }> {
    const [inserted] = await tx.insert(treatmentPlans).values(values).onConflictDoNothing().returning();
    if (inserted) return { plan: inserted, created: true };
    const [existing] = await tx
      .select()
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, values.clinicId), eq(treatmentPlans.externalId, values.externalId!)));
    return { plan: existing, created: false };
  }

  async find(clinicId: string, id: string, tx: Executor = this.db): Promise<TreatmentPlan | undefined> {
    const [row] = await tx
      .select()
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.id, id)));
    return row;
  }

  /** A patient's plans, newest first (found through `treatment_plans_patient_idx`); a page continues after the cursor's plan. */
  listForPatient(clinicId: string, patientId: string, limit: number, afterId?: string): Promise<TreatmentPlan[]> {
    const conditions: SQL[] = [eq(treatmentPlans.clinicId, clinicId), eq(treatmentPlans.patientId, patientId)];
    if (afterId) conditions.push(continuesFrom(treatmentPlans, afterId, 'desc'));
    return this.db
      .select()
      .from(treatmentPlans)
      .where(and(...conditions))
      .orderBy(desc(treatmentPlans.createdAt), desc(treatmentPlans.id))
      .limit(limit);
  }

  /** Reads the plan and holds it until the transaction ends, so two completions count sessions one after the other. */
  async lock(id: string, tx: Executor): Promise<TreatmentPlan | undefined> {
    const [row] = await tx.select().from(treatmentPlans).where(eq(treatmentPlans.id, id)).for('update');
    return row;
  }

  /** The patient's newest active plan for a service type: the one a booking without a planId counts towards. */
  async findActive(clinicId: string, patientId: string, serviceType: string): Promise<TreatmentPlan | undefined> {
    const [row] = await this.db
      .select()
      .from(treatmentPlans)
      .where(
        and(
          eq(treatmentPlans.clinicId, clinicId),
          eq(treatmentPlans.patientId, patientId),
          eq(treatmentPlans.serviceType, serviceType),
          eq(treatmentPlans.status, 'active'),
        ),
      )
      .orderBy(desc(treatmentPlans.createdAt))
      .limit(1);
    return row;
  }

  /** For a batch of bookings: the patients' active plans and the plans named by id, newest first. */
  async activeOrNamed(clinicId: string, patientIds: string[], planIds: string[]): Promise<TreatmentPlan[]> {
    if (patientIds.length === 0 && planIds.length === 0) return [];
    const wanted = [
      ...(patientIds.length > 0 ? [and(inArray(treatmentPlans.patientId, patientIds), eq(treatmentPlans.status, 'active'))!] : []),
      ...(planIds.length > 0 ? [inArray(treatmentPlans.id, planIds)] : []),
    ];
    return this.db
      .select()
      .from(treatmentPlans)
      .where(and(eq(treatmentPlans.clinicId, clinicId), or(...wanted)))
      .orderBy(desc(treatmentPlans.createdAt));
  }

  /** Start times of the plan's sessions that happened (completed appointments carrying its id). */
  async sessionStarts(planId: string, tx: Executor = this.db): Promise<Date[]> {
    const rows = await tx
      .select({ startsAt: appointments.startsAt })
      .from(appointments)
      .where(and(eq(appointments.planId, planId), eq(appointments.status, 'completed')));
    return rows.map((row) => row.startsAt);
  }

  /** Moves an active plan on; undefined when it was not active any more. */
  async close(id: string, to: Exclude<TreatmentPlanStatus, 'active'>, tx: Executor): Promise<TreatmentPlan | undefined> {
    const [row] = await tx
      .update(treatmentPlans)
      .set({ status: to, updatedAt: sql`now()`, ...(to === 'completed' ? { completedAt: sql`now()` } : { cancelledAt: sql`now()` }) })
      .where(and(eq(treatmentPlans.id, id), eq(treatmentPlans.status, 'active')))
      .returning();
    return row;
  }
}
