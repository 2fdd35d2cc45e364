import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { type ClientProxy, ClientsModule } from '@nestjs/microservices';
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
  PrefixedRedisClient,
  QueueName,
  redisOptionsFromUrl,
} from '@app/shared';
import { AlertsController } from './alerts/alerts.controller.js';
import { AlertsRepository } from './alerts/alerts.repository.js';
import { PatientEventsProcessor } from './alerts/patient-events.processor.js';
import { AdminGuard, ClinicKeyGuard } from './auth/guards.js';
import { AppointmentsController } from './appointments/appointments.controller.js';
import { AppointmentsRepository } from './appointments/appointments.repository.js';
import { AppointmentsService } from './appointments/appointments.service.js';
import { CadencesController } from './cadences/cadences.controller.js';
import { CadencesRepository } from './cadences/cadences.repository.js';
import { CadencesService } from './cadences/cadences.service.js';
import { ClinicsController } from './clinics/clinics.controller.js';
import { ClinicsRepository } from './clinics/clinics.repository.js';
import { ClinicsService } from './clinics/clinics.service.js';
import { createValidationPipe } from './common/validation.js';
import { ConsentController } from './consent/consent.controller.js';
import { ConsentRepository } from './consent/consent.repository.js';
import { queueDashboard } from './dashboard/queue-dashboard.js';
import { QueueErrorLog } from './health/queue-error-log.js';
import { FollowupQueueRepository } from './followups/followup-queue.repository.js';
import { FollowupsController } from './followups/followups.controller.js';
import { FollowupsRepository } from './followups/followups.repository.js';
import { FollowupsService } from './followups/followups.service.js';
import { DeliveryHistoryRepository, NOTIFIER_CLIENT } from './messages/delivery-history.repository.js';
import { MessagesController } from './messages/messages.controller.js';
import { PatientsController } from './patients/patients.controller.js';
import { PatientsRepository } from './patients/patients.repository.js';
import { PatientsService } from './patients/patients.service.js';
import { RepliesController } from './replies/replies.controller.js';
import { RepliesRepository } from './replies/replies.repository.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { TreatmentPlansController } from './treatment-plans/treatment-plans.controller.js';
import { TreatmentPlansRepository } from './treatment-plans/treatment-plans.repository.js';
import { TreatmentPlansService } from './treatment-plans/treatment-plans.service.js';

/** The scheduler: staff and booking-system API, cadence engine, publisher of follow-up jobs. */
@Module({})
export class SchedulerModule {
  static forRoot(config: AppConfig, database: DatabaseHandle): DynamicModule {
    const redis = redisOptionsFromUrl(config.redisUrl);
    return {
      module: SchedulerModule,
      imports: [
        BullModule.forRoot({ connection: redis, prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: QueueName.Followups }, { name: QueueName.PatientEvents }),
        ClientsModule.register([
          // The cast only bridges the status type parameter ClientRedis narrows; the class is a ClientProxy.
          { name: NOTIFIER_CLIENT, customClass: PrefixedRedisClient as unknown as Type<ClientProxy>, options: { ...redis, channelPrefix: config.queuePrefix, retryAttempts: 1000, retryDelay: 1000 } },
        ]),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        loggerModule(config),
        ...queueDashboard(config),
      ],
      controllers: [
        ClinicsController,
        PatientsController,
        AppointmentsController,
        TreatmentPlansController,
        CadencesController,
        FollowupsController,
        MessagesController,
        ConsentController,
        AlertsController,
        RepliesController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: database.db },
        ...healthProviders(config),
        ...metricsProviders('scheduler'),
        QueueErrorLog,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        AdminGuard,
        ClinicKeyGuard,
        ClinicsRepository,
        ClinicsService,
        PatientsRepository,
        PatientsService,
        AppointmentsRepository,
        AppointmentsService,
        CadencesRepository,
        CadencesService,
        FollowupsRepository,
        FollowupQueueRepository,
        FollowupsService,
        DeliveryHistoryRepository,
        RepliesRepository,
        ConsentRepository,
        AlertsRepository,
        PatientEventsProcessor,
        TreatmentPlansRepository,
        TreatmentPlansService,
        IdempotencyRepository,
        IdempotencyInterceptor,
      ],
    };
  }
}
