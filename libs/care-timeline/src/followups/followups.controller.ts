import { Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import {
  announceNextPage,
  type Clinic,
  decodeCursor,
  FOLLOWUP_STATUSES,
  type FollowupStatus,
  IdPipe,
  PageQuery,
  toPage,
} from '@app/shared';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { FollowupsService, toFollowupView } from './followups.service.js';

export class FollowupQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  appointmentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ enum: FOLLOWUP_STATUSES })
  @IsOptional()
  @IsIn(FOLLOWUP_STATUSES)
  status?: FollowupStatus;
}

export class FollowupDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['reminder', 'aftercare', 'checkin', 'rebook', 'flareup-checkin', 'confirmation'] })
  kind: string;

  @ApiProperty({ example: 'aftercare' })
  stepKey: string;

  @ApiProperty({ enum: ['email', 'sms', 'preferred'] })
  channel: 'email' | 'sms' | 'preferred';

  @ApiProperty({ format: 'date-time' })
  sendAt: Date;

  @ApiProperty({ enum: FOLLOWUP_STATUSES })
  status: FollowupStatus;

  @ApiPropertyOptional({ description: 'why it was skipped, cancelled, deferred or failed', example: 'too-late' })
  reason?: string;

  @ApiProperty({ format: 'uuid' })
  patientId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  appointmentId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  planId: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  sentAt: Date | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

@Controller('v1/followups')
@UseGuards(ClinicKeyGuard)
export class FollowupsController {
  constructor(
    private readonly followups: FollowupsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ type: FollowupDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: FollowupQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.followups.list(
      { clinicId: clinic.id, patientId: query.patientId, appointmentId: query.appointmentId, planId: query.planId, status: query.status },
      query.limit + 1,
      decodeCursor(query.cursor),
    );
    const page = toPage(rows, query.limit, toFollowupView);
    announceNextPage(response, '/v1/followups', { ...query }, page.nextCursor);
    return page.items;
  }

  /** A failed or dead follow-up planned again to go out now (409 for any other status). */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: FollowupDto })
  async retry(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    const { before, after } = await this.followups.retry(clinic.id, id);
    await this.audit.record(clinic.id, actor, {
      action: 'followup.retry',
      subjectType: 'followup',
      subjectId: id,
      before: toFollowupView(before),
      after: toFollowupView(after),
    });
    return toFollowupView(after);
  }
}
