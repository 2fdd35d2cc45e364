// The care timeline's public surface: its Nest modules, the services other modules may call,
// the DTOs of its API and the pure planning functions. Repositories stay private.
export { CreateAppointmentDto, RescheduleAppointmentDto } from './appointments/appointment.dto.js';
export { CadenceStepDto, PutCadenceDto, StepTemplateDto, StepTemplatesDto, templatesOf } from './cadences/cadence.dto.js';
export { cadenceWarnings, stepWarnings } from './cadences/cadence-warnings.js';
export { FollowupDto } from './followups/followups.controller.js';
export { type CadenceStepView, type CadenceView, CadencesService } from './cadences/cadences.service.js';
export { DEFAULT_CADENCES, defaultCadence } from './cadences/default-cadences.js';
export { typicalMergeValues, typicalSms } from './cadences/sms-length.js';
export { CareTimelineModule } from './care-timeline.module.js';
export { PatientRecordsModule } from './patient-records/patient-records.module.js';
export { PatientRecordsService } from './patient-records/patient-records.service.js';
export { type ApiConsentChange, CONSENT_LEDGER, type ConsentLedger } from './patients/consent-ledger.js';
export { ClinicAlertDto } from './patients/alert.dto.js';
export { ConsentDto, ConsentPatchDto, CreatePatientDto, PatientNameDto, UpdatePatientDto } from './patients/patient.dto.js';
export { PatientsService, type PatientView } from './patients/patients.service.js';
export {
  type AnchorEvent,
  isTooLate,
  type PlanContext,
  type PlannedFollowup,
  planFollowups,
  sendTimeOf,
} from './planning/plan-followups.js';
export { TodaysCareService } from './today/todays-care.service.js';
export { firstSessionDue, nextSessionDue } from './treatment-plans/plan-progress.js';
export { CreateTreatmentPlanDto } from './treatment-plans/treatment-plan.dto.js';
