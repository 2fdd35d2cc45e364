import { Controller } from '@nestjs/common';
import { MessagePattern as OnMessage, Payload } from '@nestjs/microservices';
import {
  cursorId,
  type DeliveryRecord,
  encodeCursor,
  type ListPatientDeliveriesRequest,
  MessagePattern,
  type Page,
} from '@app/shared';
import { DeliveriesRepository } from './deliveries.repository.js';

/** Answers the scheduler's questions about what was sent (Redis request/response). */
@Controller()
export class DeliveryHistoryController {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  @OnMessage(MessagePattern.ListPatientDeliveries)
  async listForPatient(@Payload() request: ListPatientDeliveriesRequest): Promise<Page<DeliveryRecord>> {
    const limit = Math.min(Math.max(Math.trunc(request.limit) || 50, 1), 200);
    const before = request.cursor ? cursorId(request.cursor) : undefined;
    const rows = await this.deliveries.listForPatient(request.clinicId, request.patientId, limit + 1, before);
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      followupId: row.followupId,
      channel: row.channel,
      to: row.to,
      status: row.status,
      ...(row.providerMessageId && { providerMessageId: row.providerMessageId }),
      ...(row.error && { error: row.error }),
      ...(row.segments !== null && { segments: row.segments }),
      ...(row.fallbackFrom && { fallbackFrom: row.fallbackFrom }),
      attempt: row.attempt,
      createdAt: row.createdAt.toISOString(),
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : undefined };
  }
}
