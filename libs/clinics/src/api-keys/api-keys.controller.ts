import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Clinic, announceNextPage, decodeCursor, PageQuery, toPage, IdPipe } from '@app/shared';
import type { Response } from 'express';
import { type Actor, CurrentActor, OwnersOnly } from '../auth/actor.js';
import { ClinicKeyGuard, CurrentClinic } from '../guards.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto.js';
import { ApiKeysService, toApiKeyView } from './api-keys.service.js';

@ApiTags('api-keys')
@Controller('v1/api-keys')
@UseGuards(ClinicKeyGuard)
@OwnersOnly()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(clinic.id, actor, dto.name);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.keys.list(clinic.id, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toApiKeyView);
    announceNextPage(response, '/v1/api-keys', { ...query }, page.nextCursor);
    return page.items;
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiKeyDto })
  revoke(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    return this.keys.revoke(clinic.id, actor, id);
  }
}
