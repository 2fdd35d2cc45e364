import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { type Clinic, MessagePattern, type PatientConsent } from '@app/shared';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { askNotifier } from '../common/ask-notifier.js';
import { IdPipe } from '../common/params.js';
import { NOTIFIER_CLIENT } from '../messages/delivery-history.repository.js';

/** A patient's consent and how it came about (API, STOP/START, unsubscribe link, provider), from the notifier. */
@Controller('v1/patients/:id/consent')
@UseGuards(ClinicKeyGuard)
export class ConsentController {
  constructor(@Inject(NOTIFIER_CLIENT) private readonly notifier: ClientProxy) {}

  @Get()
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string): Promise<PatientConsent> {
    const consent = await askNotifier<PatientConsent | null>(this.notifier, MessagePattern.GetPatientConsent, { clinicId: clinic.id, patientId: id }, 'the consent record');
    if (!consent) throw new NotFoundException(`patient ${id} not found`);
    return consent;
  }
}
