import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import {
  announceNextPage,
  type Clinic,
  decodeCursor,
  IdPipe,
  MessagePattern,
  NotifierClient,
  PageQuery,
  REPLY_STATUSES,
  type ReplyStatus,
} from '@app/shared';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';

export class ReplyQuery extends PageQuery {
  /** `unread`: texts nobody could read automatically, waiting for staff. */
  @ApiPropertyOptional({ enum: REPLY_STATUSES })
  @IsOptional()
  @IsIn(REPLY_STATUSES)
  status?: ReplyStatus;
}

/** A text a patient sent, as staff see it. */
export class ReplyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ format: 'uuid', description: "the patient it came from, when the number is one of the clinic's patients" })
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the follow-up it answers' })
  followupId?: string;

  @ApiProperty({ description: 'E.164', example: '+15145550111' })
  from: string;

  @ApiProperty({ example: 'Can I bring my own towel?' })
  body: string;

  @ApiProperty({ example: 'unrecognised', description: 'opt-out, opt-in, help, checkin-score, confirm or unrecognised' })
  intent: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'a check-in score' })
  score?: number;

  @ApiProperty({ enum: REPLY_STATUSES })
  status: ReplyStatus;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;
}

/** What patients texted back, newest first. The replies live with the notifier; this asks it over request/response. */
@Controller('v1/replies')
@UseGuards(ClinicKeyGuard)
export class RepliesController {
  constructor(private readonly notifier: NotifierClient) {}

  @Get()
  @ApiOkResponse({ type: ReplyDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic, @Query() query: ReplyQuery, @Res({ passthrough: true }) response: Response) {
    decodeCursor(query.cursor);
    const page = await this.notifier.ask(
      MessagePattern.ListReplies,
      { clinicId: clinic.id, status: query.status, limit: query.limit, cursor: query.cursor },
      'the list of replies',
    );
    announceNextPage(response, '/v1/replies', { ...query }, page.nextCursor);
    return page.items;
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplyDto })
  async markRead(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string) {
    const reply = await this.notifier.ask(MessagePattern.MarkReplyRead, { clinicId: clinic.id, id }, 'marking a reply read');
    if (!reply) throw new NotFoundException(`reply ${id} not found`);
    return reply;
  }
}
