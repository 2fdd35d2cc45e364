import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { announceNextPage, decodeCursor, PageQuery, toPage } from '../common/pagination.js';
import { IdPipe } from '../common/params.js';
import { PatientsService } from '../patients/patients.service.js';
import { AlertsRepository } from './alerts.repository.js';

/** Flare-ups a patient reported in check-in replies, newest first. */
@Controller('v1/patients/:id/alerts')
@UseGuards(ClinicKeyGuard)
export class AlertsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly alerts: AlertsRepository,
  ) {}

  @Get()
  async list(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    await this.patients.get(clinic.id, id);
    const rows = await this.alerts.list(clinic.id, id, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, ({ clinicId: _clinic, ...alert }) => alert);
    announceNextPage(response, `/v1/patients/${id}/alerts`, { ...query }, page.nextCursor);
    return page.items;
  }
}
