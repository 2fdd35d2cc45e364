import { Injectable } from '@nestjs/common';
import type { SendCheck, SendCheckInput, SendCheckResult } from './send-checks.js';

/**
 * A step with condition `no-future-booking` (rebooking nudges) is skipped as `rebooked` when the
 * patient has booked a visit that is still ahead: decided at the claim, not when the nudge was planned.
 */
@Injectable()
export class NoFutureBookingCheck implements SendCheck {
  readonly name = 'no-future-booking';

  async check({ followup, facts }: SendCheckInput): Promise<SendCheckResult> {
    if (followup.step.condition !== 'no-future-booking') return undefined;
    return facts.bookedAhead ? { skip: 'rebooked' } : undefined;
  }
}
