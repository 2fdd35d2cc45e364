/** What both services agree a cadence step is: the scheduler plans it, the notifier renders it. */
import { type Language, LANGUAGES } from '../i18n/language.js';

export const STEP_KINDS = ['reminder', 'aftercare', 'checkin', 'rebook', 'flareup-checkin', 'confirmation'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** `appointment.booked` is when the booking was made (or last changed): a confirmation hangs on it. */
export const ANCHORS = ['appointment.start', 'appointment.completed', 'plan.session-due', 'plan.completed', 'appointment.booked'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const STEP_CHANNELS = ['preferred', 'email', 'sms', 'both'] as const;
export type StepChannel = (typeof STEP_CHANNELS)[number];

export const CONDITIONS = ['no-future-booking'] as const;
export type StepCondition = (typeof CONDITIONS)[number];

/** The words a patient-facing template may use. Nothing clinical is offered to a template. */
export const MERGE_FIELDS = [
  'firstName',
  'clinicName',
  'clinicPhone',
  'clinicEmail',
  'practitioner',
  'serviceName',
  'appointmentDate',
  'appointmentTime',
  'bookingUrl',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

/**
 * Fields a clinic may leave unset (it has no online booking): a template line that names one
 * without a value is left out, so a default text can offer the link and still read right without
 * it ("call us" stays on its own line).
 */
export const OPTIONAL_MERGE_FIELDS: readonly MergeField[] = ['bookingUrl'];

/** Fields whose value is a link: alone on a line of an email it becomes a button. */
export const LINK_MERGE_FIELDS: readonly MergeField[] = ['bookingUrl'];

/** A step's texts in one language. */
export interface StepTemplate {
  /** Email subject: no diagnosis, condition or clinical note. */
  subject: string;
  /** Plain-text email body. */
  email: string;
  /** SMS body. */
  sms: string;
}

/**
 * A step's texts per language, `{en: {subject, email, sms}, fr: {…}}`; at least one language.
 * A patient gets their language, else the clinic's default, else English, else the one there is.
 */
export type StepTemplates = Partial<Record<Language, StepTemplate>>;

/** The languages a step is written in, in LANGUAGES order. */
export function templateLanguages(template: StepTemplates): Language[] {
  return LANGUAGES.filter((language) => template[language] !== undefined);
}

/** The languages a step is not written in yet (a cadence read-out flags them). */
export function missingLanguages(template: StepTemplates): Language[] {
  return LANGUAGES.filter((language) => template[language] === undefined);
}

export interface CadenceStep {
  key: string;
  kind: StepKind;
  anchor: Anchor;
  /** ISO 8601 duration from the anchor; negative (`-P1D`) means before it. */
  offset: string;
  channel: StepChannel;
  condition?: StepCondition;
  template: StepTemplates;
}

/** Service types every clinic knows; a clinic adds its own by saving a cadence for a new one. */
export const BUILT_IN_SERVICE_TYPES = ['medical-massage', 'relaxation-massage', 'acupuncture', 'dry-needling', 'physiotherapy'] as const;

export const SERVICE_TYPE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const FIELD_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Merge fields a template names that are not in MERGE_FIELDS (empty when the template is fine). */
export function unknownMergeFields(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(FIELD_PATTERN)) {
    if (!(MERGE_FIELDS as readonly string[]).includes(match[1])) unknown.add(match[1]);
  }
  return [...unknown];
}

/** The merge fields a template (or one line of it) names. */
export function mergeFieldsIn(template: string): string[] {
  return [...new Set([...template.matchAll(FIELD_PATTERN)].map((match) => match[1]))];
}

/** True when the line names an optional field (OPTIONAL_MERGE_FIELDS) that has no value. */
export function namesUnsetOptionalField(line: string, values: Partial<MergeValues>): boolean {
  return mergeFieldsIn(line).some((field) => (OPTIONAL_MERGE_FIELDS as readonly string[]).includes(field) && !values[field as MergeField]);
}

/** Fills the `{{field}}` placeholders of one line; a field without a value renders as an empty string. */
export function fillMergeFields(line: string, values: Partial<MergeValues>): string {
  return line.replace(FIELD_PATTERN, (_, name: string) => values[name as MergeField] ?? '');
}

/** Fills `{{field}}` placeholders, leaving out each line that names an optional field without a value. */
export function renderTemplate(template: string, values: Partial<MergeValues>): string {
  return template
    .split('\n')
    .filter((line) => !namesUnsetOptionalField(line, values))
    .map((line) => fillMergeFields(line, values))
    .join('\n');
}
