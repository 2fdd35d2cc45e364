import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CadenceStep } from '../contracts/cadence.js';
import type { ReplyStatus } from '../contracts/messages.js';
import type { Language } from '../i18n/language.js';
import type { QuietHours } from '../time/quiet-hours.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  email: text('email').notNull(),
  phone: text('phone'),
  address: text('address'),
  // null turns quiet hours off; the column default is the product default (21:00–08:00).
  quietHours: jsonb('quiet_hours').$type<QuietHours | null>(),
  // A check-in score (1 no soreness … 5 much worse) at or above this alerts the clinic.
  flareUpThreshold: integer('flare_up_threshold').notNull().default(4),
  // For messages: the clinic's online booking page, its logo (both https) and its brand colour (#rrggbb).
  bookingUrl: text('booking_url'),
  logoUrl: text('logo_url'),
  brandColor: text('brand_color'),
  // The language of patients without a locale of their own (a BCP 47 tag in English or French).
  defaultLocale: text('default_locale').notNull().default('en'),
  createdAt: createdAt(),
});

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    timezone: text('timezone'),
    locale: text('locale'),
    preferredChannel: text('preferred_channel').$type<'email' | 'sms'>(),
    consentEmail: boolean('consent_email').notNull(),
    consentSms: boolean('consent_sms').notNull(),
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('patients_clinic_external_id_key').on(t.clinicId, t.externalId),
    index('patients_clinic_id_idx').on(t.clinicId, t.id),
    // "Search patients" matches the start of a first name, last name or email within a clinic.
    index('patients_search_first_name_idx').on(t.clinicId, sql`lower(${t.firstName}) text_pattern_ops`),
    index('patients_search_last_name_idx').on(t.clinicId, sql`lower(${t.lastName}) text_pattern_ops`),
    index('patients_search_email_idx').on(t.clinicId, sql`lower(${t.email}) text_pattern_ops`),
    // A STOP or a reply names a phone number, not a patient.
    index('patients_phone_idx').on(t.phone),
  ],
);

export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    serviceType: text('service_type').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    practitioner: text('practitioner'),
    externalId: text('external_id'),
    status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    // Set when the patient answers YES to a reminder.
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    // The treatment plan this visit is a session of, if any.
    planId: uuid('plan_id'),
    // Raised on each reschedule: the SEQUENCE of the visit's calendar file, so calendars replace the entry.
    revision: integer('revision').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('appointments_clinic_external_id_key').on(t.clinicId, t.externalId),
    index('appointments_patient_idx').on(t.patientId, t.startsAt),
    // Insights: the clinic's bookings (appointments created) in the days after a period's follow-ups.
    index('appointments_clinic_created_idx').on(t.clinicId, t.createdAt),
  ],
);

/** A clinic's own cadence for a service type; service types without a row use the built-in default. */
export const cadences = pgTable(
  'cadences',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    serviceType: text('service_type').notNull(),
    steps: jsonb('steps').$type<CadenceStep[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.serviceType] })],
);

/**
 * A cadence's steps as they were when follow-ups were planned from them, stored once and never
 * changed: follow-ups reference their version and step key instead of each carrying a copy of its
 * step, so a later cadence edit still does not rewrite planned messages (decision 0014).
 */
export const cadenceVersions = pgTable(
  'cadence_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    serviceType: text('service_type').notNull(),
    // sha256 of the steps' canonical JSON: planning from the same steps finds the same version.
    digest: text('digest').notNull(),
    steps: jsonb('steps').$type<CadenceStep[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('cadence_versions_digest_key').on(t.clinicId, t.serviceType, t.digest)],
);

/** A follow-up's life: `scheduled → sending → sent | failed | dead`, or `cancelled` / `skipped` with a reason. */
export const FOLLOWUP_STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'skipped'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
export type FollowupChannel = 'email' | 'sms' | 'preferred';

