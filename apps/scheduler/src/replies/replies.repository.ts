import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { type ListRepliesRequest, MessagePattern, type Page, type ReplyRecord } from '@app/shared';
import { askNotifier } from '../common/ask-notifier.js';
import { NOTIFIER_CLIENT } from '../messages/delivery-history.repository.js';

/** Patients' replies live with the notifier; this asks it over the Redis request/response transport. */
@Injectable()
export class RepliesRepository {
  constructor(@Inject(NOTIFIER_CLIENT) private readonly notifier: ClientProxy) {}

  list(request: ListRepliesRequest): Promise<Page<ReplyRecord>> {
    return askNotifier(this.notifier, MessagePattern.ListReplies, request, 'the list of replies');
  }

  async markRead(clinicId: string, id: string): Promise<ReplyRecord | undefined> {
    return (await askNotifier<ReplyRecord | null>(this.notifier, MessagePattern.MarkReplyRead, { clinicId, id }, 'marking a reply read')) ?? undefined;
  }
}
