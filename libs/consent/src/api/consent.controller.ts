import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import { type Clinic, IdPipe, MessagePattern, NotifierClient, type PatientConsent } from '@app/shared';

class ConsentChangeDto {
  @ApiProperty({ enum: ['email', 'sms'] })
  channel: 'email' | 'sms';

  @ApiProperty({ description: 'true: consent given; false: withdrawn' })
  granted: boolean;

  @ApiProperty({ description: 'how it came about', example: 'sms-stop' })
  source: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class PatientConsentDto {
  @ApiProperty()
  email: boolean;

  @ApiProperty()
  sms: boolean;

  @ApiProperty({ description: 'the phone number texted STOP (no SMS goes to it until START)' })
  smsSuppressed: boolean;

  @ApiProperty({ type: () => ConsentChangeDto, isArray: true, description: 'newest first' })
  history: ConsentChangeDto[];
}

/**
 * A patient's consent and how it came about (API, STOP/START, unsubscribe link, provider). The
 * record lives with the notifier; the scheduler asks it over the request/response transport.
 */
@Controller('v1/patients/:id/consent')
@UseGuards(ClinicKeyGuard)
export class ConsentController {
  constructor(private readonly notifier: NotifierClient) {}

  @Get()
  @ApiOkResponse({ type: PatientConsentDto })
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string): Promise<PatientConsent> {
    const consent = await this.notifier.ask(MessagePattern.GetPatientConsent, { clinicId: clinic.id, patientId: id }, 'the consent record');
    if (!consent) throw new NotFoundException(`patient ${id} not found`);
    return consent;
  }
}
