import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { announceNextPage, decodeCursor, encodeCursor, PageQuery } from '../common/pagination.js';
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
    const page = rows.slice(0, query.limit);
    announceNextPage(response, `/v1/patients/${id}/alerts`, { ...query }, rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : undefined);
    return page.map(({ clinicId: _clinic, ...alert }) => alert);
  }
}
