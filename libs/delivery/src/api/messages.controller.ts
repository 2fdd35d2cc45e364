import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { PatientRecordsService } from '@app/care-timeline';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import { announceNextPage, type Clinic, decodeCursor, IdPipe, MessagePattern, NotifierClient, PageQuery } from '@app/shared';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';

/** A delivery record: one attempt at one channel of a follow-up. */
export class DeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  followupId: string;

  @ApiProperty({ enum: ['email', 'sms'] })
  channel: 'email' | 'sms';

  @ApiProperty({ description: 'the address or number it went to' })
  to: string;

  @ApiProperty({ example: 'delivered', description: 'sending, sent, delivered, failed, undelivered, …' })
  status: string;

  @ApiPropertyOptional({ description: "the provider's id (Twilio SID, SMTP message id)" })
  providerMessageId?: string;

  @ApiPropertyOptional({ description: "why it failed, in the provider's words" })
  error?: string;

  @ApiPropertyOptional({ example: 1 })
  segments?: number;

  @ApiPropertyOptional({ enum: ['email', 'sms'], description: 'the channel that failed for good before this one was tried' })
  fallbackFrom?: 'email' | 'sms';

  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

@Controller('v1/patients/:id/messages')
@UseGuards(ClinicKeyGuard)
export class MessagesController {
  constructor(
    private readonly patients: PatientRecordsService,
    private readonly notifier: NotifierClient,
  ) {}

  /** What went out to a patient, newest first, as the notifier recorded it (asked over request/response). */
  @Get()
  @ApiOkResponse({ type: DeliveryDto, isArray: true })
  async list(
    @CurrentClinic() clinic: Clinic,
    @Param('id', IdPipe) id: string,
    @Query() query: PageQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.patients.get(clinic.id, id);
    decodeCursor(query.cursor);
    const page = await this.notifier.ask(
      MessagePattern.ListPatientDeliveries,
      { clinicId: clinic.id, patientId: id, limit: query.limit, cursor: query.cursor },
      'delivery history',
    );
    announceNextPage(response, `/v1/patients/${id}/messages`, { ...query }, page.nextCursor);
    return page.items;
  }
}
