import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { useClinicZone, useIsOwner } from '../../../lib/session';
import { formatDateTime } from '../../../lib/time';
import { useAudit } from '../api/settings';
import { OwnersOnly, SettingsNav } from '../components/SettingsNav';

const ACTOR_WORDS = { staff: 'a staff member', 'api-key': 'an API key', admin: 'the operator' } as const;

/** Changes as JSON text: shown, never interpreted. */
function summary(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export function AuditLog() {
  const owner = useIsOwner();
  return (
    <>
      <PageHeader title="Audit log" intro="Who changed what, and when." />
      <SettingsNav />
      {owner ? <Events /> : <OwnersOnly what="the audit log" />}
    </>
  );
}

function Events() {
  const zone = useClinicZone();
  const audit = useAudit();
  return (
    <Card title="Recent changes">
      {audit.isPending ? (
        <Loading what="the audit log" />
      ) : audit.isError ? (
        <ErrorNotice error={audit.error} />
      ) : audit.data.length === 0 ? (
        <Empty>No changes recorded yet.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit log table">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Before → after</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{formatDateTime(event.createdAt, zone)}</td>
                  <td>
                    {event.action}
                    <br />
                    <span className="small muted">{event.subjectId.length > 20 ? `${event.subjectId.slice(0, 8)}…` : event.subjectId}</span>
                  </td>
                  <td>{ACTOR_WORDS[event.actorType]}</td>
                  <td className="small">
                    {summary(event.before)} → {summary(event.after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
