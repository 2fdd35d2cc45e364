import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { announceNextPage, type Clinic, decodeCursor, IdPipe, PageQuery, toPage } from '@app/shared';
import type { Response } from 'express';
import { AlertsRepository } from './patient-alerts.repository.js';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { BatchResultDto } from '../batch/batch.dto.js';
import { CreatePatientDto, PatientDto, PatientsBatchDto, PatientWithFlareUpDto, UpdatePatientDto } from './patient.dto.js';
import { PatientsService, toPatientView } from './patients.service.js';

export class PatientQuery extends PageQuery {
  /** "Search patients": the start of a first name, last name or email, or some digits of a phone number. */
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'ale' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  search?: string;
}

@Controller('v1/patients')
@UseGuards(ClinicKeyGuard)
export class PatientsController {
  constructor(
    private readonly patients: PatientsService,
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditService,
  ) {}

  /** 201 for a new patient; 200 with the existing one when the externalId was seen before. */
  @Post()
  @ApiCreatedResponse({ type: PatientDto, description: 'the new patient (200 with the existing one for a repeated externalId)' })
  @UseInterceptors(IdempotencyInterceptor)
  async create(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Body() dto: CreatePatientDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { patient, created } = await this.patients.create(clinic.id, dto);
    if (created) {
      await this.audit.record(clinic.id, actor, {
        action: 'patient.create',
        subjectType: 'patient',
        subjectId: patient.id,
        before: null,
        after: patient,
      });
    }
    response.status(created ? 201 : 200);
    return patient;
  }

  /** Up to 500 patients from a booking system: one result per item, a bad item refused alone. */
  @Post('batch')
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOkResponse({ type: BatchResultDto })
  async createMany(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Body() dto: PatientsBatchDto): Promise<BatchResultDto> {
    return { results: await this.patients.createMany(clinic.id, actor, dto.items) };
  }

  /** The clinic's patients by name, or those matching `search`. */
  @Get()
  @ApiOkResponse({ type: PatientDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: PatientQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.patients.search(clinic.id, query.search, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toPatientView);
    announceNextPage(response, '/v1/patients', { ...query }, page.nextCursor);
    return page.items;
  }

  /** The patient, flagged with the latest flare-up reported in a check-in reply (null when none). */
  @Get(':id')
  @ApiOkResponse({ type: PatientWithFlareUpDto })
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    const patient = toPatientView(await this.patients.get(clinic.id, id));
    const [latest] = await this.alerts.list(clinic.id, id, 1);
    return { ...patient, flareUp: latest ? { score: latest.score, at: latest.createdAt } : null };
  }

  @Patch(':id')
  @ApiOkResponse({ type: PatientDto })
  async update(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdatePatientDto,
  ) {
    const before = toPatientView(await this.patients.get(clinic.id, id));
    const after = await this.patients.update(clinic.id, id, dto);
    await this.audit.record(clinic.id, actor, { action: 'patient.update', subjectType: 'patient', subjectId: id, before, after });
    return after;
  }
}
