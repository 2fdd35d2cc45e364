import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { IdPipe } from '../common/params.js';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor.js';
import { CreateAppointmentDto, RescheduleAppointmentDto } from './appointment.dto.js';
import { AppointmentsService, toAppointmentView } from './appointments.service.js';

@Controller('v1/appointments')
@UseGuards(ClinicKeyGuard)
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** 201 for a new booking; 200 with the existing one when the externalId was seen before. */
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  async book(@CurrentClinic() clinic: Clinic, @Body() dto: CreateAppointmentDto, @Res({ passthrough: true }) response: Response) {
    const { appointment, created } = await this.appointments.book(clinic, dto);
    response.status(created ? 201 : 200);
    return toAppointmentView(appointment);
  }

  @Get(':id')
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return toAppointmentView(await this.appointments.get(clinic.id, id));
  }

  @Patch(':id')
  async reschedule(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string, @Body() dto: RescheduleAppointmentDto) {
    return toAppointmentView(await this.appointments.reschedule(clinic, id, dto));
  }

  @Post(':id/complete')
  @HttpCode(200)
  async complete(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return toAppointmentView(await this.appointments.complete(clinic, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return toAppointmentView(await this.appointments.close(clinic, id, 'cancelled'));
  }

  @Post(':id/no-show')
  @HttpCode(200)
  async noShow(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    return toAppointmentView(await this.appointments.close(clinic, id, 'no-show'));
  }
}
