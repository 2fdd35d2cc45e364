import {
  type Clinic,
  formatPhoneForPatient,
  type Language,
  type MergeValues,
  measureSms,
  renderTemplate,
  serviceName,
  SMS_OPT_OUT_HINTS,
  smsSignature,
  type SmsLength,
} from '@app/shared';

/** A booking address of a usual length, for a clinic that has not set its own yet. */
export const TYPICAL_BOOKING_URL = 'https://book.example.com/riverside-clinic';

export type ClinicForMessages = Pick<Clinic, 'name' | 'phone' | 'email'> & Partial<Pick<Clinic, 'bookingUrl'>>;

/** Dates and times of a usual length in each language (a long weekday and month, the year named). */
const TYPICAL_WHEN: Record<Language, Pick<MergeValues, 'appointmentDate' | 'appointmentTime'>> = {
  en: { appointmentDate: 'Wednesday, November 25, 2026', appointmentTime: '10:30 a.m.' },
  fr: { appointmentDate: 'mercredi 25 novembre 2026', appointmentTime: '10 h 30' },
};

/**
 * Merge values of a usual length in `language`, with the clinic's own name, contact and booking
 * link (a typical one when it has none yet, so a text that fits today still fits once the clinic
 * adds one).
 */
export function typicalMergeValues(clinic: ClinicForMessages, language: Language = 'en'): MergeValues {
  return {
    firstName: 'Alexandra',
    clinicName: clinic.name,
    clinicPhone: clinic.phone ? formatPhoneForPatient(clinic.phone) : clinic.email,
    clinicEmail: clinic.email,
    practitioner: 'Jordan Tremblay',
    serviceName: serviceName('relaxation-massage', language),
    ...TYPICAL_WHEN[language],
    bookingUrl: clinic.bookingUrl ?? TYPICAL_BOOKING_URL,
  };
}

/**
 * How an SMS template is sent, as the notifier sends it: rendered with typical values, the clinic's
 * name in front when the text does not name it, and the opt-out hint a first text carries.
 */
export function typicalSms(template: string, clinic: ClinicForMessages, language: Language = 'en'): SmsLength {
  const text = renderTemplate(template, typicalMergeValues(clinic, language));
  const named = text.includes(clinic.name) ? text : `${smsSignature(clinic.name, language)}${text}`;
  return measureSms(`${named}\n${SMS_OPT_OUT_HINTS[language]}`);
}
