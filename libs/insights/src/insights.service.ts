import { Injectable } from '@nestjs/common';
import { badRequest, type Clinic, SERVICE_TYPE_PATTERN } from '@app/shared';
import type { InsightsDto, InsightsQuery, StepOutcomeDto } from './insights.dto.js';
import { InsightsRepository, type OtherOutcomes, type StepOutcomeRow, type WeekRow } from './insights.repository.js';
import { ratio, type ReportingPeriod, resolvePeriod, weeksOf } from './reporting-period.js';

/** Folds a step's groups (one per skip reason) into one line of the table, steps in a stable order. */
export function foldSteps(rows: StepOutcomeRow[]): StepOutcomeDto[] {
  const steps = new Map<string, StepOutcomeDto>();
  for (const row of rows) {
    const id = JSON.stringify([row.serviceType, row.stepKey, row.kind]);
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
    };
    step.planned += row.planned;
    step.sent += row.sent;
    step.delivered += row.delivered;
    step.failed += row.failed;
    step.skipped += row.skipped;
    // Only sent follow-ups carry these, and they all sit in the group without a skip reason,
    // so the distinct patient count is never added across groups.
    step.optedOutAfter += row.optedOutAfter;
    step.replies += row.replies;
    step.bookedAfter.within7d += row.bookedWithin7d;
    step.bookedAfter.within14d += row.bookedWithin14d;
    if (row.skipped > 0) step.skippedByReason[row.skipReason ?? 'unknown'] = row.skipped;
    steps.set(id, step);
  }
  return [...steps.values()]
    .map((step) => ({ ...step, conversion7d: ratio(step.bookedAfter.within7d, step.sent) }))
    .sort(
      (a, b) =>
        (a.serviceType ?? '').localeCompare(b.serviceType ?? '') || a.stepKey.localeCompare(b.stepKey) || a.kind.localeCompare(b.kind),
    );
}

/** Every week of the period, weeks without a send included (a chart needs the gaps). */
export function fillWeeks(period: ReportingPeriod, rows: WeekRow[]): WeekRow[] {
  const byWeek = new Map(rows.map((row) => [row.weekStart, row]));
  return weeksOf(period).map((weekStart) => byWeek.get(weekStart) ?? { weekStart, sent: 0, bookedAfter7d: 0, optedOut: 0 });
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
  constructor(private readonly repository: InsightsRepository) {}

  async forClinic(clinic: Pick<Clinic, 'id' | 'timezone'>, query: InsightsQuery, now = new Date()): Promise<InsightsDto> {
    const resolved = resolvePeriod(query, clinic.timezone, now);
    const errors = 'errors' in resolved ? resolved.errors : [];
    if (query.serviceType !== undefined && !SERVICE_TYPE_PATTERN.test(query.serviceType)) {
      errors.push({ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' });
    }
    if (!('period' in resolved) || errors.length > 0) throw badRequest(errors);

    const scope = { clinicId: clinic.id, zone: clinic.timezone, period: resolved.period, serviceType: query.serviceType };
    const { steps, weeks, other } = await this.repository.outcomes(scope);
    const { started, completed, cancelled } = other.plans;
    return {
      from: resolved.period.from,
      to: resolved.period.to,
      steps: foldSteps(steps),
      checkins: histogram(other.scores),
      alerts: other.alerts,
      plans: { started, completed, cancelled, completionRate: ratio(completed, completed + cancelled) },
      weekly: fillWeeks(resolved.period, weeks),
    };
  }
}
