import { describe, expect, it } from '@jest/globals';
import type { StepOutcome } from './api/insights.js';
import { csvFileName, stepsToCsv } from './csv.js';

const aftercare: StepOutcome = {
  serviceType: 'medical-massage',
  stepKey: 'aftercare',
  kind: 'aftercare',
  planned: 14,
  sent: 10,
  delivered: 6,
  failed: 1,
  skipped: 3,
  skippedByReason: { 'opted-out': 2, rebooked: 1 },
  optedOutAfter: 1,
  replies: 1,
  bookedAfter: { within7d: 4, within14d: 5 },
  conversion7d: 0.4,
};

describe('the step table as CSV', () => {
  it('writes a header and one line of counts per step', () => {
    expect(stepsToCsv([aftercare]).split('\r\n')).toEqual([
      'service_type,step_key,kind,planned,sent,delivered,failed,skipped,skipped_by_reason,opted_out_after,replies,booked_within_7d,booked_within_14d,conversion_7d',
      'medical-massage,aftercare,aftercare,14,10,6,1,3,opted-out=2; rebooked=1,1,1,4,5,0.4',
      '',
    ]);
  });

  it('leaves a share empty when nothing was sent, and a step without a service type', () => {
    const line = stepsToCsv([{ ...aftercare, serviceType: null, sent: 0, conversion7d: null, skippedByReason: {} }]).split('\r\n')[1];
    expect(line).toBe(',aftercare,aftercare,14,0,6,1,3,,1,1,4,5,');
  });

  it('quotes what needs quoting and defuses what a spreadsheet would run as a formula', () => {
    const line = stepsToCsv([{ ...aftercare, stepKey: '=HYPERLINK("x")', kind: 'a,b' }]).split('\r\n')[1];
    expect(line.startsWith(`medical-massage,"'=HYPERLINK(""x"")","a,b",`)).toBe(true);
  });

  it('names the file after the period and the service type', () => {
    expect(csvFileName('2026-11-01', '2026-11-30')).toBe('care-outcomes-2026-11-01-to-2026-11-30.csv');
    expect(csvFileName('2026-11-01', '2026-11-30', 'acupuncture')).toBe('care-outcomes-2026-11-01-to-2026-11-30-acupuncture.csv');
  });
});
