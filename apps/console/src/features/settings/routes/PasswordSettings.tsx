import { type FormEvent, useState } from 'react';
import { Card, ErrorNotice, Field, fieldError, PageHeader } from '../../../components/ui';
import { useChangePassword } from '../api/settings';
import { SettingsNav } from '../components/SettingsNav';

export function PasswordSettings() {
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };
  return (
    <>
      <PageHeader title="My password" />
      <SettingsNav />
      <Card title="Change my password">
        <form className="stack" onSubmit={submit}>
          <ErrorNotice error={change.error} />
          {change.isSuccess && (
            <p className="notice ok" role="status">
              Password changed.
            </p>
          )}
          <Field label="Current password" error={fieldError(change.error, 'currentPassword')}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                value={currentPassword}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
          <Field label="New password" hint="At least 12 characters" error={fieldError(change.error, 'newPassword')}>
            {(p) => (
              <input {...p} type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" disabled={change.isPending}>
              Change password
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}
