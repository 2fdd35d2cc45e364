import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import type { Clinic } from '@app/shared';
import { InsightsDto, InsightsQuery } from './insights.dto.js';
import { InsightsService } from './insights.service.js';

/** What each cadence step achieved for the calling clinic: counts only, never a patient. */
@Controller('v1/insights')
@UseGuards(ClinicKeyGuard)
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Get()
  @ApiOkResponse({ type: InsightsDto })
  get(@CurrentClinic() clinic: Clinic, @Query() query: InsightsQuery): Promise<InsightsDto> {
    return this.insights.forClinic(clinic, query);
  }
}
