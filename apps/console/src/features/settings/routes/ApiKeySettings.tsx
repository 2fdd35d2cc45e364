import { type FormEvent, useState } from 'react';
import { Badge, Card, Empty, ErrorNotice, Field, fieldError, Loading, PageHeader } from '../../../components/ui';
import { useClinicZone, useIsOwner } from '../../../lib/session';
import { formatDateTime } from '../../../lib/time';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/settings';
import { OwnersOnly, SettingsNav } from '../components/SettingsNav';

export function ApiKeySettings() {
  const owner = useIsOwner();
  return (
    <>
      <PageHeader title="API keys" intro="Keys your booking system uses to tell carecadence about patients and visits." />
      <SettingsNav />
      {owner ? <ApiKeys /> : <OwnersOnly what="API keys" />}
    </>
  );
}

function ApiKeys() {
  const zone = useClinicZone();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, { onSuccess: () => setName('') });
  };
  return (
    <>
      <Card title="Create a key">
        <form className="stack" onSubmit={submit}>
          <ErrorNotice error={create.error} />
          <Field label="What is it for?" hint="e.g. Jane booking sync" error={fieldError(create.error, 'name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
          </Field>
          <div className="actions">
            <button type="submit" disabled={create.isPending}>
              Create key
            </button>
          </div>
        </form>
        {create.data && (
          <div className="notice ok" role="status">
            <p>
              Copy the key for <strong>{create.data.name}</strong> now: it is shown only once.
            </p>
            <p className="key-once" data-testid="new-api-key">
              {create.data.key}
            </p>
          </div>
        )}
      </Card>
      <Card title="Keys">
        <ErrorNotice error={revoke.error} />
        {keys.isPending ? (
          <Loading what="keys" />
        ) : keys.isError ? (
          <ErrorNotice error={keys.error} />
        ) : keys.data.length === 0 ? (
          <Empty>No keys yet.</Empty>
        ) : (
          <ul className="list" aria-label="API keys">
            {keys.data.map((key) => (
              <li key={key.id}>
                <span>
                  <strong>{key.name}</strong> <span className="muted">{key.lastFour ? `…${key.lastFour}` : 'an older key'}</span>
                  <br />
                  <span className="small muted">created {formatDateTime(key.createdAt, zone)}</span>
                </span>
                {key.revokedAt ? (
                  <Badge tone="warn">revoked {formatDateTime(key.revokedAt, zone)}</Badge>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => revoke.mutate(key.id)}
                    disabled={revoke.isPending}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
