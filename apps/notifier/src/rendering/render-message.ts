import { type Appointment, type CadenceStep, type Clinic, type MergeValues, type Patient, renderTemplate } from '@app/shared';
import { DateTime } from 'luxon';

export interface RenderedMessage {
  subject: string;
  text: string;
  sms: string;
}

/** The only patient data a template sees: first name, clinic, practitioner, times. */
export function mergeValues(clinic: Clinic, patient: Patient, appointment: Appointment | undefined): MergeValues {
  const zone = patient.timezone ?? clinic.timezone;
  const locale = patient.locale ?? 'en-CA';
  const start = appointment && DateTime.fromJSDate(appointment.startsAt, { zone }).setLocale(locale);
  return {
    firstName: patient.firstName,
    clinicName: clinic.name,
    clinicPhone: clinic.phone ?? clinic.email,
    clinicEmail: clinic.email,
    practitioner: appointment?.practitioner ?? 'your practitioner',
    serviceName: appointment ? appointment.serviceType.replace(/-/g, ' ') : 'your visit',
    appointmentDate: start ? start.toLocaleString(DateTime.DATE_HUGE) : '',
    appointmentTime: start ? start.toLocaleString(DateTime.TIME_SIMPLE) : '',
  };
}

/** Who sent this and how to reach them: every email names the clinic, its address and contact. */
function emailFooter(clinic: Clinic): string {
  const lines = ['--', clinic.name];
  if (clinic.address) lines.push(clinic.address);
  lines.push([clinic.phone, clinic.email].filter(Boolean).join(' | '));
  lines.push(`You receive this email because you are a patient of ${clinic.name}.`);
  return lines.join('\n');
}

/** Every text says who sent it: a template that does not name the clinic gets it in front. */
function namingClinic(sms: string, clinic: Clinic): string {
  return sms.includes(clinic.name) ? sms : `${clinic.name}: ${sms}`;
}

export function renderMessage(step: CadenceStep, clinic: Clinic, patient: Patient, appointment: Appointment | undefined): RenderedMessage {
  const values = mergeValues(clinic, patient, appointment);
  return {
    subject: renderTemplate(step.template.subject, values),
    text: `${renderTemplate(step.template.email, values)}\n\n${emailFooter(clinic)}\n`,
    // The SMS channel adds the opt-out hint when the number is due one.
    sms: namingClinic(renderTemplate(step.template.sms, values), clinic),
  };
}
