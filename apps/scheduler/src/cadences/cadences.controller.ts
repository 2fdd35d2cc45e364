import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { type Clinic, SERVICE_TYPE_PATTERN } from '@app/shared';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { badRequest } from '../common/validation.js';
import { PutCadenceDto } from './cadence.dto.js';
import { CadencesService } from './cadences.service.js';

function serviceTypeParam(value: string): string {
  if (!SERVICE_TYPE_PATTERN.test(value)) throw badRequest([{ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' }]);
  return value;
}

@Controller('v1/cadences')
@UseGuards(ClinicKeyGuard)
export class CadencesController {
  constructor(private readonly cadences: CadencesService) {}

  @Get()
  list(@CurrentClinic() clinic: Clinic) {
    return this.cadences.list(clinic.id);
  }

  @Get(':serviceType')
  get(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string) {
    return this.cadences.get(clinic.id, serviceTypeParam(serviceType));
  }

  /** Replaces the cadence; applies to follow-ups planned after this call, not to those already planned. */
  @Put(':serviceType')
  replace(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string, @Body() dto: PutCadenceDto) {
    return this.cadences.replace(clinic, serviceTypeParam(serviceType), dto);
  }
}