/**
 * One planned message: the source of truth. Its BullMQ job only says "look at row X, version N";
 * the notifier claims the row (scheduled → sending) with one conditional update before sending.
 */
export const followups = pgTable(
  'followups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    planId: uuid('plan_id'),
    // Identifies the occurrence that produced the row, so re-planning the same event is a no-op.
    anchorKey: text('anchor_key').notNull(),
    stepKey: text('step_key').notNull(),
    kind: text('kind').$type<CadenceStep['kind']>().notNull(),
    channel: text('channel').$type<FollowupChannel>().notNull(),
    // The steps as they were when planned (its step is the one keyed `step_key`): later cadence
    // edits do not rewrite planned messages.
    cadenceVersionId: uuid('cadence_version_id')
      .notNull()
      .references(() => cadenceVersions.id),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status').$type<FollowupStatus>().notNull().default('scheduled'),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // The language the message went out in, chosen at send time (null until sent).
    language: text('language').$type<Language>(),
    // The claim is a lease (docs/decisions/0002-claims-and-versions.md): its holder's token, needed
    // to settle, and when it lapses unless the holder renews it while the send is in progress.
    leaseToken: uuid('lease_token'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('followups_occurrence_key').on(t.anchorKey, t.stepKey, t.channel),
    // One follow-up in flight per patient, so concurrent sends cannot pass a frequency cap together.
    uniqueIndex('followups_one_sending_per_patient')
      .on(t.patientId)
      .where(sql`${t.status} = 'sending'`),
    // Recovery: the claims whose lease lapsed.
    index('followups_sending_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.status} = 'sending'`),
    // One index per list GET /v1/followups serves, each in the list's order (created_at, id), so a
    // page is read straight off the index (checked with EXPLAIN by npm run bench).
    index('followups_clinic_idx').on(t.clinicId, t.createdAt, t.id),
    index('followups_patient_idx').on(t.patientId, t.createdAt, t.id),
    index('followups_appointment_idx').on(t.appointmentId, t.createdAt, t.id),
    index('followups_plan_idx').on(t.planId, t.createdAt, t.id),
    index('followups_status_idx').on(t.clinicId, t.status, t.createdAt, t.id),
    // Insights: a clinic's follow-ups by when they went out, or were due when they did not.
    index('followups_clinic_outcome_idx').on(t.clinicId, sql`coalesce(${t.sentAt}, ${t.sendAt})`),
    index('followups_due_idx')
      .on(t.sendAt)
      .where(sql`status = 'scheduled'`),
  ],
);

/** `queued` … `undelivered` come from the provider's status callbacks. */
export type DeliveryStatus = 'sending' | 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/**
 * Statuses of a message the provider has accepted: ours (`sent`) and what its status callbacks
 * move it to later. Anything counting what went out must count all of them.
 */
export const ACCEPTED_DELIVERY_STATUSES: DeliveryStatus[] = ['queued', 'sent', 'delivered', 'undelivered'];

/** What the notifier sent (or tried to) for a follow-up on one concrete channel. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    followupId: uuid('followup_id')
      .notNull()
      .references(() => followups.id),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    to: text('to').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempt: integer('attempt').notNull(),
    providerMessageId: text('provider_message_id'),
    segments: integer('segments'),
    error: text('error'),
    // Set when this message replaces one that failed for good on another channel (SMS → email).
    fallbackFrom: text('fallback_from').$type<'email' | 'sms'>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deliveries_followup_attempt_key').on(t.followupId, t.channel, t.attempt),
    index('deliveries_patient_idx').on(t.clinicId, t.patientId, t.createdAt, t.id),
    // Status callbacks name the provider's id; replies look up the latest text to a number.
    index('deliveries_provider_message_idx').on(t.providerMessageId),
    index('deliveries_to_idx').on(t.to, t.createdAt),
    // Insights: the clinic's delivery records of a period.
    index('deliveries_clinic_created_idx').on(t.clinicId, t.createdAt),
  ],
);

/**
 * A Twilio status callback that named a message id no delivery record holds yet: the provider can
 * report before the send's answer is recorded. Kept (ids and status only, nothing personal) until
 * the record arrives and the recovery sweep applies it, or for 24 hours.
 */
export const earlyStatusReports = pgTable(
  'early_status_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerMessageId: text('provider_message_id').notNull(),
    status: text('status').notNull(),
    errorCode: text('error_code'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('early_status_reports_message_idx').on(t.providerMessageId), index('early_status_reports_received_idx').on(t.receivedAt)],
);

/**
 * A phone number that texted an opt-out word (or that the provider reports as unsubscribed, 21610)
 * to one of our senders (a number or a Messaging Service). Nothing is texted to it from that
 * sender until it texts START.
 */
export const smsSuppressions = pgTable(
  'sms_suppressions',
  {
    phone: text('phone').notNull(),
    sender: text('sender').notNull(),
    source: text('source').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.phone, t.sender] })],
);

