import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { announceNextPage, type Appointment, type Clinic, decodeCursor, IdPipe, toPage } from '@app/shared';
import type { Response } from 'express';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { BatchResultDto } from '../batch/batch.dto.js';
import {
  AppointmentDto,
  AppointmentQuery,
  AppointmentsBatchDto,
  CreateAppointmentDto,
  RescheduleAppointmentDto,
} from './appointment.dto.js';
import { AppointmentsService, toAppointmentView } from './appointments.service.js';

@Controller('v1/appointments')
@UseGuards(ClinicKeyGuard)
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly audit: AuditService,
  ) {}

  /** A change of one appointment, in the audit log with the record before and after (nothing when it changed nothing). */
  private async audited(clinic: Clinic, actor: Actor, action: string, id: string, change: () => Promise<Appointment>) {
    const before = toAppointmentView(await this.appointments.get(clinic.id, id));
    const after = toAppointmentView(await change());
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await this.audit.record(clinic.id, actor, { action, subjectType: 'appointment', subjectId: id, before, after });
    }
    return after;
  }

  /** 201 for a new booking; 200 with the existing one when the externalId was seen before. */
  @Post()
  @ApiCreatedResponse({ type: AppointmentDto, description: 'the new booking (200 with the existing one for a repeated externalId)' })
  @UseInterceptors(IdempotencyInterceptor)
  async book(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Body() dto: CreateAppointmentDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { appointment, created } = await this.appointments.book(clinic, dto);
    const view = toAppointmentView(appointment);
    if (created) {
      await this.audit.record(clinic.id, actor, {
        action: 'appointment.book',
        subjectType: 'appointment',
        subjectId: view.id,
        before: null,
        after: view,
      });
    }
    response.status(created ? 201 : 200);
    return view;
  }

  /** Up to 500 bookings from a booking system: one result per item, a bad item refused alone. */
  @Post('batch')
  @HttpCode(200)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOkResponse({ type: BatchResultDto })
  async bookMany(@CurrentClinic() clinic: Clinic, @Body() dto: AppointmentsBatchDto): Promise<BatchResultDto> {
    return { results: await this.appointments.bookMany(clinic, dto.items) };
  }

  /** A patient's visits, latest start first, paginated like every list. */
  @Get()
  @ApiOkResponse({ type: AppointmentDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: AppointmentQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.appointments.listForPatient(clinic.id, query.patientId, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toAppointmentView);
    announceNextPage(response, '/v1/appointments', { ...query }, page.nextCursor);
    return page.items;
  }

  @Get(':id')
  @ApiOkResponse({ type: AppointmentDto })
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return toAppointmentView(await this.appointments.get(clinic.id, id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: AppointmentDto })
  async reschedule(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: RescheduleAppointmentDto,
  ) {
    return this.audited(clinic, actor, 'appointment.reschedule', id, () => this.appointments.reschedule(clinic, id, dto));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentDto })
  async complete(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.audited(clinic, actor, 'appointment.complete', id, () => this.appointments.complete(clinic, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentDto })
  async cancel(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.audited(clinic, actor, 'appointment.cancel', id, () => this.appointments.close(clinic, id, 'cancelled'));
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentDto })
  async noShow(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.audited(clinic, actor, 'appointment.no-show', id, () => this.appointments.close(clinic, id, 'no-show'));
  }
}
