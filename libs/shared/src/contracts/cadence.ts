/** What both services agree a cadence step is: the scheduler plans it, the notifier renders it. */

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
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

export interface StepTemplate {
  /** Email subject: no diagnosis, condition or clinical note. */
  subject: string;
  /** Plain-text email body. */
  email: string;
  /** SMS body. */
  sms: string;
}

export interface CadenceStep {
  key: string;
  kind: StepKind;
  anchor: Anchor;
  /** ISO 8601 duration from the anchor; negative (`-P1D`) means before it. */
  offset: string;
  channel: StepChannel;
  condition?: StepCondition;
  template: StepTemplate;
}

export interface Cadence {
  serviceType: string;
  steps: CadenceStep[];
}

/** Service types every clinic knows; a clinic adds its own by saving a cadence for a new one. */
export const BUILT_IN_SERVICE_TYPES = [
  'medical-massage',
  'relaxation-massage',
  'acupuncture',
  'dry-needling',
  'physiotherapy',
] as const;

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

/** Fills `{{field}}` placeholders; a field without a value renders as an empty string. */
export function renderTemplate(template: string, values: Partial<MergeValues>): string {
  return template.replace(FIELD_PATTERN, (_, name: string) => values[name as MergeField] ?? '');
}
