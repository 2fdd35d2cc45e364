import { Injectable } from '@nestjs/common';
import type { SendCheck, SendCheckInput, SendCheckResult } from './send-checks.js';

/**
 * Consent for the channel, read at send time, and no text to a number that opted out of our
 * sender, even when a clinic (re)records SMS consent through the API: only START lifts a STOP.
 */
@Injectable()
export class ConsentCheck implements SendCheck {
  readonly name = 'consent';

  async check({ patient, facts, channel }: SendCheckInput): Promise<SendCheckResult> {
    if (!(channel === 'email' ? patient.consentEmail : patient.consentSms)) return { skip: 'opted-out' };
    if (channel === 'sms' && facts.smsSuppressed) return { skip: 'opted-out' };
    return undefined;
  }
}
