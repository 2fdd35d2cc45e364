/**
 * The step table as a CSV file: counts only, one line per step, as the API answers them (no name,
 * address or number of a patient is ever in the answer, so none can be in the file).
 */
import type { StepOutcome } from './api/insights';

const COLUMNS: [string, (step: StepOutcome) => string | number | null][] = [
  ['service_type', (s) => s.serviceType],
  ['step_key', (s) => s.stepKey],
  ['kind', (s) => s.kind],
  ['planned', (s) => s.planned],
  ['sent', (s) => s.sent],
  ['delivered', (s) => s.delivered],
  ['failed', (s) => s.failed],
  ['skipped', (s) => s.skipped],
  [
    'skipped_by_reason',
    (s) =>
      Object.entries(s.skippedByReason)
        .map(([reason, n]) => `${reason}=${n}`)
        .join('; '),
  ],
  ['opted_out_after', (s) => s.optedOutAfter],
  ['replies', (s) => s.replies],
  ['booked_within_7d', (s) => s.bookedAfter.within7d],
  ['booked_within_14d', (s) => s.bookedAfter.within14d],
  ['conversion_7d', (s) => s.conversion7d],
];

/** RFC 4180: quoted when needed; a cell that a spreadsheet would run as a formula is defused. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function stepsToCsv(steps: StepOutcome[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const step of steps) lines.push(COLUMNS.map(([, value]) => cell(value(step))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `care-outcomes-2026-10-25-to-2026-11-23[-medical-massage].csv` */
export function csvFileName(from: string, to: string, serviceType?: string): string {
  return `care-outcomes-${from}-to-${to}${serviceType ? `-${serviceType}` : ''}.csv`;
}
