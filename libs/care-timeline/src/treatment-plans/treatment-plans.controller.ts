import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { announceNextPage, type Clinic, decodeCursor, IdPipe } from '@app/shared';
import type { Response } from 'express';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { CreateTreatmentPlanDto, TreatmentPlanDto, TreatmentPlanQuery } from './treatment-plan.dto.js';
import { TreatmentPlansService } from './treatment-plans.service.js';

@Controller('v1/treatment-plans')
@UseGuards(ClinicKeyGuard)
export class TreatmentPlansController {
  constructor(
    private readonly plans: TreatmentPlansService,
    private readonly audit: AuditService,
  ) {}

  /** 201 for a new plan; 200 with the existing one when the externalId was seen before. */
  @Post()
  @ApiCreatedResponse({ type: TreatmentPlanDto, description: 'the new plan (200 with the existing one for a repeated externalId)' })
  @UseInterceptors(IdempotencyInterceptor)
  async create(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Body() dto: CreateTreatmentPlanDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { plan, created } = await this.plans.create(clinic, dto);
    if (created) {
      await this.audit.record(clinic.id, actor, {
        action: 'treatment-plan.create',
        subjectType: 'treatment-plan',
        subjectId: plan.id,
        before: null,
        after: plan,
      });
    }
    response.status(created ? 201 : 200);
    return plan;
  }

  /** A patient's plans with their progress, newest first, paginated like every list. */
  @Get()
  @ApiOkResponse({ type: TreatmentPlanDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: TreatmentPlanQuery, @Res({ passthrough: true }) response: Response) {
    const page = await this.plans.listForPatient(clinic, query.patientId, query.limit, decodeCursor(query.cursor));
    announceNextPage(response, '/v1/treatment-plans', { ...query }, page.nextCursor);
    return page.items;
  }

  /** Progress: sessions done, when the next one is due, status. */
  @Get(':id')
  @ApiOkResponse({ type: TreatmentPlanDto })
  get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return this.plans.get(clinic, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TreatmentPlanDto })
  async cancel(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    const before = await this.plans.get(clinic, id);
    const after = await this.plans.cancel(clinic, id);
    if (before.status !== after.status) {
      await this.audit.record(clinic.id, actor, {
        action: 'treatment-plan.cancel',
        subjectType: 'treatment-plan',
        subjectId: id,
        before,
        after,
      });
    }
    return after;
  }
}
