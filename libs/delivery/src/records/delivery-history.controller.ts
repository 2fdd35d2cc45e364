import { Controller } from '@nestjs/common';
import { MessagePattern as OnMessage, Payload } from '@nestjs/microservices';
import {
  cursorId,
  type DeliveryRecord,
  type ListPatientDeliveriesRequest,
  MessagePattern,
  type Page,
  pageLimit,
  toPage,
} from '@app/shared';
import { DeliveriesRepository } from './deliveries.repository.js';

/** Answers the scheduler's questions about what was sent (Redis request/response). */
@Controller()
export class DeliveryHistoryController {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  @OnMessage(MessagePattern.ListPatientDeliveries)
  async listForPatient(@Payload() request: ListPatientDeliveriesRequest): Promise<Page<DeliveryRecord>> {
    const limit = pageLimit(request.limit);
    const before = request.cursor ? cursorId(request.cursor) : undefined;
    const rows = await this.deliveries.listForPatient(request.clinicId, request.patientId, limit + 1, before);
    return toPage(rows, limit, (row) => ({
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
  }
}
