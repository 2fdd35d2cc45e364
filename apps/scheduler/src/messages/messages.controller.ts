import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { announceNextPage, decodeCursor, PageQuery } from '../common/pagination.js';
import { IdPipe } from '../common/params.js';
import { PatientsService } from '../patients/patients.service.js';
import { DeliveryHistoryRepository } from './delivery-history.repository.js';

@Controller('v1/patients/:id/messages')
@UseGuards(ClinicKeyGuard)
export class MessagesController {
  constructor(
    private readonly patients: PatientsService,
    private readonly history: DeliveryHistoryRepository,
  ) {}

  /** What went out to a patient, newest first, as the notifier recorded it. */
  @Get()
  async list(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    await this.patients.get(clinic.id, id);
    decodeCursor(query.cursor);
    const page = await this.history.listForPatient({ clinicId: clinic.id, patientId: id, limit: query.limit, cursor: query.cursor });
    announceNextPage(response, `/v1/patients/${id}/messages`, { ...query }, page.nextCursor);
    return page.items;
  }
}
