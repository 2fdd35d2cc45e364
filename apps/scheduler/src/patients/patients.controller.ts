import { Body, Controller, Get, Param, Patch, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { IdPipe } from '../common/params.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { CreatePatientDto, UpdatePatientDto } from './patient.dto.js';
import { PatientsService, toPatientView } from './patients.service.js';

@Controller('v1/patients')
@UseGuards(ClinicKeyGuard)
export class PatientsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly alerts: AlertsRepository,
  ) {}

  /** 201 for a new patient; 200 with the existing one when the externalId was seen before. */
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  async create(@CurrentClinic() clinic: Clinic, @Body() dto: CreatePatientDto, @Res({ passthrough: true }) response: Response) {
    const { patient, created } = await this.patients.create(clinic.id, dto);
    response.status(created ? 201 : 200);
    return patient;
  }

  /** The patient, flagged with the latest flare-up reported in a check-in reply (null when none). */
  @Get(':id')
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    const patient = toPatientView(await this.patients.get(clinic.id, id));
    const [latest] = await this.alerts.list(clinic.id, id, 1);
    return { ...patient, flareUp: latest ? { score: latest.score, at: latest.createdAt } : null };
  }

  @Patch(':id')
  update(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string, @Body() dto: UpdatePatientDto) {
    return this.patients.update(clinic.id, id, dto);
  }
}
