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
import { SmsChannel } from './channels/sms/sms.channel.js';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { DeliveryHistoryController } from './delivery/delivery-history.controller.js';
import { FollowupClaimsRepository } from './delivery/followup-claims.repository.js';
import { FollowupProcessor } from './delivery/followup.processor.js';
import { AppointmentStillValidCheck, SEND_CHECKS, type SendCheck } from './delivery/send-checks.js';
import { SendFollowupService } from './delivery/send-followup.service.js';
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
        BullModule.registerQueue({ name: QueueName.Followups }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        loggerModule(config),
      ],
      controllers: [HealthController, MetricsController, DeliveryHistoryController],
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
        FollowupClaimsRepository,
        DeliveriesRepository,
        AppointmentStillValidCheck,
        {
          provide: SEND_CHECKS,
          useFactory: (...checks: SendCheck[]) => checks,
          inject: [AppointmentStillValidCheck],
        },
        SendFollowupService,
        FollowupProcessor,
      ],
    };
  }
}
