import type { ModuleMetadata, Provider } from '@nestjs/common';
import { ConsentModule } from '@app/consent';
import type { AppConfig, Database } from '@app/shared';
import { TestCoreModule } from '@app/shared/testing/core.js';
import { EmailChannel } from '../channels/email/email.channel.js';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { sendCheckProviders } from '../checks/send-check.providers.js';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { LeaseKeeper } from '../claims/lease-keeper.js';
import { FollowupQueueRepository } from '../queue/followup-queue.repository.js';
import { DeliveriesRepository } from '../records/deliveries.repository.js';
import { UnrecordedSms } from '../records/unrecorded-sms.js';
import { SendFollowupService } from '../send/send-followup.service.js';

/** Stands in for BullMQ: records the follow-up versions put (back) on the queue; sends are never paced. */
export class QueueDoor {
  readonly enqueued: string[] = [];
  async enqueue(rows: { id: string; version: number }[]): Promise<void> {
    this.enqueued.push(...rows.map((r) => `${r.id}@v${r.version}`));
  }
  async takeSendSlot(): Promise<number> {
    return 0;
  }
}

/**
 * The send use case as the notifier wires it, for `Test.createTestingModule`: the real channels
 * (the outbox, or the providers `config` names) and `queue` for BullMQ, unless `overrides` replace
 * a provider.
 */
export function sendUseCaseModule(config: AppConfig, db: Database, queue: QueueDoor, overrides: Provider[] = []): ModuleMetadata {
  return {
    imports: [TestCoreModule.with(config, db), ConsentModule],
    providers: [
      FollowupClaimsRepository,
      LeaseKeeper,
      { provide: FollowupQueueRepository, useValue: queue },
      EmailChannel,
      SmsChannel,
      DeliveriesRepository,
      UnrecordedSms,
      ...sendCheckProviders,
      SendFollowupService,
      ...overrides,
    ],
  };
}
