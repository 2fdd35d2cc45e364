import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Clinic } from '@app/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { ClinicKeyGuard, CurrentClinic } from '../auth/guards.js';
import { announceNextPage, decodeCursor, PageQuery } from '../common/pagination.js';
import { IdPipe } from '../common/params.js';
import { RepliesRepository } from './replies.repository.js';

const STATUSES = ['unread', 'read', 'handled'] as const;

export class ReplyQuery extends PageQuery {
  /** `unread`: texts nobody could read automatically, waiting for staff. */
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

/** What patients texted back, newest first. */
@Controller('v1/replies')
@UseGuards(ClinicKeyGuard)
export class RepliesController {
  constructor(private readonly replies: RepliesRepository) {}

  @Get()
  async list(@CurrentClinic() clinic: Clinic, @Query() query: ReplyQuery, @Res({ passthrough: true }) response: Response) {
    decodeCursor(query.cursor);
    const page = await this.replies.list({ clinicId: clinic.id, status: query.status, limit: query.limit, cursor: query.cursor });
    announceNextPage(response, '/v1/replies', { ...query }, page.nextCursor);
    return page.items;
  }

  @Post(':id/read')
  @HttpCode(200)
  async markRead(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    const reply = await this.replies.markRead(clinic.id, id);
    if (!reply) throw new NotFoundException(`reply ${id} not found`);
    return reply;
  }
}
