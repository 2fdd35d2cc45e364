import { Controller } from '@nestjs/common';
import { MessagePattern as OnMessage, Payload } from '@nestjs/microservices';
import {
  cursorId,
  type InboundMessage,
  type ListRepliesRequest,
  type MarkReplyReadRequest,
  MessagePattern,
  type Page,
  pageLimit,
  type ReplyRecord,
  toPage,
} from '@app/shared';
import { RepliesRepository } from './replies.repository.js';

function toRecord(row: InboundMessage): ReplyRecord {
  return {
    id: row.id,
    ...(row.patientId && { patientId: row.patientId }),
    ...(row.followupId && { followupId: row.followupId }),
    from: row.from,
    body: row.body,
    intent: row.intent,
    ...(row.score !== null && { score: row.score }),
    status: row.status,
    receivedAt: row.createdAt.toISOString(),
  };
}

/** Answers the scheduler's questions about patients' replies (Redis request/response). */
@Controller()
export class RepliesHistoryController {
  constructor(private readonly replies: RepliesRepository) {}

  @OnMessage(MessagePattern.ListReplies)
  async list(@Payload() request: ListRepliesRequest): Promise<Page<ReplyRecord>> {
    const limit = pageLimit(request.limit);
    const before = request.cursor ? cursorId(request.cursor) : undefined;
    const rows = await this.replies.list(request.clinicId, request.status, limit + 1, before);
    return toPage(rows, limit, toRecord);
  }

  @OnMessage(MessagePattern.MarkReplyRead)
  async markRead(@Payload() request: MarkReplyReadRequest): Promise<ReplyRecord | null> {
    const row = await this.replies.markRead(request.clinicId, request.id);
    return row ? toRecord(row) : null;
  }
}