/** When a number last got the "Reply STOP to opt out" hint from a sender. */
export const smsOptOutNotices = pgTable(
  'sms_opt_out_notices',
  {
    phone: text('phone').notNull(),
    sender: text('sender').notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.phone, t.sender] })],
);

export type ConsentSource = 'api' | 'sms-stop' | 'sms-start' | 'unsubscribe-link' | 'provider-21610';

/** The consent record: every time a patient's consent for a channel was given or withdrawn, and how. */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').$type<ConsentSource>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('consent_events_patient_idx').on(t.patientId, t.createdAt),
    // Insights: the clinic's opt-outs in the days after a period's follow-ups.
    index('consent_events_clinic_created_idx').on(t.clinicId, t.createdAt),
  ],
);

export type ReplyIntent = 'opt-out' | 'opt-in' | 'help' | 'checkin-score' | 'confirm' | 'unrecognised';

/** Every text a patient sent us, with what it was taken to mean. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerMessageId: text('provider_message_id').notNull(),
    // The conversation it belongs to; null when the number matches no patient we can tell apart.
    clinicId: uuid('clinic_id').references(() => clinics.id),
    patientId: uuid('patient_id').references(() => patients.id),
    followupId: uuid('followup_id').references(() => followups.id),
    from: text('from').notNull(),
    sender: text('sender').notNull(),
    body: text('body').notNull(),
    intent: text('intent').$type<ReplyIntent>().notNull(),
    score: integer('score'),
    status: text('status').$type<ReplyStatus>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inbound_messages_provider_id_key').on(t.providerMessageId),
    index('inbound_messages_clinic_idx').on(t.clinicId, t.createdAt, t.id),
    // GET /v1/replies?status=unread: the few unread among many handled, newest first.
    index('inbound_messages_clinic_status_idx').on(t.clinicId, t.status, t.createdAt, t.id),
    // Insights: the replies a follow-up received.
    index('inbound_messages_followup_idx').on(t.followupId),
  ],
);

/** Events the scheduler records on a patient (a flare-up reported in a check-in reply). */
export const patientAlerts = pgTable(
  'patient_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind').$type<'flare-up'>().notNull(),
    score: integer('score').notNull(),
    // The reply that raised it: one alert per reply, however often the event is delivered.
    inboundMessageId: uuid('inbound_message_id').notNull(),
    // Set when someone at the clinic has seen it and acted; until then it is open.
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('patient_alerts_inbound_key').on(t.inboundMessageId),
    index('patient_alerts_patient_idx').on(t.patientId, t.createdAt, t.id),
    index('patient_alerts_open_idx')
      .on(t.clinicId, t.createdAt, t.id)
      .where(sql`acknowledged_at is null`),
    // Insights: a clinic's alerts of a period.
    index('patient_alerts_clinic_idx').on(t.clinicId, t.createdAt),
  ],
);

