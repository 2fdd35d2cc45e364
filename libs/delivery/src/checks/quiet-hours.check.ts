import { Injectable } from '@nestjs/common';
import { deferPastQuietHours } from '@app/shared';
import { isBookingConfirmation, type SendCheck, type SendCheckInput, type SendCheckResult } from './send-checks.js';

/**
 * The scheduler already plans send times outside quiet hours; this catches what became due inside
 * them anyway (retries, deferrals, a clinic that changed its hours, a patient who moved zone).
 */
@Injectable()
export class QuietHoursCheck implements SendCheck {
  readonly name = 'quiet-hours';

  async check({ followup, clinic, patient, now }: SendCheckInput): Promise<SendCheckResult> {
    if (isBookingConfirmation(followup)) return undefined;
    const allowed = deferPastQuietHours(now, clinic.quietHours, patient.timezone ?? clinic.timezone);
    return allowed.getTime() > now.getTime() ? { defer: allowed, reason: 'quiet-hours' } : undefined;
  }
}
