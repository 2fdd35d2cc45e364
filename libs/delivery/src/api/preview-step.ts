import { type Appointment, type CadenceStep, type Clinic, type Language, measureSms, type Patient } from '@app/shared';
import { DateTime } from 'luxon';
import { renderEmail } from '../rendering/email-html.js';
import { withOptOutHint } from '../channels/sms/opt-out-hint.js';
import { renderMessage } from '../rendering/render-message.js';

export interface StepPreview {
  email: { subject: string; text: string; html: string } | null;
  sms: { text: string; segments: number; encoding: 'GSM-7' | 'UCS-2'; limit: number } | null;
  warnings: string[];
}

export interface PreviewSettings {
  serviceType: string;
  /** The language a patient reads (`en`, `fr`); a step without it is shown as such a patient gets it. */
  language: Language;
  smsSegmentLimit: number;
  /** Where the notifier's unsubscribe page lives: the sample link points there. */
  publicUrl: string;
  now: Date;
}

/**
 * A sample patient of the clinic: a local number (so the clinic's number reads as its patients
 * see it), the clinic's zone, consent on both channels, and a first name of a usual length.
 */
function samplePatient(clinic: Clinic, language: Language, now: Date): Patient {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    clinicId: clinic.id,
    firstName: 'Alexandra',
    lastName: 'Sample',
    email: 'alexandra@example.com',
    phone: clinic.phone ?? '+15145550111',
    timezone: null,
    locale: language === 'fr' ? 'fr-CA' : 'en-CA',
    preferredChannel: null,
    consentEmail: true,
    consentSms: true,
    externalId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A one-hour visit tomorrow at 10:30 in the clinic's zone. */
function sampleAppointment(clinic: Clinic, patient: Patient, serviceType: string, now: Date): Appointment {
  const startsAt = DateTime.fromJSDate(now, { zone: clinic.timezone })
    .plus({ days: 1 })
    .set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
  return {
    id: '00000000-0000-4000-8000-000000000002',
    clinicId: clinic.id,
    patientId: patient.id,
    serviceType,
    startsAt: startsAt.toJSDate(),
    durationMinutes: 60,
    practitioner: 'Jordan Tremblay',
    externalId: null,
    status: 'booked',
    completedAt: null,
    confirmedAt: null,
    planId: null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A cadence step as a patient of this clinic would get it, rendered by the notifier's own renderer:
 * the email's subject and both parts, and the SMS as a first text (clinic name in front, opt-out
 * line at the end) with the segments, encoding and limit counted on that text, links included.
 * `warnings` are the caller's (what will not read as written) plus a text over the segment limit.
 */
export async function previewStep(step: CadenceStep, clinic: Clinic, settings: PreviewSettings, warnings: string[]): Promise<StepPreview> {
  const patient = samplePatient(clinic, settings.language, settings.now);
  const appointment = sampleAppointment(clinic, patient, settings.serviceType, settings.now);
  const message = renderMessage(step, clinic, patient, appointment, { language: settings.language, now: settings.now });
  const byEmail = step.channel !== 'sms';
  const bySms = step.channel !== 'email';
  const email = byEmail
    ? { subject: message.subject, ...(await renderEmail(message.email, `${settings.publicUrl}/unsubscribe/preview`)) }
    : null;
  let sms: StepPreview['sms'] = null;
  const allWarnings = [...warnings];
  if (message.language !== settings.language) {
    allWarnings.push(
      `step ${step.key} has no ${settings.language} texts: patients who read ${settings.language} get the ${message.language} ones`,
    );
  }
  if (bySms) {
    const text = withOptOutHint(message.sms, message.language);
    const { segments, encoding } = measureSms(text);
    sms = { text, segments, encoding, limit: settings.smsSegmentLimit };
    if (segments > settings.smsSegmentLimit) {
      allWarnings.push(
        `the SMS would be sent as ${segments} segments (limit ${settings.smsSegmentLimit}); shorten it or avoid characters outside GSM-7`,
      );
    }
  }
  return { email, sms, warnings: allWarnings };
}
