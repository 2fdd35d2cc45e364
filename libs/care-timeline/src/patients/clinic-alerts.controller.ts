import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { announceNextPage, type Clinic, decodeCursor, IdPipe, type PatientAlert, toPage } from '@app/shared';
import type { Response } from 'express';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { AlertDto, AlertQuery, ClinicAlertDto } from './alert.dto.js';
import { AlertsRepository } from './patient-alerts.repository.js';
import { PatientsService } from './patients.service.js';

export function toAlertView({ clinicId: _clinic, ...alert }: PatientAlert) {
  return alert;
}

/** The clinic's flare-up alerts, newest first, and acknowledging them. */
@ApiTags('alerts')
@Controller('v1/alerts')
@UseGuards(ClinicKeyGuard)
export class ClinicAlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ClinicAlertDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: AlertQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.alerts.listForClinic(clinic.id, query.status, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toAlertView);
    announceNextPage(response, '/v1/alerts', { ...query }, page.nextCursor);
    return this.patients.withNames(clinic.id, page.items);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertDto })
  async acknowledge(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    const before = await this.alerts.find(clinic.id, id);
    if (!before) throw new NotFoundException(`alert ${id} not found`);
    const after = (await this.alerts.acknowledge(clinic.id, id, `${actor.type}:${actor.id ?? 'admin'}`))!;
    if (!before.acknowledgedAt) {
      await this.audit.record(clinic.id, actor, {
        action: 'alert.acknowledge',
        subjectType: 'alert',
        subjectId: id,
        before: toAlertView(before),
        after: toAlertView(after),
      });
    }
    return toAlertView(after);
  }
}
