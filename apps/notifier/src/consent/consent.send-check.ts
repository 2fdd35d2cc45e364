import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import type { SendCheck, SendCheckInput, SendCheckResult } from '../delivery/send-checks.js';
import { ConsentRepository } from './consent.repository.js';
import { smsSender } from './consent.service.js';

/**
 * Consent for the channel, read at send time, and no text to a number that opted out of our
 * sender, even when a clinic (re)records SMS consent through the API: only START lifts a STOP.
 */
@Injectable()
export class ConsentCheck implements SendCheck {
  readonly name = 'consent';

  constructor(
    private readonly consent: ConsentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check({ patient, channel, to }: SendCheckInput): Promise<SendCheckResult> {
    if (!(channel === 'email' ? patient.consentEmail : patient.consentSms)) return { skip: 'opted-out' };
    if (channel === 'sms' && (await this.consent.isSuppressed(to, smsSender(this.config)))) return { skip: 'opted-out' };
    return undefined;
  }
}
