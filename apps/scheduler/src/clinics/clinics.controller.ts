import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { AdminGuard } from '../auth/guards.js';
import { CreateClinicDto } from './clinic.dto.js';
import { ClinicsService } from './clinics.service.js';

@Controller('v1/clinics')
export class ClinicsController {
  constructor(private readonly clinics: ClinicsService) {}

  @Post()
  @UseGuards(AdminGuard)
  create(@Body() dto: CreateClinicDto) {
    return this.clinics.create(dto);
  }
}
