import { Injectable } from '@nestjs/common';
import { type Clinic, DEFAULT_QUIET_HOURS } from '@app/shared';
import { generateApiKey, hashApiKey } from '../auth/api-key.js';
import type { CreateClinicDto } from './clinic.dto.js';
import { ClinicsRepository } from './clinics.repository.js';

export type ClinicView = Omit<Clinic, 'apiKeyHash'>;

export function toClinicView({ apiKeyHash: _hash, ...clinic }: Clinic): ClinicView {
  return clinic;
}

@Injectable()
export class ClinicsService {
  constructor(private readonly clinics: ClinicsRepository) {}

  /** Creates a clinic and its API key; the key is returned once and only its hash is kept. */
  async create(dto: CreateClinicDto): Promise<ClinicView & { apiKey: string }> {
    const apiKey = generateApiKey();
    const clinic = await this.clinics.create({
      name: dto.name,
      timezone: dto.timezone,
      email: dto.email,
      phone: dto.phone ?? null,
      address: dto.address ?? null,
      quietHours: dto.quietHours === undefined ? DEFAULT_QUIET_HOURS : dto.quietHours && { start: dto.quietHours.start, end: dto.quietHours.end },
      ...(dto.flareUpThreshold !== undefined && { flareUpThreshold: dto.flareUpThreshold }),
      apiKeyHash: hashApiKey(apiKey),
    });
    return { ...toClinicView(clinic), apiKey };
  }
}
