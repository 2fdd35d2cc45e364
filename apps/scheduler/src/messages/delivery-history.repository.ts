import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { type DeliveryRecord, type ListPatientDeliveriesRequest, MessagePattern, type Page } from '@app/shared';
import { firstValueFrom, timeout } from 'rxjs';

export const NOTIFIER_CLIENT = Symbol('NOTIFIER_CLIENT');

/** Delivery records live with the notifier; this asks it over the Redis request/response transport. */
@Injectable()
export class DeliveryHistoryRepository {
  constructor(@Inject(NOTIFIER_CLIENT) private readonly notifier: ClientProxy) {}

  async listForPatient(request: ListPatientDeliveriesRequest): Promise<Page<DeliveryRecord>> {
    try {
      return await firstValueFrom(this.notifier.send<Page<DeliveryRecord>>(MessagePattern.ListPatientDeliveries, request).pipe(timeout(5000)));
    } catch {
      throw new ServiceUnavailableException('the notifier did not answer; delivery history is unavailable right now');
    }
  }
}
