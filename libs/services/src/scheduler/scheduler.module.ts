import { type DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { CareTimelineModule } from '@app/care-timeline';
import { ClinicsModule } from '@app/clinics';
import { ConsoleModule } from '@app/console';
import { ConsentApiModule, ConsentLedgerModule } from '@app/consent';
import { DeliveryApiModule } from '@app/delivery';
import { InsightsModule } from '@app/insights';
import { RepliesApiModule } from '@app/replies';
import {
  type AppConfig,
  CoreModule,
  createValidationPipe,
  type DatabaseHandle,
  HealthController,
  healthProviders,
  MetricsController,
  NotifierClientModule,
  PeriodicJobs,
  READINESS_CHECKS,
} from '@app/shared';
import { queueDashboard } from './queue-dashboard.js';

/**
 * The scheduler: the staff and booking-system API over the care timeline, publisher of follow-up
 * jobs. The consent, replies and delivery APIs ask the notifier, which owns those records.
 */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [
        CoreModule.forRoot('scheduler', config, database),
        NotifierClientModule.register(config),
        ConsentLedgerModule,
        ClinicsModule,
        CareTimelineModule,
        ConsentApiModule,
        RepliesApiModule,
        DeliveryApiModule,
        ConsoleModule,
        InsightsModule,
        ...queueDashboard(config),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        ...healthProviders(config),
        { provide: READINESS_CHECKS, useFactory: (schedules: PeriodicJobs) => [schedules], inject: [PeriodicJobs] },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
