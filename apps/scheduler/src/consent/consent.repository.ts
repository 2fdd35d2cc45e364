import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { MessagePattern, type PatientConsent } from '@app/shared';
import { askNotifier } from '../common/ask-notifier.js';
import { NOTIFIER_CLIENT } from '../messages/delivery-history.repository.js';

/** Consent and its record live with the notifier; this asks it over the Redis request/response transport. */
@Injectable()
export class ConsentRepository {
  constructor(@Inject(NOTIFIER_CLIENT) private readonly notifier: ClientProxy) {}

  async forPatient(clinicId: string, patientId: string): Promise<PatientConsent | undefined> {
    return (await askNotifier<PatientConsent | null>(this.notifier, MessagePattern.GetPatientConsent, { clinicId, patientId }, 'the consent record')) ?? undefined;
  }
}
