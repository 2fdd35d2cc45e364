import { type CadenceStep, type Clinic, mergeFieldsIn, OPTIONAL_MERGE_FIELDS } from '@app/shared';

/**
 * What staff should know about a step that is valid but will not read as written for this clinic:
 * a line naming `{{bookingUrl}}` is left out while the clinic has no booking page. Never a reason
 * to refuse the cadence or to fail a send.
 */
export function stepWarnings(step: CadenceStep, clinic: Pick<Clinic, 'bookingUrl'>): string[] {
  const texts = Object.values(step.template).flatMap(({ subject, email, sms }) => [subject, email, sms]);
  const used = new Set(texts.flatMap(mergeFieldsIn));
  const unset = OPTIONAL_MERGE_FIELDS.filter((field) => used.has(field) && !clinic[field as 'bookingUrl']);
  return unset.map(
    (field) =>
      `step ${step.key} uses {{${field}}} but the clinic has no ${field} yet: lines naming it are left out until it is set (PATCH /v1/clinics/me)`,
  );
}

export function cadenceWarnings(steps: CadenceStep[], clinic: Pick<Clinic, 'bookingUrl'>): string[] {
  return steps.flatMap((step) => stepWarnings(step, clinic));
}
