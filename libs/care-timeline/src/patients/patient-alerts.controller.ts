import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { announceNextPage, type Clinic, decodeCursor, IdPipe, PageQuery, toPage } from '@app/shared';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import { PatientsService } from './patients.service.js';
import { AlertDto } from './alert.dto.js';
import { toAlertView } from './clinic-alerts.controller.js';
import { AlertsRepository } from './patient-alerts.repository.js';

/** Flare-ups a patient reported in check-in replies, newest first. */
@Controller('v1/patients/:id/alerts')
@UseGuards(ClinicKeyGuard)
export class AlertsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly alerts: AlertsRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: AlertDto, isArray: true })
  async list(
    @CurrentClinic() clinic: Clinic,
    @Param('id', IdPipe) id: string,
    @Query() query: PageQuery,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.patients.get(clinic.id, id);
    const rows = await this.alerts.list(clinic.id, id, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toAlertView);
    announceNextPage(response, `/v1/patients/${id}/alerts`, { ...query }, page.nextCursor);
    return page.items;
  }
}
