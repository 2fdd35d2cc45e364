import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Clinic, announceNextPage, decodeCursor, PageQuery, toPage } from '@app/shared';
import type { Response } from 'express';
import { OwnersOnly } from '../auth/actor.js';
import { ClinicKeyGuard, CurrentClinic } from '../guards.js';
import { AuditEventDto } from './audit.dto.js';
import { AuditService, toAuditView } from './audit.service.js';

/** Who changed what, newest first (owners). */
@ApiTags('audit')
@Controller('v1/audit')
@UseGuards(ClinicKeyGuard)
@OwnersOnly()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditEventDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.audit.list(clinic.id, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toAuditView);
    announceNextPage(response, '/v1/audit', { ...query }, page.nextCursor);
    return page.items;
  }
}
