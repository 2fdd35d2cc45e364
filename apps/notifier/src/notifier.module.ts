import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  APP_CONFIG,
  type AppConfig,
  DATABASE,
  type DatabaseHandle,
  HealthController,
  healthProviders,
  loggerModule,
  MetricsController,
  metricsProviders,
  QueueName,
  READINESS_CHECKS,
  redisOptionsFromUrl,
} from '@app/shared';
import { EmailChannel } from './channels/email/email.channel.js';
import { OptOutNoticesRepository } from './channels/sms/opt-out-notices.repository.js';
import { SmsChannel } from './channels/sms/sms.channel.js';
import { ConsentHistoryController } from './consent/consent-history.controller.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { ConsentCheck } from './consent/consent.send-check.js';
import { ConsentService } from './consent/consent.service.js';
import { UnsubscribeLinks } from './consent/unsubscribe-links.js';
import { UnsubscribeController } from './consent/unsubscribe.controller.js';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { DeliveryHistoryController } from './delivery/delivery-history.controller.js';
import { FollowupClaimsRepository } from './delivery/followup-claims.repository.js';
import { FollowupQueueRepository } from './delivery/followup-queue.repository.js';
import { FollowupProcessor } from './delivery/followup.processor.js';
import { FutureBookingsRepository } from './delivery/future-bookings.repository.js';
import { NoFutureBookingCheck } from './delivery/no-future-booking.check.js';
import { FrequencyCapCheck } from './delivery/frequency-cap.check.js';
import { QuietHoursCheck } from './delivery/quiet-hours.check.js';
import { RecoverySweepService } from './delivery/recovery-sweep.service.js';
import { AppointmentStillValidCheck, SEND_CHECKS, type SendCheck } from './delivery/send-checks.js';
import { SendFollowupService } from './delivery/send-followup.service.js';
import { FlareUpAlertService } from './replies/flare-up-alert.service.js';
import { InboundRepliesService } from './replies/inbound-replies.service.js';
import { RepliesHistoryController } from './replies/replies-history.controller.js';
import { RepliesRepository } from './replies/replies.repository.js';
import { DeliveryStatusRepository } from './webhooks/delivery-status.repository.js';
import { DeliveryStatusService } from './webhooks/delivery-status.service.js';
import { TwilioSignatureGuard } from './webhooks/twilio-signature.guard.js';
import { TwilioWebhooksController } from './webhooks/twilio-webhooks.controller.js';

import { WorkersHealthIndicator } from './health/workers-health.indicator.js';
import { QueueErrorLog } from './lifecycle/queue-error-log.js';
import { WorkerDrain } from './lifecycle/worker-drain.js';
import { DeliveryMetrics } from './metrics/delivery-metrics.js';
import { QueueMetrics } from './metrics/queue-metrics.js';

/** The notifier: BullMQ workers, rendering, channels; owner of delivery records. */
@Module({})
export class NotifierModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        BullModule.forRoot({ connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: QueueName.Followups }, { name: QueueName.PatientEvents }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        loggerModule(config),
      ],
      controllers: [
        HealthController,
        MetricsController,
        DeliveryHistoryController,
        TwilioWebhooksController,
        UnsubscribeController,
        ConsentHistoryController,
        RepliesHistoryController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: database.db },
        ...healthProviders(config),
        WorkersHealthIndicator,
        { provide: READINESS_CHECKS, useFactory: (workers: WorkersHealthIndicator) => [workers], inject: [WorkersHealthIndicator] },
        ...metricsProviders('notifier'),
        DeliveryMetrics,
        QueueMetrics,
        WorkerDrain,
        QueueErrorLog,
        EmailChannel,
        SmsChannel,
        OptOutNoticesRepository,
        ConsentRepository,
        ConsentService,
        UnsubscribeLinks,
        TwilioSignatureGuard,
        DeliveryStatusRepository,
        DeliveryStatusService,
        RepliesRepository,
        InboundRepliesService,
        FlareUpAlertService,
        FollowupClaimsRepository,
        DeliveriesRepository,
        FollowupQueueRepository,
        AppointmentStillValidCheck,
        ConsentCheck,
        FutureBookingsRepository,
        NoFutureBookingCheck,
        QuietHoursCheck,
        FrequencyCapCheck,
        {
          provide: SEND_CHECKS,
          useFactory: (...checks: SendCheck[]) => checks,
          // Skips first, then deferrals: quiet hours before caps, so a capped message waits once.
          inject: [AppointmentStillValidCheck, ConsentCheck, NoFutureBookingCheck, QuietHoursCheck, FrequencyCapCheck],
        },
        SendFollowupService,
        RecoverySweepService,
        FollowupProcessor,
      ],
    };
  }
}
