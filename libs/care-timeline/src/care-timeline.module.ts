import { Module } from '@nestjs/common';
import { ClinicsModule } from '@app/clinics';
import { AppointmentsController } from './appointments/appointments.controller.js';
import { AppointmentsRepository } from './appointments/appointments.repository.js';
import { AppointmentsService } from './appointments/appointments.service.js';
import { CadencesController } from './cadences/cadences.controller.js';
import { CadenceVersionsRepository } from './cadences/cadence-versions.repository.js';
import { CadencesRepository } from './cadences/cadences.repository.js';
import { CadencesService } from './cadences/cadences.service.js';
import { FollowupQueueRepository } from './followups/followup-queue.repository.js';
import { FollowupsController } from './followups/followups.controller.js';
import { FollowupsRepository } from './followups/followups.repository.js';
import { FollowupsService } from './followups/followups.service.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { IdempotencyPurge } from './idempotency/idempotency-purge.js';
import { AlertsController } from './patients/patient-alerts.controller.js';
import { ClinicAlertsController } from './patients/clinic-alerts.controller.js';
import { AlertsRepository } from './patients/patient-alerts.repository.js';
import { PatientRecordsModule } from './patient-records/patient-records.module.js';
import { PatientEventsProcessor } from './patients/patient-events.processor.js';
import { PatientsController } from './patients/patients.controller.js';
import { PatientsRepository } from './patients/patients.repository.js';
import { PatientsService } from './patients/patients.service.js';
import { QueueErrorLog } from './queue-error-log.js';
import { TreatmentPlansController } from './treatment-plans/treatment-plans.controller.js';
import { TreatmentPlansRepository } from './treatment-plans/treatment-plans.repository.js';
import { TreatmentPlansService } from './treatment-plans/treatment-plans.service.js';
import { TodaysCareService } from './today/todays-care.service.js';

/**
 * The care timeline (the scheduler's core): patients, appointments, treatment plans, cadences and
 * the follow-ups they plan, published as `send-followup` jobs; flare-ups recorded on the patient.
 * Needs a `CONSENT_LEDGER` provider in scope (the consent module's `ConsentLedgerModule`).
 */
@Module({
  imports: [ClinicsModule, PatientRecordsModule],
  controllers: [
    PatientsController,
    AlertsController,
    ClinicAlertsController,
    AppointmentsController,
    TreatmentPlansController,
    CadencesController,
    FollowupsController,
  ],
  providers: [
    PatientsRepository,
    PatientsService,
    AlertsRepository,
    PatientEventsProcessor,
    AppointmentsRepository,
    AppointmentsService,
    TreatmentPlansRepository,
    TreatmentPlansService,
    CadencesRepository,
    CadenceVersionsRepository,
    CadencesService,
    FollowupsRepository,
    FollowupQueueRepository,
    FollowupsService,
    IdempotencyRepository,
    IdempotencyInterceptor,
    IdempotencyPurge,
    QueueErrorLog,
    TodaysCareService,
  ],
  exports: [PatientsService, CadencesService, TodaysCareService],
})
export class CareTimelineModule {}
