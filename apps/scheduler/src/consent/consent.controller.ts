import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import type { Clinic, PatientConsent } from '@app/shared';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { IdPipe } from '../common/params.js';
import { ConsentRepository } from './consent.repository.js';

/** A patient's consent and how it came about (API, STOP/START, unsubscribe link, provider). */
@Controller('v1/patients/:id/consent')
@UseGuards(ClinicKeyGuard)
export class ConsentController {
  constructor(private readonly consent: ConsentRepository) {}

  @Get()
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string): Promise<PatientConsent> {
    const consent = await this.consent.forPatient(clinic.id, id);
    if (!consent) throw new NotFoundException(`patient ${id} not found`);
    return consent;
  }
}
