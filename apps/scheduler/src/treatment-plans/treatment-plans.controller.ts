import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { IdPipe } from '../common/params.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { CreateTreatmentPlanDto } from './treatment-plan.dto.js';
import { TreatmentPlansService } from './treatment-plans.service.js';

@Controller('v1/treatment-plans')
@UseGuards(ClinicKeyGuard)
export class TreatmentPlansController {
  constructor(private readonly plans: TreatmentPlansService) {}

  /** 201 for a new plan; 200 with the existing one when the externalId was seen before. */
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  async create(@CurrentClinic() clinic: Clinic, @Body() dto: CreateTreatmentPlanDto, @Res({ passthrough: true }) response: Response) {
    const { plan, created } = await this.plans.create(clinic, dto);
    response.status(created ? 201 : 200);
    return plan;
  }

  /** Progress: sessions done, when the next one is due, status. */
  @Get(':id')
  get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return this.plans.get(clinic, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return this.plans.cancel(clinic, id);
  }
}
