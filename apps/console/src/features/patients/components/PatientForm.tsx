import { type FormEvent, useState } from 'react';
import { ErrorNotice, Field, fieldError } from '../../../components/ui';
import type { PatientInput } from '../api/patients';

export interface PatientFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  timezone: string;
  locale: string;
  preferredChannel: '' | 'email' | 'sms';
  consentEmail: boolean;
  consentSms: boolean;
}

export const EMPTY_PATIENT: PatientFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  timezone: '',
  locale: '',
  preferredChannel: '',
  consentEmail: false,
  consentSms: false,
};

/** The body the API takes; blank optional fields are left out rather than sent empty. */
export function toPatientInput(values: PatientFormValues): PatientInput {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    firstName: values.firstName.trim(),
    lastName: optional(values.lastName),
    email: optional(values.email),
    phone: optional(values.phone),
    timezone: optional(values.timezone),
    locale: optional(values.locale),
    preferredChannel: optional(values.preferredChannel) as PatientInput['preferredChannel'],
    consent: { email: values.consentEmail, sms: values.consentSms },
  };
}

interface Props {
  initial: PatientFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: PatientFormValues) => void;
}

export function PatientForm({ initial, submitLabel, pending, error, onSubmit }: Props) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof PatientFormValues>(key: K, value: PatientFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ErrorNotice error={error} />
      <div className="row">
        <Field label="First name" error={fieldError(error, 'firstName')}>
          {(p) => <input {...p} required autoComplete="off" value={values.firstName} onChange={(e) => set('firstName', e.target.value)} />}
        </Field>
        <Field label="Last name" error={fieldError(error, 'lastName')}>
          {(p) => <input {...p} autoComplete="off" value={values.lastName} onChange={(e) => set('lastName', e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <Field label="Email address" error={fieldError(error, 'email')}>
          {(p) => <input {...p} type="email" autoComplete="off" value={values.email} onChange={(e) => set('email', e.target.value)} />}
        </Field>
        <Field label="Mobile phone" hint="With the country code, e.g. +15145550111" error={fieldError(error, 'phone')}>
          {(p) => <input {...p} type="tel" autoComplete="off" value={values.phone} onChange={(e) => set('phone', e.target.value)} />}
        </Field>
      </div>
      <fieldset>
        <legend>Consent</legend>
        <label className="check">
          <input type="checkbox" checked={values.consentEmail} onChange={(e) => set('consentEmail', e.target.checked)} />
          Agrees to receive emails
        </label>
        <label className="check">
          <input type="checkbox" checked={values.consentSms} onChange={(e) => set('consentSms', e.target.checked)} />
          Agrees to receive text messages (SMS)
        </label>
        {fieldError(error, 'consent') && <span className="error">{fieldError(error, 'consent')}</span>}
      </fieldset>
      <div className="row">
        <Field label="Preferred channel" error={fieldError(error, 'preferredChannel')}>
          {(p) => (
            <select
              {...p}
              value={values.preferredChannel}
              onChange={(e) => set('preferredChannel', e.target.value as PatientFormValues['preferredChannel'])}
            >
              <option value="">No preference (email first)</option>
              <option value="email">Email</option>
              <option value="sms">SMS</option>
            </select>
          )}
        </Field>
        <Field label="Language" error={fieldError(error, 'locale')}>
          {(p) => (
            <select {...p} value={values.locale} onChange={(e) => set('locale', e.target.value)}>
              <option value="">The clinic's language</option>
              <option value="en">English</option>
              <option value="fr">French</option>
            </select>
          )}
        </Field>
        <Field label="Time zone" hint="Leave blank to use the clinic's, e.g. America/Vancouver" error={fieldError(error, 'timezone')}>
          {(p) => <input {...p} autoComplete="off" value={values.timezone} onChange={(e) => set('timezone', e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
