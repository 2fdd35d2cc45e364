import {
  type Appointment,
  availableLanguage,
  type CadenceStep,
  type Clinic,
  formatAppointmentTime,
  formatPhoneForPatient,
  formattingLocale,
  type Language,
  type MergeValues,
  type Patient,
  patientLanguage,
  renderTemplate,
  serviceName,
  smsSignature,
  type StepTemplate,
  templateLanguages,
  UNNAMED,
} from '@app/shared';
import { calendarInvite } from './calendar-invite.js';
import { type EmailDocument, emailBlocks, isHttpsUrl } from './email-document.js';
import { messageWords } from './message-words.js';

export interface RenderedMessage {
  /** The language it is written in: the patient's, else a fallback the step has (see chooseTexts). */
  language: Language;
  subject: string;
  /** The email before the channel adds the unsubscribe link and renders its text and HTML parts. */
  email: EmailDocument;
  sms: string;
  /** An .ics file for a booking confirmation or a reminder: the visit, to add to a calendar. */
  calendar?: string;
}

/** How the patient reads the clinic's number: national at home, international from abroad. */
function clinicContact(clinic: Clinic, patient: Pick<Patient, 'phone'>): string {
  return clinic.phone ? formatPhoneForPatient(clinic.phone, patient.phone) : clinic.email;
}

/** The patient's language: their locale, else the clinic's default, else English. */
export function languageOf(clinic: Pick<Clinic, 'defaultLocale'>, patient: Pick<Patient, 'locale'>): Language {
  return patientLanguage({ patientLocale: patient.locale, clinicLocale: clinic.defaultLocale });
}

/**
 * The step's texts in the wanted language; a step without it falls back to the clinic's default
 * language, then English, then whichever language it has.
 */
export function chooseTexts(
  step: CadenceStep,
  clinic: Pick<Clinic, 'defaultLocale'>,
  wanted: Language,
): { language: Language; texts: StepTemplate } {
  const language = availableLanguage(templateLanguages(step.template), wanted, clinic.defaultLocale)!;
  return { language, texts: step.template[language]! };
}

/**
 * The only patient data a template sees: first name, clinic, practitioner, times, the booking link,
 * in `language` (dates in the patient's zone, "mardi 24 novembre", "10 h").
 */
export function mergeValues(
  clinic: Clinic,
  patient: Patient,
  appointment: Appointment | undefined,
  language: Language,
  now = new Date(),
): MergeValues {
  const zone = patient.timezone ?? clinic.timezone;
  const locale = formattingLocale(language, { patientLocale: patient.locale, clinicLocale: clinic.defaultLocale });
  const when = appointment && formatAppointmentTime(appointment.startsAt, zone, language, locale, now);
  return {
    firstName: patient.firstName,
    clinicName: clinic.name,
    clinicPhone: clinicContact(clinic, patient),
    clinicEmail: clinic.email,
    practitioner: appointment?.practitioner ?? UNNAMED[language].practitioner,
    // The service type in words: built-in ones in the message's language, a clinic's own as written.
    serviceName: appointment ? serviceName(appointment.serviceType, language) : UNNAMED[language].visit,
    appointmentDate: when?.date ?? '',
    appointmentTime: when?.time ?? '',
    // Unset, lines naming it are left out of the message (see renderTemplate).
    bookingUrl: isHttpsUrl(clinic.bookingUrl) ? clinic.bookingUrl : '',
  };
}

/** Who sent this and how to reach them: every email names the clinic, its address and contact. */
function emailFooter(clinic: Clinic, patient: Patient, language: Language): string[] {
  const lines = [clinic.name];
  if (clinic.address) lines.push(clinic.address);
  lines.push([clinic.phone && clinicContact(clinic, patient), clinic.email].filter(Boolean).join(' | '));
  lines.push(messageWords(language).patientOf(clinic.name));
  return lines;
}

/** Every text says who sent it: a template that does not name the clinic gets it in front. */
function namingClinic(sms: string, clinic: Clinic, language: Language): string {
  return sms.includes(clinic.name) ? sms : `${smsSignature(clinic.name, language)}${sms}`;
}

/** Kinds about a booked visit: their email carries it as a calendar file. */
const CALENDAR_KINDS: ReadonlySet<CadenceStep['kind']> = new Set(['confirmation', 'reminder']);

function visitCalendar(clinic: Clinic, appointment: Appointment, values: MergeValues, language: Language, now: Date): string {
  const words = messageWords(language);
  const service = values.serviceName.charAt(0).toUpperCase() + values.serviceName.slice(1);
  return calendarInvite(
    {
      appointmentId: appointment.id,
      revision: appointment.revision,
      startsAt: appointment.startsAt,
      durationMinutes: appointment.durationMinutes,
      // The visit happens at the clinic: its calendar entry is in the clinic's zone.
      timezone: clinic.timezone,
      title: words.visitAt(service, clinic.name),
      description: words.visitDetails(values.practitioner, values.clinicPhone),
      location: clinic.address,
    },
    now,
  );
}

export interface RenderOptions {
  /** The language wanted (a preview's); by default the patient's (see languageOf). */
  language?: Language;
  now?: Date;
}

export function renderMessage(
  step: CadenceStep,
  clinic: Clinic,
  patient: Patient,
  appointment: Appointment | undefined,
  { language: wanted = languageOf(clinic, patient), now = new Date() }: RenderOptions = {},
): RenderedMessage {
  const { language, texts } = chooseTexts(step, clinic, wanted);
  const values = mergeValues(clinic, patient, appointment, language, now);
  const words = messageWords(language);
  const subject = renderTemplate(texts.subject, values);
  return {
    language,
    subject,
    email: {
      lang: language,
      subject,
      blocks: emailBlocks(texts.email, values, () => words.bookNextVisit),
      footer: emailFooter(clinic, patient, language),
      unsubscribeLabel: words.unsubscribe,
      brand: { clinicName: clinic.name, logoUrl: clinic.logoUrl, color: clinic.brandColor },
    },
    // The SMS channel adds the opt-out hint (in the same language) when the number is due one.
    sms: namingClinic(renderTemplate(texts.sms, values), clinic, language),
    ...(appointment && CALENDAR_KINDS.has(step.kind) && { calendar: visitCalendar(clinic, appointment, values, language, now) }),
  };
}
