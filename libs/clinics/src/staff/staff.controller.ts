import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Clinic, announceNextPage, decodeCursor, PageQuery, toPage, IdPipe } from '@app/shared';
import type { Response } from 'express';
import { type Actor, CurrentActor, OwnersOnly } from '../auth/actor.js';
import { ClinicKeyGuard, CurrentClinic } from '../guards.js';
import { ChangePasswordDto, CreateStaffDto, StaffMemberDto } from './staff.dto.js';
import { StaffService, toStaffView } from './staff.service.js';

@ApiTags('staff')
@Controller('v1/staff')
@UseGuards(ClinicKeyGuard)
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @OwnersOnly()
  @ApiCreatedResponse({ type: StaffMemberDto })
  create(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Body() dto: CreateStaffDto) {
    return this.staff.create(clinic.id, actor, dto);
  }

  @Get()
  @OwnersOnly()
  @ApiOkResponse({ type: StaffMemberDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    const rows = await this.staff.list(clinic.id, query.limit + 1, decodeCursor(query.cursor));
    const page = toPage(rows, query.limit, toStaffView);
    announceNextPage(response, '/v1/staff', { ...query }, page.nextCursor);
    return page.items;
  }

  /** Any signed-in member, owner or not, changes their own password. */
  @Put('me/password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'changed; the member’s other sessions are signed out' })
  async changeOwnPassword(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    await this.staff.changeOwnPassword(clinic.id, actor, dto);
  }

  @Delete(':id')
  @OwnersOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'removed and signed out; 409 for the last owner' })
  async remove(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('id', IdPipe) id: string) {
    await this.staff.remove(clinic.id, actor, id);
  }
}
