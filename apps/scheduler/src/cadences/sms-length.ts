import { type Clinic, countSmsSegments, type MergeValues, renderTemplate, SMS_OPT_OUT_HINT } from '@app/shared';

/** Merge values of a usual length, with the clinic's own name and contact. */
export function typicalMergeValues(clinic: Pick<Clinic, 'name' | 'phone' | 'email'>): MergeValues {
  return {
    firstName: 'Alexandra',
    clinicName: clinic.name,
    clinicPhone: clinic.phone ?? clinic.email,
    clinicEmail: clinic.email,
    practitioner: 'Jordan Tremblay',
    serviceName: 'relaxation massage',
    appointmentDate: 'Wednesday, November 25, 2026',
    appointmentTime: '10:30 a.m.',
  };
}

/**
 * Segments an SMS template takes when sent, as the notifier sends it: rendered with typical values,
 * the clinic's name in front when the text does not name it, and the opt-out hint a first text carries.
 */
export function typicalSmsSegments(template: string, clinic: Pick<Clinic, 'name' | 'phone' | 'email'>): number {
  const text = renderTemplate(template, typicalMergeValues(clinic));
  const named = text.includes(clinic.name) ? text : `${clinic.name}: ${text}`;
  return countSmsSegments(`${named}\n${SMS_OPT_OUT_HINT}`);
}
