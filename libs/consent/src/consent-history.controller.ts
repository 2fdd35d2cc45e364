import { Controller, Inject } from '@nestjs/common';
import { MessagePattern as OnMessage, Payload } from '@nestjs/microservices';
import { APP_CONFIG, type AppConfig, type GetPatientConsentRequest, MessagePattern, type PatientConsent } from '@app/shared';
import { ConsentRepository } from './consent.repository.js';
import { smsSender } from './consent.service.js';

/** Answers the scheduler's questions about a patient's consent (Redis request/response). */
@Controller()
export class ConsentHistoryController {
  constructor(
    private readonly consent: ConsentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnMessage(MessagePattern.GetPatientConsent)
  async forPatient(@Payload() request: GetPatientConsentRequest): Promise<PatientConsent | null> {
    const patient = await this.consent.patient(request.patientId);
    if (!patient || patient.clinicId !== request.clinicId) return null;
    const history = await this.consent.history(patient.id);
    return {
      email: patient.consentEmail,
      sms: patient.consentSms,
      smsSuppressed: patient.phone ? await this.consent.isSuppressed(patient.phone, smsSender(this.config)) : false,
      history: history.map((event) => ({
        channel: event.channel,
        granted: event.granted,
        source: event.source,
        at: event.createdAt.toISOString(),
      })),
    };
  }
}
