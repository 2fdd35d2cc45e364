import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  DATABASE,
  type DatabaseHandle,
  HEALTH_REDIS,
  HealthController,
  QueueName,
  redisOptionsFromUrl,
  RedisRoundTrip,
} from '@app/shared';
import { EmailChannel } from './channels/email/email.channel.js';
import { SmsChannel } from './channels/sms/sms.channel.js';
import { DeliveriesRepository } from './delivery/deliveries.repository.js';
import { DeliveryHistoryController } from './delivery/delivery-history.controller.js';
import { FollowupClaimsRepository } from './delivery/followup-claims.repository.js';
import { FollowupQueueRepository } from './delivery/followup-queue.repository.js';
import { FollowupProcessor } from './delivery/followup.processor.js';
import { FrequencyCapCheck } from './delivery/frequency-cap.check.js';
import { QuietHoursCheck } from './delivery/quiet-hours.check.js';
import { RecoverySweepService } from './delivery/recovery-sweep.service.js';
import { AppointmentStillValidCheck, SEND_CHECKS, type SendCheck } from './delivery/send-checks.js';
import { SendFollowupService } from './delivery/send-followup.service.js';

class RedisProbeCloser implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly probe: RedisRoundTrip) {}
  onApplicationShutdown() {
    this.probe.close();
  }
}

/** The notifier: BullMQ workers, rendering, channels; owner of delivery records. */
@Module({})
export class NotifierModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        BullModule.forRoot({ connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: QueueName.Followups }),
      ],
      controllers: [HealthController, DeliveryHistoryController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: database.db },
        { provide: HEALTH_REDIS, useFactory: () => new RedisRoundTrip(config.redisUrl, config.queuePrefix) },
        RedisProbeCloser,
        EmailChannel,
        SmsChannel,
        FollowupClaimsRepository,
        DeliveriesRepository,
        FollowupQueueRepository,
        AppointmentStillValidCheck,
        QuietHoursCheck,
        FrequencyCapCheck,
        {
          provide: SEND_CHECKS,
          useFactory: (...checks: SendCheck[]) => checks,
          // Skips first, then deferrals: quiet hours before caps, so a capped message waits once.
          inject: [AppointmentStillValidCheck, QuietHoursCheck, FrequencyCapCheck],
        },
        SendFollowupService,
        RecoverySweepService,
        FollowupProcessor,
      ],
    };
  }
}
