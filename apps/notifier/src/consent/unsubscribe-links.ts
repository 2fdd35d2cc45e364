import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { ConsentRepository } from './consent.repository.js';
import { makeUnsubscribeToken } from './unsubscribe-token.js';

/** The signed, expiring unsubscribe address for the patient an email delivery goes to. */
@Injectable()
export class UnsubscribeLinks {
  constructor(
    private readonly consent: ConsentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forDelivery(deliveryId: string): Promise<string | undefined> {
    const patientId = await this.consent.patientOfDelivery(deliveryId);
    return patientId && `${this.config.publicUrl}/unsubscribe/${makeUnsubscribeToken(patientId, this.config.unsubscribeSecret, new Date())}`;
  }
}
