import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConsentModule } from '@app/consent';
import { EmailChannel } from './channels/email/email.channel.js';
import { SmsChannel } from './channels/sms/sms.channel.js';
import { TwilioSignatureGuard } from './channels/sms/twilio-signature.guard.js';
import { sendCheckProviders } from './checks/send-check.providers.js';
import { FollowupClaimsRepository } from './claims/followup-claims.repository.js';
import { LeaseKeeper } from './claims/lease-keeper.js';
import { DeliveryMetrics } from './metrics/delivery-metrics.js';
import { QueueMetrics } from './metrics/queue-metrics.js';
import { FollowupQueueRepository } from './queue/followup-queue.repository.js';
import { DeliveriesRepository } from './records/deliveries.repository.js';
import { UnrecordedSms } from './records/unrecorded-sms.js';
import { DeliveryHistoryController } from './records/delivery-history.controller.js';
import { RecoverySweepService } from './recovery/recovery-sweep.service.js';
import { SendFollowupService } from './send/send-followup.service.js';
import { warmUpEmailRendererSoon } from './rendering/email-html.js';
import { SendWindowPromoter } from './window/send-window-promoter.service.js';
import { DeliveryStatusRepository } from './status/delivery-status.repository.js';
import { DeliveryStatusService } from './status/delivery-status.service.js';
import { TwilioStatusController } from './status/twilio-status.controller.js';
import { FollowupProcessor } from './worker/followup.processor.js';
import { PartitionWorkers } from './worker/partition-workers.js';
import { QueueErrorLog } from './worker/queue-error-log.js';
import { WorkerDrain } from './worker/worker-drain.js';
import { WorkersHealthIndicator } from './worker/workers-health.indicator.js';

/**
 * Delivery (the notifier's core): the follow-up worker and the send use case (claim, send-time
 * checks, render, send by email or SMS, record), the recovery sweep, delivery records and status
 * callbacks, and the delivery metrics. Owns `deliveries` and `sms_opt_out_notices`; claims and
 * settles follow-ups (the one documented exception to table ownership).
 */
@Module({
  imports: [ConsentModule],
  controllers: [DeliveryHistoryController, TwilioStatusController],
  providers: [
    EmailChannel,
    SmsChannel,
    TwilioSignatureGuard,
    DeliveryStatusRepository,
    DeliveryStatusService,
    FollowupClaimsRepository,
    LeaseKeeper,
    DeliveriesRepository,
    UnrecordedSms,
    FollowupQueueRepository,
    ...sendCheckProviders,
    SendFollowupService,
    RecoverySweepService,
    SendWindowPromoter,
    FollowupProcessor,
    PartitionWorkers,
    WorkersHealthIndicator,
    WorkerDrain,
    QueueErrorLog,
    DeliveryMetrics,
    QueueMetrics,
  ],
  exports: [EmailChannel, FollowupProcessor, TwilioSignatureGuard, WorkersHealthIndicator, WorkerDrain],
})
export class DeliveryModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryModule.name);

  constructor(private readonly sms: SmsChannel) {}

  /**
   * Loads what the first sends would otherwise load: the twilio SDK's Messages API now, MJML and
   * its dependencies just after start-up. A fresh notifier's first second of sends spent about
   * 0.7 s of its one thread loading them, while its jobs waited; a notifier that starts into a
   * backlog still pays it, but before its first email rather than in the middle of its first batch.
   */
  onApplicationBootstrap(): void {
    this.sms.warmUp();
    warmUpEmailRendererSoon(this.logger);
  }
}
