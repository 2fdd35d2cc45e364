import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CadenceStep } from '../contracts/cadence.js';
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
  apiKeyHash: text('api_key_hash').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('clinics_api_key_hash_key').on(t.apiKeyHash)]);

export const patients = pgTable('patients', {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
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
}, (t) => [
  uniqueIndex('patients_clinic_external_id_key').on(t.clinicId, t.externalId),
  index('patients_clinic_id_idx').on(t.clinicId, t.id),
]);

export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no-show';

export const appointments = pgTable('appointments', {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
  patientId: uuid('patient_id').notNull().references(() => patients.id),
  serviceType: text('service_type').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  practitioner: text('practitioner'),
  externalId: text('external_id'),
  status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('appointments_clinic_external_id_key').on(t.clinicId, t.externalId),
  index('appointments_patient_idx').on(t.patientId, t.startsAt),
]);

/** A clinic's own cadence for a service type; service types without a row use the built-in default. */
export const cadences = pgTable('cadences', {
  clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
  serviceType: text('service_type').notNull(),
  steps: jsonb('steps').$type<CadenceStep[]>().notNull(),
  updatedAt: updatedAt(),
}, (t) => [primaryKey({ columns: [t.clinicId, t.serviceType] })]);

export type FollowupStatus = 'scheduled' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped';
export type FollowupChannel = 'email' | 'sms' | 'preferred';

/**
 * One planned message: the source of truth. Its BullMQ job only says "look at row X, version N";
 * the notifier claims the row (scheduled → sending) with one conditional update before sending.
 */
export const followups = pgTable('followups', {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
  patientId: uuid('patient_id').notNull().references(() => patients.id),
  appointmentId: uuid('appointment_id').references(() => appointments.id),
  planId: uuid('plan_id'),
  // Identifies the occurrence that produced the row, so re-planning the same event is a no-op.
  anchorKey: text('anchor_key').notNull(),
  stepKey: text('step_key').notNull(),
  kind: text('kind').$type<CadenceStep['kind']>().notNull(),
  channel: text('channel').$type<FollowupChannel>().notNull(),
  // The step as it was when planned: later cadence edits do not rewrite planned messages.
  step: jsonb('step').$type<CadenceStep>().notNull(),
  sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
  status: text('status').$type<FollowupStatus>().notNull().default('scheduled'),
  reason: text('reason'),
  version: integer('version').notNull().default(1),
  attempts: integer('attempts').notNull().default(0),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('followups_occurrence_key').on(t.anchorKey, t.stepKey, t.channel),
  index('followups_clinic_idx').on(t.clinicId, t.createdAt, t.id),
  index('followups_appointment_idx').on(t.appointmentId),
  index('followups_due_idx').on(t.sendAt).where(sql`status = 'scheduled'`),
]);

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

/** What the notifier sent (or tried to) for a follow-up on one concrete channel. */
export const deliveries = pgTable('deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicId: uuid('clinic_id').notNull().references(() => clinics.id),
  patientId: uuid('patient_id').notNull().references(() => patients.id),
  followupId: uuid('followup_id').notNull().references(() => followups.id),
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
}, (t) => [
  uniqueIndex('deliveries_followup_attempt_key').on(t.followupId, t.channel, t.attempt),
  index('deliveries_patient_idx').on(t.clinicId, t.patientId, t.createdAt, t.id),
]);

export type Clinic = typeof clinics.$inferSelect;
export type Patient = typeof patients.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type Followup = typeof followups.$inferSelect;
export type NewFollowup = typeof followups.$inferInsert;
export type Delivery = typeof deliveries.$inferSelect;
