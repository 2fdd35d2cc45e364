import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, deferPastQuietHours } from '@app/shared';
import { nextAllowedUnderCap } from './frequency-cap.js';
import { isBookingConfirmation, type SendCheck, type SendCheckInput, type SendCheckResult } from './send-checks.js';

/** Beyond this wait a follow-up has lost its moment (aftercare two days late is noise). */
export const MAX_CAP_WAIT_MS = 48 * 3600_000;

/**
 * At most so many messages per patient and channel a day and a week. A message over the cap waits
 * until it fits (and past quiet hours); it is skipped with `frequency-cap` when that wait would be
 * over 48 hours, or would bring a reminder after the appointment has started.
 */
@Injectable()
export class FrequencyCapCheck implements SendCheck {
  readonly name = 'frequency-cap';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check({ followup, clinic, patient, appointment, facts, channel, now }: SendCheckInput): Promise<SendCheckResult> {
    const cap = this.config.delivery.caps[channel];
    if ((cap.day === 0 && cap.week === 0) || isBookingConfirmation(followup)) return undefined;
    // The past week's messages on the channel, read with the claim.
    const fits = nextAllowedUnderCap(facts.sentTimes[channel], now, cap);
    if (fits.getTime() <= now.getTime()) return undefined;
    const at = deferPastQuietHours(fits, clinic.quietHours, patient.timezone ?? clinic.timezone);
    const beforeVisit = followup.step.anchor !== 'appointment.start' || !appointment || at.getTime() < appointment.startsAt.getTime();
    if (at.getTime() - now.getTime() > MAX_CAP_WAIT_MS || !beforeVisit) return { skip: 'frequency-cap' };
    return { defer: at, reason: 'frequency-cap' };
  }
}
