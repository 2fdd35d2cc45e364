import { type FormEvent, useState } from 'react';
import { Badge, Card, Empty, ErrorNotice, Field, fieldError, Loading, PageHeader } from '../../../components/ui';
import { useIsOwner, useSession } from '../../../lib/session';
import { useAddStaff, useRemoveStaff, useStaff } from '../api/settings';
import { OwnersOnly, SettingsNav } from '../components/SettingsNav';

export function StaffSettings() {
  const owner = useIsOwner();
  return (
    <>
      <PageHeader title="Staff" intro="The people who sign in to this console." />
      <SettingsNav />
      {owner ? (
        <>
          <StaffList />
          <AddStaff />
        </>
      ) : (
        <OwnersOnly what="staff accounts" />
      )}
    </>
  );
}

function StaffList() {
  const me = useSession().staff;
  const staff = useStaff();
  const remove = useRemoveStaff();
  return (
    <Card title="Who can sign in">
      <ErrorNotice error={remove.error} />
      {staff.isPending ? (
        <Loading what="staff" />
      ) : staff.isError ? (
        <ErrorNotice error={staff.error} />
      ) : staff.data.length === 0 ? (
        <Empty>No staff accounts.</Empty>
      ) : (
        <ul className="list" aria-label="Staff accounts">
          {staff.data.map((person) => (
            <li key={person.id}>
              <span>
                <strong>{person.name}</strong> <span className="muted">{person.email}</span>{' '}
                <Badge tone={person.role === 'owner' ? 'info' : undefined}>{person.role}</Badge>
              </span>
              {person.id !== me.id && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => remove.mutate(person.id)}
                  disabled={remove.isPending}
                  aria-label={`Remove ${person.name}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function AddStaff() {
  const add = useAddStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'staff' | 'owner'>('staff');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name, email, role, password },
      {
        onSuccess: () => {
          setName('');
          setEmail('');
          setPassword('');
        },
      },
    );
  };
  return (
    <Card title="Add someone">
      <form className="stack" onSubmit={submit}>
        <ErrorNotice error={add.error} />
        {add.isSuccess && (
          <p className="notice ok" role="status">
            Added. Give them their password in person.
          </p>
        )}
        <div className="row">
          <Field label="Name" error={fieldError(add.error, 'name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Their email" error={fieldError(add.error, 'email')}>
            {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Role" hint="Owners also manage staff, API keys and clinic settings" error={fieldError(add.error, 'role')}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as 'staff' | 'owner')}>
                <option value="staff">Staff</option>
                <option value="owner">Owner</option>
              </select>
            )}
          </Field>
          <Field label="First password" hint="At least 12 characters" error={fieldError(add.error, 'password')}>
            {(p) => (
              <input {...p} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
            )}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" disabled={add.isPending}>
            Add staff member
          </button>
        </div>
      </form>
    </Card>
  );
}
