import { Injectable } from '@nestjs/common';
import { badRequest, type Clinic, SERVICE_TYPE_PATTERN } from '@app/shared';
import type { InsightsDto, InsightsQuery, StepOutcomeDto, WeekOutcomeDto } from './insights.dto.js';
import { type InsightsScope, InsightsRepository, type OtherOutcomes, type StepDayRow, type StepReplies } from './insights.repository.js';
import { type DayRange, ratio, type ReportingPeriod, resolvePeriod, splitPeriod, weekOf, weeksOf } from './reporting-period.js';

/** A step of the answer, and the patients who opted out after it (counted once each). */
type StepTally = StepOutcomeDto & { optedOutPatients: Set<string> };

const stepId = (row: { serviceType: string | null; stepKey: string; kind: string }) =>
  JSON.stringify([row.serviceType, row.stepKey, row.kind]);

/**
 * Folds the steps' counts by day and skip reason into one line per step, with their replies, steps
 * in a stable order. A patient who opted out after two sends of a step counts once.
 */
export function foldSteps(days: StepDayRow[], replies: StepReplies[]): StepOutcomeDto[] {
  const steps = new Map<string, StepTally>();
  for (const row of days) {
    const id = stepId(row);
    const step = steps.get(id) ?? {
      serviceType: row.serviceType,
      stepKey: row.stepKey,
      kind: row.kind,
      planned: 0,
      sent: 0,
      delivered: 0,
      failed: 0,
      skipped: 0,
      skippedByReason: {},
      optedOutAfter: 0,
      replies: 0,
      bookedAfter: { within7d: 0, within14d: 0 },
      conversion7d: null,
      optedOutPatients: new Set<string>(),
    };
    step.planned += row.planned;
    step.sent += row.sent;
    step.delivered += row.delivered;
    step.failed += row.failed;
    step.skipped += row.skipped;
    step.bookedAfter.within7d += row.bookedWithin7d;
    step.bookedAfter.within14d += row.bookedWithin14d;
    for (const patient of row.optedOut) step.optedOutPatients.add(patient);
    if (row.skipped > 0) {
      const reason = row.skipReason ?? 'unknown';
      step.skippedByReason[reason] = (step.skippedByReason[reason] ?? 0) + row.skipped;
    }
    steps.set(id, step);
  }
  for (const row of replies) {
    const step = steps.get(stepId(row));
    if (step) step.replies += row.replies;
  }
  return [...steps.values()]
    .map(({ optedOutPatients, ...step }) => ({
      ...step,
      optedOutAfter: optedOutPatients.size,
      conversion7d: ratio(step.bookedAfter.within7d, step.sent),
    }))
    .sort(
      (a, b) =>
        (a.serviceType ?? '').localeCompare(b.serviceType ?? '') || a.stepKey.localeCompare(b.stepKey) || a.kind.localeCompare(b.kind),
    );
}

/**
 * Every week of the period, weeks without a send included (a chart needs the gaps): the sends of
 * its days, the bookings within 7 days that followed them, the patients who opted out after them.
 */
export function weeklyOf(period: ReportingPeriod, days: StepDayRow[]): WeekOutcomeDto[] {
  const weeks = new Map(
    weeksOf(period).map((weekStart) => [weekStart, { weekStart, sent: 0, bookedAfter7d: 0, optedOut: new Set<string>() }]),
  );
  for (const row of days) {
    if (row.sent === 0) continue;
    const week = weeks.get(weekOf(row.day));
    if (!week) continue;
    week.sent += row.sent;
    week.bookedAfter7d += row.bookedWithin7d;
    for (const patient of row.optedOut) week.optedOut.add(patient);
  }
  return [...weeks.values()].map((week) => ({ ...week, optedOut: week.optedOut.size }));
}

function histogram(scores: OtherOutcomes['scores']): InsightsDto['checkins'] {
  const counts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const { score, replies } of scores) {
    const key = String(score) as keyof typeof counts;
    if (key in counts) counts[key] += replies;
  }
  return { replies: Object.values(counts).reduce((sum, n) => sum + n, 0), scores: counts };
}

/** Care outcomes of a clinic over a period: what each cadence step achieved, from the records kept. */
@Injectable()
export class InsightsService {
  private readonly keeping = new Map<string, Promise<unknown>>();

  constructor(private readonly repository: InsightsRepository) {}

  async forClinic(clinic: Pick<Clinic, 'id' | 'timezone'>, query: InsightsQuery, now = new Date()): Promise<InsightsDto> {
    const resolved = resolvePeriod(query, clinic.timezone, now);
    const errors = 'errors' in resolved ? resolved.errors : [];
    if (query.serviceType !== undefined && !SERVICE_TYPE_PATTERN.test(query.serviceType)) {
      errors.push({ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' });
    }
    if (!('period' in resolved) || errors.length > 0) throw badRequest(errors);

    const { period } = resolved;
    const scope = { clinicId: clinic.id, zone: clinic.timezone, period, serviceType: query.serviceType };
    const { days, replies, other } = await this.outcomes(scope, now);
    // Every service type is counted by day (that is what is kept); the one asked for is picked here.
    const ofType = <T extends { serviceType: string | null }>(rows: T[]) =>
      query.serviceType === undefined ? rows : rows.filter((row) => row.serviceType === query.serviceType);
    const { started, completed, cancelled } = other.plans;
    return {
      from: period.from,
      to: period.to,
      steps: foldSteps(ofType(days), ofType(replies)),
      checkins: histogram(other.scores),
      alerts: other.alerts,
      plans: { started, completed, cancelled, completionRate: ratio(completed, completed + cancelled) },
      weekly: weeklyOf(period, ofType(days)),
    };
  }

  /**
   * Settled days are counted once and kept (the first answer that reaches them pays for it), the
   * recent ones counted at every answer. `live: true` counts the whole period from the records,
   * as the bench's baseline and the tests' cross-check do.
   */
  async outcomes(scope: InsightsScope, now: Date, options: { live?: boolean } = {}) {
    const parts = options.live ? { live: scope.period } : splitPeriod(scope.period, scope.zone, now);
    if (parts.sealed) await this.keepSettledDays(scope.clinicId, scope.zone, parts.sealed);
    // Undefined only when the clinic's zone changed in between: then everything is counted live.
    return (await this.repository.outcomes(scope, parts)) ?? (await this.repository.outcomes(scope, { live: scope.period }))!;
  }

  /**
   * One clinic's days are kept by one answer at a time in this process: answers that arrive while
   * a year is being counted wait for it, then find their days kept, instead of all counting the
   * same year at once.
   */
  private async keepSettledDays(clinicId: string, zone: string, sealed: DayRange): Promise<void> {
    for (let pending = this.keeping.get(clinicId); pending; pending = this.keeping.get(clinicId)) {
      await pending.catch(() => undefined);
    }
    const keeping = this.repository.keepSettledDays(clinicId, zone, sealed).finally(() => this.keeping.delete(clinicId));
    this.keeping.set(clinicId, keeping);
    await keeping;
  }
}
