import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { makeUnsubscribeToken } from './unsubscribe-token.js';

/** The signed, expiring unsubscribe address for the patient an email goes to. */
@Injectable()
export class UnsubscribeLinks {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The caller holds the patient's id already (the claim read it): no look-up. */
  forPatient(patientId: string): string {
    return `${this.config.publicUrl}/unsubscribe/${makeUnsubscribeToken(patientId, this.config.unsubscribeSecret, new Date())}`;
  }
}
