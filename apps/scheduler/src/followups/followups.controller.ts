import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { announceNextPage, decodeCursor, PageQuery, toPage } from '../common/pagination.js';
import { FollowupsService, toFollowupView } from './followups.service.js';

const STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'skipped'] as const;

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

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

@Controller('v1/followups')
@UseGuards(ClinicKeyGuard)
export class FollowupsController {
  constructor(private readonly followups: FollowupsService) {}

  @Get()
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
}
