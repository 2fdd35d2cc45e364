import { type FormEvent, useEffect, useState } from 'react';
import { Card, ErrorNotice, Field, fieldError, Loading, PageHeader } from '../../../components/ui';
import { useIsOwner } from '../../../lib/session';
import { useClinic, useUpdateClinic } from '../api/settings';
import { OwnersOnly, SettingsNav } from '../components/SettingsNav';

interface Values {
  name: string;
  email: string;
  phone: string;
  address: string;
  timezone: string;
  bookingUrl: string;
  logoUrl: string;
  brandColor: string;
  defaultLocale: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
}

export function ClinicSettings() {
  const owner = useIsOwner();
  return (
    <>
      <PageHeader title="Settings" intro="Your clinic, the people who sign in, and the keys your booking system uses." />
      <SettingsNav />
      {owner ? <ClinicForm /> : <OwnersOnly what="clinic settings" />}
    </>
  );
}

function ClinicForm() {
  const clinic = useClinic();
  const update = useUpdateClinic();
  const [values, setValues] = useState<Values | undefined>();
  useEffect(() => {
    if (!clinic.data) return;
    const c = clinic.data;
    setValues({
      name: c.name,
      email: c.email,
      phone: c.phone ?? '',
      address: c.address ?? '',
      timezone: c.timezone,
      bookingUrl: c.bookingUrl ?? '',
      logoUrl: c.logoUrl ?? '',
      brandColor: c.brandColor ?? '',
      defaultLocale: c.defaultLocale,
      quiet: c.quietHours != null,
      quietStart: c.quietHours?.start ?? '21:00',
      quietEnd: c.quietHours?.end ?? '08:00',
    });
  }, [clinic.data]);
  if (clinic.isPending || (clinic.data && !values)) return <Loading what="the clinic" />;
  if (clinic.isError) return <ErrorNotice error={clinic.error} />;
  if (!values) return null;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues({ ...values, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({
      name: values.name,
      email: values.email,
      phone: values.phone || null,
      address: values.address || null,
      timezone: values.timezone,
      bookingUrl: values.bookingUrl || null,
      logoUrl: values.logoUrl || null,
      brandColor: values.brandColor.trim() || null,
      defaultLocale: values.defaultLocale,
      quietHours: values.quiet ? { start: values.quietStart, end: values.quietEnd } : null,
    });
  };
  return (
    <Card title="Clinic details">
      <form className="stack" onSubmit={submit}>
        <ErrorNotice error={update.error} />
        {update.isSuccess && (
          <p className="notice ok" role="status">
            Saved.
          </p>
        )}
        <div className="row">
          <Field label="Clinic name" error={fieldError(update.error, 'name')}>
            {(p) => <input {...p} value={values.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="Contact email" error={fieldError(update.error, 'email')}>
            {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} />}
          </Field>
          <Field label="Contact phone" error={fieldError(update.error, 'phone')}>
            {(p) => <input {...p} type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />}
          </Field>
        </div>
        <Field label="Address" error={fieldError(update.error, 'address')}>
          {(p) => <input {...p} value={values.address} onChange={(e) => set('address', e.target.value)} />}
        </Field>
        <Field
          label="Time zone"
          hint="Every time in the console and in messages is shown in it, e.g. America/Toronto"
          error={fieldError(update.error, 'timezone')}
        >
          {(p) => <input {...p} value={values.timezone} onChange={(e) => set('timezone', e.target.value)} />}
        </Field>
        <Field
          label="Online booking link"
          hint="https only; rebooking messages offer it, e.g. https://book.example.com/riverside"
          error={fieldError(update.error, 'bookingUrl')}
        >
          {(p) => <input {...p} type="url" value={values.bookingUrl} onChange={(e) => set('bookingUrl', e.target.value)} />}
        </Field>
        <div className="row">
          <Field
            label="Logo address"
            hint="https only; shown at the top of emails with the clinic's name as its text"
            error={fieldError(update.error, 'logoUrl')}
          >
            {(p) => <input {...p} type="url" value={values.logoUrl} onChange={(e) => set('logoUrl', e.target.value)} />}
          </Field>
          <Field
            label="Brand colour"
            hint="The email button's colour as #rrggbb, e.g. #1f6f78; blank for the default"
            error={fieldError(update.error, 'brandColor')}
          >
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                spellCheck={false}
                value={values.brandColor}
                onChange={(e) => set('brandColor', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Patients' language"
            hint="For patients whose own language is not set"
            error={fieldError(update.error, 'defaultLocale')}
          >
            {(p) => (
              <select {...p} value={values.defaultLocale} onChange={(e) => set('defaultLocale', e.target.value)}>
                {!['en', 'fr', 'en-CA', 'fr-CA'].includes(values.defaultLocale) && (
                  <option value={values.defaultLocale}>{values.defaultLocale}</option>
                )}
                <option value="en">English</option>
                <option value="en-CA">English (Canada)</option>
                <option value="fr">French</option>
                <option value="fr-CA">French (Canada)</option>
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Quiet hours</legend>
          <label className="check">
            <input type="checkbox" checked={values.quiet} onChange={(e) => set('quiet', e.target.checked)} />
            Hold messages overnight until quiet hours end
          </label>
          {values.quiet && (
            <div className="row">
              <Field label="Quiet from" error={fieldError(update.error, 'quietHours.start')}>
                {(p) => <input {...p} type="time" value={values.quietStart} onChange={(e) => set('quietStart', e.target.value)} />}
              </Field>
              <Field label="Quiet until" error={fieldError(update.error, 'quietHours.end')}>
                {(p) => <input {...p} type="time" value={values.quietEnd} onChange={(e) => set('quietEnd', e.target.value)} />}
              </Field>
            </div>
          )}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={update.isPending}>
            Save clinic details
          </button>
        </div>
      </form>
    </Card>
  );
}
