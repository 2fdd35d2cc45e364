import { Injectable } from '@nestjs/common';
import { FutureBookingsRepository } from './future-bookings.repository.js';
import type { SendCheck, SendCheckInput, SendCheckResult } from './send-checks.js';

/**
 * A step with condition `no-future-booking` (rebooking nudges) is skipped as `rebooked` when the
 * patient has booked a visit that is still ahead: decided now, not when the nudge was planned.
 */
@Injectable()
export class NoFutureBookingCheck implements SendCheck {
  readonly name = 'no-future-booking';

  constructor(private readonly bookings: FutureBookingsRepository) {}

  async check({ followup, patient, now }: SendCheckInput): Promise<SendCheckResult> {
    if (followup.step.condition !== 'no-future-booking') return undefined;
    return (await this.bookings.hasBookingAfter(patient.id, now)) ? { skip: 'rebooked' } : undefined;
  }
}
