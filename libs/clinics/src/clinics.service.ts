import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { type Clinic, DATABASE, type Database, DEFAULT_QUIET_HOURS } from '@app/shared';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AuditService } from './audit/audit.service.js';
import type { Actor } from './auth/actor.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { hashPassword } from './auth/passwords.js';
import { StaffRepository } from './staff/staff.repository.js';
import { toStaffView } from './staff/staff.service.js';
import type { CreateClinicDto, UpdateClinicDto } from './clinic.dto.js';
import { ClinicsRepository } from './clinics.repository.js';

export type ClinicView = Clinic;

export function toClinicView(clinic: Clinic): ClinicView {
  return clinic;
}

const OPERATOR: Actor = { type: 'admin', id: null, role: 'owner' };

@Injectable()
export class ClinicsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly clinics: ClinicsRepository,
    private readonly keys: ApiKeysService,
    private readonly staff: StaffRepository,
    private readonly cache: ApiKeyCache,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates a clinic, its first API key and, when given, its first owner, all or nothing (an
   * owner email already in use is a 409 and creates no clinic). The key is returned once.
   */
  async create(dto: CreateClinicDto) {
    const passwordHash = dto.owner && (await hashPassword(dto.owner.password));
    return this.db.transaction(async (tx) => {
      const clinic = await this.clinics.create(
        {
          name: dto.name,
          timezone: dto.timezone,
          email: dto.email,
          phone: dto.phone ?? null,
          address: dto.address ?? null,
          quietHours:
            dto.quietHours === undefined ? DEFAULT_QUIET_HOURS : dto.quietHours && { start: dto.quietHours.start, end: dto.quietHours.end },
          ...(dto.flareUpThreshold !== undefined && { flareUpThreshold: dto.flareUpThreshold }),
          bookingUrl: dto.bookingUrl ?? null,
          logoUrl: dto.logoUrl ?? null,
          brandColor: dto.brandColor?.toLowerCase() ?? null,
          ...(dto.defaultLocale !== undefined && { defaultLocale: dto.defaultLocale }),
        },
        tx,
      );
      const { key: apiKey } = await this.keys.create(clinic.id, OPERATOR, 'First key', tx);
      const owner =
        dto.owner &&
        toStaffView(
          await this.staff.create(
            { clinicId: clinic.id, email: dto.owner.email, name: dto.owner.name, role: 'owner', passwordHash: passwordHash! },
            tx,
          ),
        );
      return { ...toClinicView(clinic), apiKey, ...(owner && { owner }) };
    });
  }

  /** The clinic's own details, read afresh (the caller's key may have been checked against a cached copy). */
  async get(id: string): Promise<ClinicView> {
    const clinic = await this.clinics.find(id);
    if (!clinic) throw new NotFoundException('clinic not found');
    return toClinicView(clinic);
  }

  /**
   * Changes the fields given; `null` clears an optional one. Cached keys of the clinic are dropped
   * so the next request sees the change (quiet hours, zone) at once.
   */
  async update(id: string, actor: Actor, dto: UpdateClinicDto): Promise<ClinicView> {
    const before = await this.get(id);
    const { quietHours, brandColor, ...fields } = dto;
    const clinic = await this.clinics.update(id, {
      ...fields,
      ...(quietHours !== undefined && { quietHours: quietHours && { start: quietHours.start, end: quietHours.end } }),
      ...(brandColor !== undefined && { brandColor: brandColor?.toLowerCase() ?? null }),
    });
    if (!clinic) throw new NotFoundException('clinic not found');
    await this.cache.forgetClinic(id);
    await this.audit.record(id, actor, { action: 'clinic.update', subjectType: 'clinic', subjectId: id, before, after: clinic });
    return toClinicView(clinic);
  }
}
