import { Body, Controller, Get, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Clinic } from '@app/shared';
import { type Actor, CurrentActor, OwnersOnly } from './auth/actor.js';
import { AdminGuard, ClinicKeyGuard, CurrentClinic } from './guards.js';
import { ClinicDto, CreatedClinicDto, CreateClinicDto, UpdateClinicDto } from './clinic.dto.js';
import { ClinicsService } from './clinics.service.js';

@Controller('v1/clinics')
export class ClinicsController {
  constructor(private readonly clinics: ClinicsService) {}

  @Post()
  @UseGuards(AdminGuard)
  @ApiCreatedResponse({ type: CreatedClinicDto })
  create(@Body() dto: CreateClinicDto) {
    return this.clinics.create(dto);
  }

  /** The caller's own clinic: its details, quiet hours and what its messages show (booking link, logo, colour). */
  @Get('me')
  @UseGuards(ClinicKeyGuard)
  @ApiOkResponse({ type: ClinicDto })
  me(@CurrentClinic() clinic: Clinic) {
    return this.clinics.get(clinic.id);
  }

  /** Clinic settings: owners (and API keys) only. */
  @Patch('me')
  @UseGuards(ClinicKeyGuard)
  @OwnersOnly()
  @ApiOkResponse({ type: ClinicDto })
  updateMe(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Body() dto: UpdateClinicDto) {
    return this.clinics.update(clinic.id, actor, dto);
  }
}
