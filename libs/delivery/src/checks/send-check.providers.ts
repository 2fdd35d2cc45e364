import type { Provider } from '@nestjs/common';
import { ConsentCheck } from './consent.check.js';
import { FrequencyCapCheck } from './frequency-cap.check.js';
import { NoFutureBookingCheck } from './no-future-booking.check.js';
import { QuietHoursCheck } from './quiet-hours.check.js';
import { AppointmentStillValidCheck, SEND_CHECKS, type SendCheck } from './send-checks.js';

/** The send-time checks and the ordered list the send use case runs (docs/decisions/0005-send-time-checks.md). */
export const sendCheckProviders: Provider[] = [
  AppointmentStillValidCheck,
  ConsentCheck,
  NoFutureBookingCheck,
  QuietHoursCheck,
  FrequencyCapCheck,
  {
    provide: SEND_CHECKS,
    useFactory: (...checks: SendCheck[]) => checks,
    // Skips first, then deferrals: quiet hours before caps, so a capped message waits once.
    inject: [AppointmentStillValidCheck, ConsentCheck, NoFutureBookingCheck, QuietHoursCheck, FrequencyCapCheck],
  },
];