export type TreatmentPlanStatus = 'active' | 'completed' | 'cancelled';

/** A course of sessions at a set interval; its sessions are the completed appointments that carry its id. */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    serviceType: text('service_type').notNull(),
    sessions: integer('sessions').notNull(),
    intervalDays: integer('interval_days').notNull(),
    // When the first session is due (UTC instant).
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    status: text('status').$type<TreatmentPlanStatus>().notNull().default('active'),
    externalId: text('external_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('treatment_plans_clinic_external_id_key').on(t.clinicId, t.externalId),
    index('treatment_plans_patient_idx').on(t.patientId, t.status),
    // Insights: a clinic's plans started, completed or cancelled.
    index('treatment_plans_clinic_idx').on(t.clinicId, t.serviceType),
  ],
);

/**
 * A POST answered under an `Idempotency-Key`: a retry with the same body gets the same answer,
 * a different body under the same key is refused. `status` is null while the first is in flight.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    key: text('key').notNull(),
    // Method, path and body, hashed: what the key was first used for.
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    body: jsonb('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.key] })],
);

/**
 * A clinic's API key for a booking-system integration. Only its SHA-256 is kept (the key is shown
 * once); `lastFour` lets staff tell keys apart. A revoked key stays listed and stops working.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    lastFour: text('last_four').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_key_hash_key').on(t.keyHash), index('api_keys_clinic_idx').on(t.clinicId, t.createdAt, t.id)],
);

export type StaffRole = 'owner' | 'staff';

/** A person at the clinic who signs in to the console. An email signs in to one clinic. */
export const staffMembers = pgTable(
  'staff_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    // Stored lower-cased: the sign-in form should not care how it was typed.
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<StaffRole>().notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_members_email_key').on(t.email), index('staff_members_clinic_idx').on(t.clinicId, t.createdAt, t.id)],
);

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of
 * the database cannot be used to sign in. Idle sessions expire; signing out deletes the row.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffMembers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

export type AuditActorType = 'staff' | 'api-key' | 'admin';

/** Who changed what in a clinic, when, with the record before and after (never a secret). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    actorType: text('actor_type').$type<AuditActorType>().notNull(),
    // A staff member's or an API key's id; null for the operator's ADMIN_TOKEN.
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_clinic_idx').on(t.clinicId, t.createdAt, t.id)],
);

/**
 * One cadence step's counts on one day of care outcomes (`libs/insights`): the follow-ups of that
 * day, by step and skip reason, and the patients among them who opted out after (ids, so a period
 * counts each patient once).
 */
export interface InsightDayStep {
  serviceType: string | null;
  stepKey: string;
  kind: string;
  skipReason: string | null;
  planned: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  bookedWithin7d: number;
  bookedWithin14d: number;
  optedOut: string[];
}

/**
 * Care outcomes of a clinic's day that can no longer change (docs/decisions/0013): its follow-ups
 * went out more than the booking horizon ago. Kept by `libs/insights` the first time an answer
 * reaches the day, in the clinic's time zone of that moment (a day kept in another zone is counted
 * again). Replies are not kept: they can come at any time and are counted from the records.
 */
export const insightDays = pgTable(
  'insight_days',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    zone: text('zone').notNull(),
    steps: jsonb('steps').$type<InsightDayStep[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.day] })],
);

export type Clinic = typeof clinics.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type StaffMember = typeof staffMembers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Patient = typeof patients.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type Followup = typeof followups.$inferSelect;
/** A follow-up with the step it was planned from, read from its cadence version: what sending and re-timing need. */
export type FollowupWithStep = Followup & { step: CadenceStep };
export type CadenceVersion = typeof cadenceVersions.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type ConsentEvent = typeof consentEvents.$inferSelect;
export type InboundMessage = typeof inboundMessages.$inferSelect;
export type PatientAlert = typeof patientAlerts.$inferSelect;
export type TreatmentPlan = typeof treatmentPlans.$inferSelect;
