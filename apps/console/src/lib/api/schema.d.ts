// Generated from the scheduler's OpenAPI document by scripts/console-api-types.mjs. Do not edit.
export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MetricsController_metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ClinicAlertsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/alerts/{id}/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ClinicAlertsController_acknowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ApiKeysController_list'];
    put?: never;
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ApiKeysController_revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appointments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AppointmentsController_list'];
    put?: never;
    post: operations['AppointmentsController_book'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appointments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AppointmentsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['AppointmentsController_reschedule'];
    trace?: never;
  };
  '/v1/appointments/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AppointmentsController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appointments/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AppointmentsController_complete'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appointments/{id}/no-show': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AppointmentsController_noShow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/appointments/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AppointmentsController_bookMany'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cadences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CadencesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cadences/{serviceType}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CadencesController_get'];
    put: operations['CadencesController_replace'];
    post?: never;
    delete: operations['CadencesController_reset'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cadences/{serviceType}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CadencePreviewController_ofStep'];
    put?: never;
    post: operations['CadencePreviewController_ofDraft'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cadences/{serviceType}/preview.html': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CadencePreviewPageController_page'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cadences/{serviceType}/simulate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CadencesController_simulate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clinics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ClinicsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clinics/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ClinicsController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['ClinicsController_updateMe'];
    trace?: never;
  };
  '/v1/followups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FollowupsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/followups/{id}/message': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['FollowupMessageController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/followups/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['FollowupsController_retry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/insights': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['InsightsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/patients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PatientsController_list'];
    put?: never;
    post: operations['PatientsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/patients/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PatientsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['PatientsController_update'];
    trace?: never;
  };
  '/v1/patients/{id}/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AlertsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/patients/{id}/consent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ConsentController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/patients/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['MessagesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/patients/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PatientsController_createMany'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['RepliesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replies/{id}/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['RepliesController_markRead'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/session': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['SessionController_whoAmI'];
    put?: never;
    post: operations['SessionController_signIn'];
    delete: operations['SessionController_signOut'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['StaffController_list'];
    put?: never;
    post: operations['StaffController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['StaffController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/me/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['StaffController_changeOwnPassword'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/today': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TodayController_today'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/treatment-plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TreatmentPlansController_list'];
    put?: never;
    post: operations['TreatmentPlansController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/treatment-plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TreatmentPlansController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/treatment-plans/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TreatmentPlansController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AlertDto: {
      /** Format: date-time */
      acknowledgedAt: string | null;
      /** @description `staff:<id>` or `api-key:<id>` */
      acknowledgedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description the reply that raised it
       */
      inboundMessageId: string;
      /** @enum {string} */
      kind: 'flare-up';
      /** Format: uuid */
      patientId: string;
      /** @description the check-in score the patient texted (5: much worse) */
      score: number;
    };
    AlertsOutcomeDto: {
      /** @description of those, the ones staff acknowledged */
      acknowledged: number;
      /** @description flare-up alerts raised in the period */
      raised: number;
    };
    ApiKeyDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /**
       * @description the key’s last four characters, to tell keys apart (empty for keys made before they were kept)
       * @example x9Qa
       */
      lastFour: string;
      /** @example Jane booking sync */
      name: string;
      /**
       * Format: date-time
       * @description set once revoked: the key no longer works
       */
      revokedAt: string | null;
    };
    AppointmentDto: {
      /** Format: date-time */
      completedAt: string | null;
      /**
       * Format: date-time
       * @description when the patient answered YES to a reminder
       */
      confirmedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @example 60 */
      durationMinutes: number;
      /** @example janeapp-appt-981 */
      externalId: string | null;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      patientId: string;
      /**
       * Format: uuid
       * @description the treatment plan this visit is a session of
       */
      planId: string | null;
      /** @example Jordan */
      practitioner: string | null;
      /**
       * @description raised on every reschedule (the SEQUENCE of the visit's calendar file)
       * @example 0
       */
      revision: number;
      /** @example medical-massage */
      serviceType: string;
      /** Format: date-time */
      startsAt: string;
      /** @enum {string} */
      status: 'booked' | 'completed' | 'cancelled' | 'no-show';
      /** Format: date-time */
      updatedAt: string;
    };
    AppointmentsBatchDto: {
      /** @description each as POST /v1/appointments takes it; checked one by one */
      items: components['schemas']['CreateAppointmentDto'][];
    };
    AuditEventDto: {
      /**
       * @description <subject>.<verb>
       * @example cadence.replace
       */
      action: string;
      /**
       * Format: uuid
       * @description the staff member’s or API key’s id; null for the admin token
       */
      actorId: string | null;
      /**
       * @description who made the change
       * @enum {string}
       */
      actorType: 'staff' | 'api-key' | 'admin';
      /** @description the record after (null when removed) */
      after: {
        [key: string]: unknown;
      } | null;
      /** @description the record before (null when created) */
      before: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @example medical-massage */
      subjectId: string;
      /** @example cadence */
      subjectType: string;
    };
    BatchItemResultDto: {
      /** @description what is wrong, field by field within the item */
      errors?: components['schemas']['FieldErrorDto'][];
      /**
       * Format: uuid
       * @description the record, for 201 and 200
       */
      id?: string;
      /**
       * @description the item's place in `items`, from 0
       * @example 0
       */
      index: number;
      /**
       * @description 201 created; 200 its externalId was known (the existing record); 400 invalid; 404 its patient is not in the clinic; 409 its externalId names a record of another patient
       * @example 201
       * @enum {number}
       */
      status: 201 | 200 | 400 | 404 | 409;
    };
    BatchResultDto: {
      /** @description one per item, in the order of `items` */
      results: components['schemas']['BatchItemResultDto'][];
    };
    BookedAfterDto: {
      /** @description sent follow-ups whose patient booked (created) an appointment in the 7 days after the send */
      within7d: number;
      /** @description the same within 14 days (includes within7d) */
      within14d: number;
    };
    CadenceDto: {
      /** @description true while the clinic uses the built-in cadence */
      isDefault: boolean;
      /** @example medical-massage */
      serviceType: string;
      steps: components['schemas']['CadenceStepDto'][];
      /** Format: date-time */
      updatedAt: string | null;
      /** @description what will not read as written for this clinic (e.g. {{bookingUrl}} without a booking link) */
      warnings: string[];
    };
    CadenceStepDto: {
      /**
       * @example appointment.completed
       * @enum {string}
       */
      anchor: 'appointment.start' | 'appointment.completed' | 'plan.session-due' | 'plan.completed' | 'appointment.booked';
      /**
       * @example both
       * @enum {string}
       */
      channel: 'preferred' | 'email' | 'sms' | 'both';
      /** @enum {string} */
      condition?: 'no-future-booking';
      /**
       * @description kebab-case
       * @example aftercare
       */
      key: string;
      /**
       * @example aftercare
       * @enum {string}
       */
      kind: 'reminder' | 'aftercare' | 'checkin' | 'rebook' | 'flareup-checkin' | 'confirmation';
      /** @description languages this step has no texts in (answers only) */
      readonly missingLanguages?: ('en' | 'fr')[];
      /**
       * @description ISO 8601 duration, may be negative, at most 400 days either way
       * @example PT2H
       */
      offset: string;
      template: components['schemas']['StepTemplatesDto'];
    };
    ChangePasswordDto: {
      /** @example the password used to sign in */
      currentPassword: string;
      /** @example a new long passphrase */
      newPassword: string;
    };
    CheckinsDto: {
      /** @description check-in replies with a score received in the period */
      replies: number;
      /** @description replies per score (1 no soreness … 5 much worse) */
      scores: components['schemas']['ScoreHistogramDto'];
    };
    ClinicAlertDto: {
      /** Format: date-time */
      acknowledgedAt: string | null;
      /** @description `staff:<id>` or `api-key:<id>` */
      acknowledgedBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description the reply that raised it
       */
      inboundMessageId: string;
      /** @enum {string} */
      kind: 'flare-up';
      patient: components['schemas']['PatientNameDto'] | null;
      /** Format: uuid */
      patientId: string;
      /** @description the check-in score the patient texted (5: much worse) */
      score: number;
    };
    ClinicDto: {
      address: string | null;
      /** @example https://riverside.example/book */
      bookingUrl: string | null;
      /** @example #0b7285 */
      brandColor: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @example fr-CA */
      defaultLocale: string;
      /** @example care@riverside.example */
      email: string;
      /**
       * @description a check-in score at or above this raises a flare-up alert
       * @example 4
       */
      flareUpThreshold: number;
      /** Format: uuid */
      id: string;
      logoUrl: string | null;
      /** @example Riverside Massage */
      name: string;
      /**
       * @description E.164
       * @example +15145550100
       */
      phone: string | null;
      /** @description null: no quiet hours */
      quietHours: components['schemas']['QuietHoursDto'] | null;
      /** @example America/Toronto */
      timezone: string;
    };
    ConsentChangeDto: {
      /** Format: date-time */
      at: string;
      /** @enum {string} */
      channel: 'email' | 'sms';
      /** @description true: consent given; false: withdrawn */
      granted: boolean;
      /**
       * @description how it came about
       * @example sms-stop
       */
      source: string;
    };
    ConsentDto: {
      /**
       * @description consents to email
       * @example true
       */
      email: boolean;
      /**
       * @description consents to SMS
       * @example false
       */
      sms: boolean;
    };
    ConsentPatchDto: {
      /** @example true */
      email?: boolean;
      /** @example false */
      sms?: boolean;
    };
    CreateApiKeyDto: {
      /**
       * @description what the key is for
       * @example Jane booking sync
       */
      name: string;
    };
    CreateAppointmentDto: {
      /** @example 60 */
      durationMinutes: number;
      /**
       * @description the booking system's id; repeating it answers the existing appointment
       * @example janeapp-appt-981
       */
      externalId?: string;
      /**
       * Format: uuid
       * @example 0b8f6c0e-5d6a-4c53-9d3e-2f7a1c9e4b21
       */
      patientId: string;
      /** @example Jordan */
      practitioner?: string;
      /** @example medical-massage */
      serviceType: string;
      /**
       * @description ISO 8601 with an offset, 1900–2100
       * @example 2026-12-01T10:00:00-05:00
       */
      startsAt: string;
    };
    CreateClinicDto: {
      /** @example 12 River Rd, Montreal QC */
      address?: string;
      /**
       * @description https page where patients book online; {{bookingUrl}} in messages
       * @example https://book.example.com/riverside
       */
      bookingUrl?: Record<string, never>;
      /**
       * @description colour of the email button, #rrggbb
       * @example #1f6f78
       */
      brandColor?: Record<string, never>;
      /**
       * @description language of patients without a locale of their own: en or fr, with or without a region
       * @default en
       * @example fr-CA
       */
      defaultLocale: string;
      /**
       * Format: email
       * @example care@example.com
       */
      email: string;
      /**
       * @description https address of the logo shown at the top of emails
       * @example https://example.com/logo.png
       */
      logoUrl?: Record<string, never>;
      /** @example Riverside Massage */
      name: string;
      /** @description the first owner, who signs in to the console */
      owner?: components['schemas']['OwnerDto'];
      /**
       * @description E.164
       * @example +15145550100
       */
      phone?: string;
      /** @description omitted: 21:00–08:00; null: none */
      quietHours?: components['schemas']['QuietHoursDto'] | null;
      /**
       * @description IANA time zone
       * @example America/Toronto
       */
      timezone: string;
    };
    CreatedApiKeyDto: {
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /**
       * @description the key itself, shown this once; only its hash is kept
       * @example cc_…
       */
      key: string;
      /**
       * @description the key’s last four characters, to tell keys apart (empty for keys made before they were kept)
       * @example x9Qa
       */
      lastFour: string;
      /** @example Jane booking sync */
      name: string;
      /**
       * Format: date-time
       * @description set once revoked: the key no longer works
       */
      revokedAt: string | null;
    };
    CreatedClinicDto: {
      address: string | null;
      /** @description the clinic's first API key; only its SHA-256 is kept */
      apiKey: string;
      /** @example https://riverside.example/book */
      bookingUrl: string | null;
      /** @example #0b7285 */
      brandColor: string | null;
      /** Format: date-time */
      createdAt: string;
      /** @example fr-CA */
      defaultLocale: string;
      /** @example care@riverside.example */
      email: string;
      /**
       * @description a check-in score at or above this raises a flare-up alert
       * @example 4
       */
      flareUpThreshold: number;
      /** Format: uuid */
      id: string;
      logoUrl: string | null;
      /** @example Riverside Massage */
      name: string;
      owner?: components['schemas']['StaffMemberDto'];
      /**
       * @description E.164
       * @example +15145550100
       */
      phone: string | null;
      /** @description null: no quiet hours */
      quietHours: components['schemas']['QuietHoursDto'] | null;
      /** @example America/Toronto */
      timezone: string;
    };
    CreatePatientDto: {
      consent: components['schemas']['ConsentDto'];
      /**
       * Format: email
       * @example alex@example.com
       */
      email?: string;
      /**
       * @description the booking system's id; repeating it answers the existing patient
       * @example janeapp-4711
       */
      externalId?: string;
      /** @example Alex */
      firstName: string;
      /** @example Tremblay */
      lastName?: string;
      /**
       * @description BCP 47 language tag; en… or fr… picks the language of the patient's messages (else the clinic's defaultLocale)
       * @example fr-CA
       */
      locale?: string;
      /**
       * @description E.164
       * @example +15145550111
       */
      phone?: string;
      /**
       * @example sms
       * @enum {string}
       */
      preferredChannel?: 'email' | 'sms';
      /**
       * @description IANA time zone; the clinic's when omitted
       * @example America/Toronto
       */
      timezone?: string;
    };
    CreateStaffDto: {
      /**
       * Format: email
       * @example kim@riverside.test
       */
      email: string;
      /** @example Kim Tremblay */
      name: string;
      /** @example a long passphrase */
      password: string;
      /**
       * @description `staff` cannot manage staff, API keys or clinic settings
       * @example staff
       * @enum {string}
       */
      role: 'owner' | 'staff';
    };
    CreateTreatmentPlanDto: {
      /**
       * @description the booking system id; a repeat answers the existing plan
       * @example plan-4411
       */
      externalId?: string;
      /**
       * @description days between sessions
       * @example 7
       */
      intervalDays: number;
      /**
       * Format: uuid
       * @example 3f0c2a9e-8d1b-4c7e-9a55-2b6f1d0e7c41
       */
      patientId: string;
      /** @example medical-massage */
      serviceType: string;
      /**
       * @description sessions in the plan
       * @example 6
       */
      sessions: number;
      /**
       * Format: date
       * @description between 1900 and 2100
       * @example 2026-12-01
       */
      startsOn?: string;
    };
    DeliveryDto: {
      /** @example 1 */
      attempt: number;
      /** @enum {string} */
      channel: 'email' | 'sms';
      /** Format: date-time */
      createdAt: string;
      /** @description why it failed, in the provider's words */
      error?: string;
      /**
       * @description the channel that failed for good before this one was tried
       * @enum {string}
       */
      fallbackFrom?: 'email' | 'sms';
      /** Format: uuid */
      followupId: string;
      /** Format: uuid */
      id: string;
      /** @description the provider's id (Twilio SID, SMTP message id) */
      providerMessageId?: string;
      /** @example 1 */
      segments?: number;
      /**
       * @description sending, sent, delivered, failed, undelivered, …
       * @example delivered
       */
      status: string;
      /** @description the address or number it went to */
      to: string;
    };
    FieldErrorDto: {
      /** @example startsAt */
      field: string;
      /** @example must be an ISO 8601 date-time with an offset */
      reason: string;
    };
    FlareUpDto: {
      /** Format: date-time */
      at: string;
      score: number;
    };
    FollowupDto: {
      /** Format: uuid */
      appointmentId: string | null;
      /** @enum {string} */
      channel: 'email' | 'sms' | 'preferred';
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'reminder' | 'aftercare' | 'checkin' | 'rebook' | 'flareup-checkin' | 'confirmation';
      /** Format: uuid */
      patientId: string;
      /** Format: uuid */
      planId: string | null;
      /**
       * @description why it was skipped, cancelled, deferred or failed
       * @example too-late
       */
      reason?: string;
      /** Format: date-time */
      sendAt: string;
      /** Format: date-time */
      sentAt: string | null;
      /** @enum {string} */
      status: 'scheduled' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped';
      /** @example aftercare */
      stepKey: string;
      /** Format: date-time */
      updatedAt: string;
    };
    FollowupEmailDto: {
      subject: string;
      /** @description the plain-text part, footer included (the unsubscribe link is per delivery and left out) */
      text: string;
    };
    FollowupMessageDto: {
      /** @description null when the step sends no email */
      email: components['schemas']['FollowupEmailDto'] | null;
      /**
       * @description the language it went out in (or will, for one not sent yet)
       * @enum {string}
       */
      language: 'en' | 'fr';
      /** @description null when the step sends no SMS */
      sms: components['schemas']['FollowupSmsDto'] | null;
    };
    FollowupSmsDto: {
      /** @description as sent, without the opt-out line the first text to a number carries */
      text: string;
    };
    InsightsDto: {
      alerts: components['schemas']['AlertsOutcomeDto'];
      checkins: components['schemas']['CheckinsDto'];
      /** @example 2026-10-24 */
      from: string;
      plans: components['schemas']['PlansOutcomeDto'];
      steps: components['schemas']['StepOutcomeDto'][];
      /** @example 2026-11-22 */
      to: string;
      weekly: components['schemas']['WeekOutcomeDto'][];
    };
    NotSimulatedStepDto: {
      /** @enum {string} */
      anchor: 'appointment.start' | 'appointment.completed' | 'plan.session-due' | 'plan.completed' | 'appointment.booked';
      stepKey: string;
    };
    OwnerDto: {
      /**
       * Format: email
       * @example kim@riverside.test
       */
      email: string;
      /** @example Kim Tremblay */
      name: string;
      /** @example a long passphrase */
      password: string;
    };
    PatientConsentDto: {
      email: boolean;
      /** @description newest first */
      history: components['schemas']['ConsentChangeDto'][];
      sms: boolean;
      /** @description the phone number texted STOP (no SMS goes to it until START) */
      smsSuppressed: boolean;
    };
    PatientDto: {
      consent: components['schemas']['ConsentDto'];
      /** Format: date-time */
      createdAt: string;
      /** @example alex@example.com */
      email: string | null;
      externalId: string | null;
      /** @example Alex */
      firstName: string;
      /** Format: uuid */
      id: string;
      /** @example Tremblay */
      lastName: string | null;
      /**
       * @description null: the clinic's defaultLocale
       * @example fr-CA
       */
      locale: string | null;
      /**
       * @description E.164
       * @example +15145550111
       */
      phone: string | null;
      /** @enum {string|null} */
      preferredChannel: 'email' | 'sms' | null;
      /**
       * @description IANA time zone; null: the clinic's
       * @example America/Toronto
       */
      timezone: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    PatientNameDto: {
      /** @example Alex */
      firstName: string;
      /** Format: uuid */
      id: string;
      /** @example Tremblay */
      lastName: string | null;
    };
    PatientsBatchDto: {
      /** @description each as POST /v1/patients takes it; checked one by one */
      items: components['schemas']['CreatePatientDto'][];
    };
    PatientWithFlareUpDto: {
      consent: components['schemas']['ConsentDto'];
      /** Format: date-time */
      createdAt: string;
      /** @example alex@example.com */
      email: string | null;
      externalId: string | null;
      /** @example Alex */
      firstName: string;
      /** @description the latest flare-up alert; null when none */
      flareUp: components['schemas']['FlareUpDto'] | null;
      /** Format: uuid */
      id: string;
      /** @example Tremblay */
      lastName: string | null;
      /**
       * @description null: the clinic's defaultLocale
       * @example fr-CA
       */
      locale: string | null;
      /**
       * @description E.164
       * @example +15145550111
       */
      phone: string | null;
      /** @enum {string|null} */
      preferredChannel: 'email' | 'sms' | null;
      /**
       * @description IANA time zone; null: the clinic's
       * @example America/Toronto
       */
      timezone: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    PlansOutcomeDto: {
      /** @description plans cancelled in the period */
      cancelled: number;
      /** @description plans completed in the period */
      completed: number;
      /**
       * @description completed / (completed + cancelled); null when none ended
       * @example 0.75
       */
      completionRate: number | null;
      /** @description treatment plans whose first session fell in the period */
      started: number;
    };
    PreviewDraftDto: {
      /** @example en */
      locale?: string;
      /** @description a cadence step as PUT takes it */
      step: components['schemas']['CadenceStepDto'];
    };
    PreviewEmailDto: {
      /** @description the HTML part (a whole document: show it in a sandboxed frame) */
      html: string;
      /** @example Time to book your next visit - Riverside Massage */
      subject: string;
      /** @description the plain-text part */
      text: string;
    };
    PreviewSmsDto: {
      /** @enum {string} */
      encoding: 'GSM-7' | 'UCS-2';
      /**
       * @description SMS_SEGMENT_LIMIT
       * @example 2
       */
      limit: number;
      /** @example 2 */
      segments: number;
      /** @description as a first text: clinic name in front, opt-out line at the end */
      text: string;
    };
    PutCadenceDto: {
      /** @example medical-massage */
      serviceType?: string;
      steps: components['schemas']['CadenceStepDto'][];
    };
    QuietHoursDto: {
      /**
       * @description local time HH:mm
       * @example 08:00
       */
      end: string;
      /**
       * @description local time HH:mm
       * @example 21:00
       */
      start: string;
    };
    QuietHoursViewDto: {
      /** @example 08:00 */
      end: string;
      /** @example 21:00 */
      start: string;
    };
    ReplyDto: {
      /** @example Can I bring my own towel? */
      body: string;
      /**
       * Format: uuid
       * @description the follow-up it answers
       */
      followupId?: string;
      /**
       * @description E.164
       * @example +15145550111
       */
      from: string;
      /** Format: uuid */
      id: string;
      /**
       * @description opt-out, opt-in, help, checkin-score, confirm or unrecognised
       * @example unrecognised
       */
      intent: string;
      /**
       * Format: uuid
       * @description the patient it came from, when the number is one of the clinic's patients
       */
      patientId?: string;
      /** Format: date-time */
      receivedAt: string;
      /** @description a check-in score */
      score?: number;
      /** @enum {string} */
      status: 'unread' | 'read' | 'handled';
    };
    RescheduleAppointmentDto: {
      /** @example 45 */
      durationMinutes?: number;
      /**
       * @description ISO 8601 with an offset
       * @example 2026-12-02T14:30:00-05:00
       */
      startsAt?: string;
    };
    ScoreHistogramDto: {
      1: number;
      2: number;
      3: number;
      4: number;
      5: number;
    };
    SessionClinicDto: {
      /** Format: uuid */
      id: string;
      /** @example Riverside Massage */
      name: string;
      /**
       * @description IANA time zone; the console shows times in it
       * @example America/Toronto
       */
      timezone: string;
    };
    SessionDto: {
      clinic: components['schemas']['SessionClinicDto'];
      /** @description send as the X-CSRF-Token header on POST, PUT, PATCH and DELETE */
      csrfToken: string;
      staff: components['schemas']['SessionStaffDto'];
    };
    SessionStaffDto: {
      /** Format: email */
      email: string;
      /** Format: uuid */
      id: string;
      /** @example Kim Tremblay */
      name: string;
      /** @enum {string} */
      role: 'owner' | 'staff';
    };
    SignInDto: {
      /**
       * Format: email
       * @example kim@riverside.test
       */
      email: string;
      /** @example a long passphrase */
      password: string;
    };
    SimulateCadenceDto: {
      /**
       * @default 60
       * @example 60
       */
      durationMinutes: number;
      /**
       * @description the visit’s start, ISO 8601 with an offset
       * @example 2026-12-01T19:00:00-05:00
       */
      startsAt: string;
      /** @description one edited step; replaces the saved step with the same key */
      step?: components['schemas']['CadenceStepDto'];
      /** @description all the steps, as PUT takes them */
      steps?: components['schemas']['CadenceStepDto'][];
    };
    SimulatedMessageDto: {
      /** @enum {string} */
      anchor: 'appointment.start' | 'appointment.completed' | 'plan.session-due' | 'plan.completed' | 'appointment.booked';
      /**
       * @description `preferred` is decided per patient when it is sent
       * @enum {string}
       */
      channel: 'email' | 'sms' | 'preferred';
      /**
       * Format: date-time
       * @description set when quiet hours moved it: when the offset alone would send it
       */
      dueAt: string | null;
      /** @enum {string} */
      kind: 'reminder' | 'aftercare' | 'checkin' | 'rebook' | 'flareup-checkin' | 'confirmation';
      /**
       * @description skipped as too late, or moved past quiet hours
       * @enum {string|null}
       */
      reason: 'too-late' | 'quiet-hours' | null;
      /**
       * Format: date-time
       * @description when it would go out (for a skipped step, when it would have)
       */
      sendAt: string;
      /** @enum {string} */
      status: 'scheduled' | 'skipped';
      /** @example aftercare */
      stepKey: string;
    };
    SimulatedVisitDto: {
      /**
       * Format: date-time
       * @description the simulation books the visit now
       */
      bookedAt: string;
      /** Format: date-time */
      endsAt: string;
      /** Format: date-time */
      startsAt: string;
    };
    SimulationDto: {
      /** @description in the order they would go out */
      messages: components['schemas']['SimulatedMessageDto'][];
      /** @description steps of treatment plans, which one visit does not trigger */
      notSimulated: components['schemas']['NotSimulatedStepDto'][];
      quietHours: components['schemas']['QuietHoursViewDto'] | null;
      serviceType: string;
      /**
       * @description the clinic’s time zone, which the times are planned in
       * @example America/Toronto
       */
      timezone: string;
      visit: components['schemas']['SimulatedVisitDto'];
    };
    StaffMemberDto: {
      /** Format: date-time */
      createdAt?: string;
      /**
       * Format: email
       * @example kim@riverside.test
       */
      email: string;
      /** Format: uuid */
      id: string;
      /** @example Kim Tremblay */
      name: string;
      /** @enum {string} */
      role: 'owner' | 'staff';
    };
    StepOutcomeDto: {
      bookedAfter: components['schemas']['BookedAfterDto'];
      /**
       * @description bookedAfter.within7d / sent, three decimals; null when nothing was sent
       * @example 0.4
       */
      conversion7d: number | null;
      /** @description sent follow-ups the provider reported delivered (SMS status callbacks) */
      delivered: number;
      /** @description follow-ups that failed for good */
      failed: number;
      /** @example aftercare */
      kind: string;
      /** @description patients who withdrew consent for the channel the follow-up reached them on within 7 days of the send */
      optedOutAfter: number;
      /** @description follow-ups that went out in the period or were due in it, whatever became of them */
      planned: number;
      /** @description texts patients sent in answer to these follow-ups */
      replies: number;
      /** @description follow-ups that went out in the period, one per follow-up whatever the channel */
      sent: number;
      /**
       * @description service type of the visit or plan the follow-up belongs to
       * @example medical-massage
       */
      serviceType: string | null;
      /** @description follow-ups a send-time check skipped */
      skipped: number;
      /**
       * @example {
       *       "opted-out": 2,
       *       "rebooked": 5
       *     }
       */
      skippedByReason: {
        [key: string]: number;
      };
      /** @example aftercare */
      stepKey: string;
    };
    StepPreviewDto: {
      /** @description null for an SMS-only step */
      email: components['schemas']['PreviewEmailDto'] | null;
      /** @description null for an email-only step */
      sms: components['schemas']['PreviewSmsDto'] | null;
      /** @description what will not read as written for this clinic; never a refusal */
      warnings: string[];
    };
    StepTemplateDto: {
      /** @example Hi {{firstName}}, drink plenty of water today; some soreness for a day or two is normal. */
      email: string;
      /** @example {{clinicName}}: Hi {{firstName}}, drink plenty of water today. */
      sms: string;
      /**
       * @description email subject; merge fields such as {{clinicName}}
       * @example Your aftercare from {{clinicName}}
       */
      subject: string;
    };
    StepTemplatesDto: {
      /**
       * @deprecated
       * @description English email body, the shape before languages: use en.email
       */
      email?: string;
      /** @description English texts */
      en?: components['schemas']['StepTemplateDto'];
      /**
       * @description French texts; a step without them goes to French-speaking patients in the clinic default language, else English
       * @example {
       *       "subject": "Après votre visite - {{clinicName}}",
       *       "email": "Bonjour {{firstName}}, buvez beaucoup d'eau aujourd'hui.",
       *       "sms": "{{clinicName}} : Bonjour {{firstName}}, buvez beaucoup d'eau aujourd'hui."
       *     }
       */
      fr?: components['schemas']['StepTemplateDto'];
      /**
       * @deprecated
       * @description English SMS, the shape before languages: use en.sms
       */
      sms?: string;
      /**
       * @deprecated
       * @description English subject, the shape before languages: use en.subject
       */
      subject?: string;
    };
    TodayCountsDto: {
      /** @description follow-ups due in the next 24 hours */
      dueSoon: number;
      /** @description failed and dead follow-ups */
      needsAttention: number;
      /** @description flare-up alerts nobody acknowledged yet */
      openAlerts: number;
      /** @description replies waiting for staff, counted up to 200; null when the notifier did not answer */
      unreadReplies: number | null;
    };
    TodayDto: {
      counts: components['schemas']['TodayCountsDto'];
      /** @description soonest first (the first 50) */
      dueSoon: components['schemas']['TodayFollowupDto'][];
      /** @description failed and dead, most recent first (the first 50); POST /v1/followups/{id}/retry */
      needsAttention: components['schemas']['TodayFollowupDto'][];
      /** @description newest first (the first 10) */
      openAlerts: components['schemas']['ClinicAlertDto'][];
      /** @description newest first (the first 10) */
      unreadReplies: components['schemas']['TodayReplyDto'][];
    };
    TodayFollowupDto: {
      /** Format: uuid */
      appointmentId: string | null;
      /** @enum {string} */
      channel: 'email' | 'sms' | 'preferred';
      /** Format: date-time */
      createdAt: string;
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'reminder' | 'aftercare' | 'checkin' | 'rebook' | 'flareup-checkin' | 'confirmation';
      patient: components['schemas']['PatientNameDto'] | null;
      /** Format: uuid */
      patientId: string;
      /** Format: uuid */
      planId: string | null;
      /**
       * @description why it was skipped, cancelled, deferred or failed
       * @example too-late
       */
      reason?: string;
      /** Format: date-time */
      sendAt: string;
      /** Format: date-time */
      sentAt: string | null;
      /** @enum {string} */
      status: 'scheduled' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped';
      /** @example aftercare */
      stepKey: string;
      /** Format: date-time */
      updatedAt: string;
    };
    TodayReplyDto: {
      /** @description what the patient texted; show it as text, never as HTML */
      body: string;
      /** @description the number it came from (E.164) */
      from: string;
      /** Format: uuid */
      id: string;
      /** @example unrecognised */
      intent: string;
      patient: components['schemas']['PatientNameDto'] | null;
      /** Format: uuid */
      patientId?: string;
      /** Format: date-time */
      receivedAt: string;
      /** @example unread */
      status: string;
    };
    TreatmentPlanDto: {
      /** Format: date-time */
      cancelledAt: string | null;
      /** Format: date-time */
      completedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      externalId: string | null;
      /** Format: uuid */
      id: string;
      /** @example 7 */
      intervalDays: number;
      /**
       * Format: date-time
       * @description when the next session is due; null once completed or cancelled
       */
      nextDueAt: string | null;
      /** Format: uuid */
      patientId: string;
      /** @example medical-massage */
      serviceType: string;
      /** @example 6 */
      sessions: number;
      /**
       * @description completed visits counted towards the plan
       * @example 2
       */
      sessionsDone: number;
      /**
       * Format: date-time
       * @description when the first session is due
       */
      startsAt: string;
      /** @enum {string} */
      status: 'active' | 'completed' | 'cancelled';
    };
    UpdateClinicDto: {
      /** @example 12 River Rd, Montreal QC */
      address?: string | null;
      /** @example https://book.example.com/riverside */
      bookingUrl?: string | null;
      /** @example #1f6f78 */
      brandColor?: string | null;
      /**
       * @description language of patients without a locale of their own: en or fr, with or without a region
       * @example fr-CA
       */
      defaultLocale?: string;
      /**
       * Format: email
       * @example care@example.com
       */
      email?: string;
      flareUpThreshold?: number;
      /** @example https://example.com/logo.png */
      logoUrl?: string | null;
      /** @example Riverside Massage */
      name?: string;
      /**
       * @description E.164
       * @example +15145550100
       */
      phone?: string | null;
      /** @description null: none */
      quietHours?: components['schemas']['QuietHoursDto'] | null;
      /**
       * @description IANA time zone
       * @example America/Toronto
       */
      timezone?: string;
    };
    UpdatePatientDto: {
      consent?: components['schemas']['ConsentPatchDto'];
      /**
       * Format: email
       * @example alex@example.com
       */
      email?: string;
      /** @example Alex */
      firstName?: string;
      /** @example Tremblay */
      lastName?: string;
      /**
       * @description BCP 47 language tag; en… or fr… picks the language of the patient's messages (else the clinic's defaultLocale)
       * @example fr-CA
       */
      locale?: string;
      /**
       * @description E.164
       * @example +15145550111
       */
      phone?: string;
      /**
       * @example sms
       * @enum {string}
       */
      preferredChannel?: 'email' | 'sms';
      /**
       * @description IANA time zone; the clinic's when omitted
       * @example America/Toronto
       */
      timezone?: string;
    };
    WeekOutcomeDto: {
      /** @description of those, the ones followed by a booking within 7 days */
      bookedAfter7d: number;
      /** @description patients who opted out within 7 days of a send that week */
      optedOut: number;
      /** @description follow-ups sent that week */
      sent: number;
      /**
       * @description Monday of the week (clinic’s calendar); the first and last weeks may be partial
       * @example 2026-11-16
       */
      weekStart: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
          };
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /** @example {} */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            };
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
          };
        };
      };
    };
  };
  MetricsController_metrics: {
    parameters: {
      query?: never;
      header: {
        authorization: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ClinicAlertsController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        /** @description `open`: not acknowledged yet */
        status?: 'open' | 'acknowledged';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClinicAlertDto'][];
        };
      };
    };
  };
  ClinicAlertsController_acknowledge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertDto'];
        };
      };
    };
  };
  ApiKeysController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'][];
        };
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyDto'];
        };
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'];
        };
      };
    };
  };
  AppointmentsController_list: {
    parameters: {
      query: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        /** @description the patient whose visits to list, latest start first */
        patientId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'][];
        };
      };
    };
  };
  AppointmentsController_book: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAppointmentDto'];
      };
    };
    responses: {
      /** @description the new booking (200 with the existing one for a repeated externalId) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_reschedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RescheduleAppointmentDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_complete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_noShow: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppointmentDto'];
        };
      };
    };
  };
  AppointmentsController_bookMany: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AppointmentsBatchDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchResultDto'];
        };
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventDto'][];
        };
      };
    };
  };
  CadencesController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CadenceDto'][];
        };
      };
    };
  };
  CadencesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CadenceDto'];
        };
      };
    };
  };
  CadencesController_replace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutCadenceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CadenceDto'];
        };
      };
    };
  };
  CadencesController_reset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the built-in cadence, now in effect */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CadenceDto'];
        };
      };
    };
  };
  CadencePreviewController_ofStep: {
    parameters: {
      query: {
        locale?: string;
        /** @description key of a step of this cadence */
        step: string;
      };
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StepPreviewDto'];
        };
      };
    };
  };
  CadencePreviewController_ofDraft: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewDraftDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StepPreviewDto'];
        };
      };
    };
  };
  CadencePreviewPageController_page: {
    parameters: {
      query: {
        /** @description a draft step as PUT takes it: JSON, deflated (raw) and base64url-encoded; without it, the saved step */
        draft?: string;
        locale?: string;
        /** @description key of a step of this cadence */
        step: string;
      };
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the step's email as a patient of the clinic would get it: an HTML document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
    };
  };
  CadencesController_simulate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        serviceType: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SimulateCadenceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SimulationDto'];
        };
      };
    };
  };
  ClinicsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateClinicDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedClinicDto'];
        };
      };
    };
  };
  ClinicsController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClinicDto'];
        };
      };
    };
  };
  ClinicsController_updateMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateClinicDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClinicDto'];
        };
      };
    };
  };
  FollowupsController_list: {
    parameters: {
      query?: {
        appointmentId?: string;
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        patientId?: string;
        planId?: string;
        status?: 'scheduled' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowupDto'][];
        };
      };
    };
  };
  FollowupMessageController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowupMessageDto'];
        };
      };
    };
  };
  FollowupsController_retry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowupDto'];
        };
      };
    };
  };
  InsightsController_get: {
    parameters: {
      query?: {
        /** @description first day, YYYY-MM-DD in the clinic’s time zone (default: 29 days before `to`) */
        from?: string;
        /** @description only follow-ups, replies, alerts and plans of this service type */
        serviceType?: string;
        /** @description last day, included, YYYY-MM-DD in the clinic’s time zone (default: today); at most 366 days after `from` */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InsightsDto'];
        };
      };
    };
  };
  PatientsController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        search?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PatientDto'][];
        };
      };
    };
  };
  PatientsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePatientDto'];
      };
    };
    responses: {
      /** @description the new patient (200 with the existing one for a repeated externalId) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PatientDto'];
        };
      };
    };
  };
  PatientsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PatientWithFlareUpDto'];
        };
      };
    };
  };
  PatientsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePatientDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PatientDto'];
        };
      };
    };
  };
  AlertsController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertDto'][];
        };
      };
    };
  };
  ConsentController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PatientConsentDto'];
        };
      };
    };
  };
  MessagesController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryDto'][];
        };
      };
    };
  };
  PatientsController_createMany: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PatientsBatchDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchResultDto'];
        };
      };
    };
  };
  RepliesController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        status?: 'unread' | 'read' | 'handled';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplyDto'][];
        };
      };
    };
  };
  RepliesController_markRead: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplyDto'];
        };
      };
    };
  };
  SessionController_whoAmI: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      /** @description not signed in */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SessionController_signIn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignInDto'];
      };
    };
    responses: {
      /** @description signed in; the session cookie is set */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      /** @description wrong email or password */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description five failed sign-ins within a minute for this account or address */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  SessionController_signOut: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description signed out; the cookie is cleared */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffController_list: {
    parameters: {
      query?: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMemberDto'][];
        };
      };
    };
  };
  StaffController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateStaffDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMemberDto'];
        };
      };
    };
  };
  StaffController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description removed and signed out; 409 for the last owner */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  StaffController_changeOwnPassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description changed; the member’s other sessions are signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  TodayController_today: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TodayDto'];
        };
      };
    };
  };
  TreatmentPlansController_list: {
    parameters: {
      query: {
        /** @description the X-Next-Cursor of the previous page */
        cursor?: string;
        limit?: unknown;
        /** @description the patient whose plans to list, newest first */
        patientId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TreatmentPlanDto'][];
        };
      };
    };
  };
  TreatmentPlansController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTreatmentPlanDto'];
      };
    };
    responses: {
      /** @description the new plan (200 with the existing one for a repeated externalId) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TreatmentPlanDto'];
        };
      };
    };
  };
  TreatmentPlansController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TreatmentPlanDto'];
        };
      };
    };
  };
  TreatmentPlansController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TreatmentPlanDto'];
        };
      };
    };
  };
}
