import { type DynamicModule, Module } from '@nestjs/common';
import { ConsentModule } from '@app/consent';
import { DeliveryModule, WorkersHealthIndicator } from '@app/delivery';
import { RepliesModule } from '@app/replies';
import {
  type AppConfig,
  CoreModule,
  type DatabaseHandle,
  HealthController,
  healthProviders,
  MetricsController,
  PeriodicJobs,
  READINESS_CHECKS,
} from '@app/shared';

/** The notifier: delivery (workers, channels, records), consent and patients' replies. */
@Module({})
export class NotifierModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    return {
      module: NotifierModule,
      imports: [CoreModule.forRoot('notifier', config, database), DeliveryModule, ConsentModule, RepliesModule],
      controllers: [HealthController, MetricsController],
      providers: [
        ...healthProviders(config),
        {
          provide: READINESS_CHECKS,
          useFactory: (schedules: PeriodicJobs, workers: WorkersHealthIndicator) => [schedules, workers],
          inject: [PeriodicJobs, WorkersHealthIndicator],
        },
      ],
    };
  }
}
