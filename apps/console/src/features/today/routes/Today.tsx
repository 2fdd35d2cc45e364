import { Badge, Card, Empty, ErrorNotice, Loading, PageHeader, statusTone } from '../../../components/ui';
import { followupStatusInWords, kindInWords, channelInWords } from '../../../lib/plain-words';
import { Link } from '../../../lib/router';
import { useClinicZone } from '../../../lib/session';
import { formatDateTime } from '../../../lib/time';
import { useRetryFollowup, useToday } from '../api/today';

function PatientLink({ patient }: { patient?: { id: string; firstName: string; lastName?: string | null } | null }) {
  if (!patient) return <span className="muted">a patient</span>;
  return <Link to={`/patients/${patient.id}`}>{[patient.firstName, patient.lastName].filter(Boolean).join(' ')}</Link>;
}

export function Today() {
  const zone = useClinicZone();
  const today = useToday();
  const retry = useRetryFollowup();
  const header = <PageHeader title="Today" intro="What goes out in the next 24 hours and what needs a person." />;
  if (today.isPending)
    return (
      <>
        {header}
        <Loading what="today's work" />
      </>
    );
  if (today.isError)
    return (
      <>
        {header}
        <ErrorNotice error={today.error} />
      </>
    );
  const { counts, dueSoon, needsAttention, unreadReplies, openAlerts } = today.data;

  return (
    <>
      {header}
      <div className="counts">
        <a className="count calm" href="#due">
          <strong>{counts.dueSoon}</strong>
          <span>due in the next 24 hours</span>
        </a>
        <a className={`count${counts.needsAttention ? ' attention' : ''}`} href="#attention">
          <strong>{counts.needsAttention}</strong>
          <span>need attention</span>
        </a>
        <Link className="count" to="/replies">
          <strong>{counts.unreadReplies ?? '—'}</strong>
          <span>unread replies</span>
        </Link>
        <Link className={`count${counts.openAlerts ? ' attention' : ''}`} to="/alerts">
          <strong>{counts.openAlerts}</strong>
          <span>open flare-up alerts</span>
        </Link>
      </div>

      <ErrorNotice error={retry.error} />
      <Card title="Needs attention" id="attention">
        {needsAttention.length === 0 ? (
          <Empty>Nothing failed. Every message went out or is on its way.</Empty>
        ) : (
          <ul className="list">
            {needsAttention.map((followup) => (
              <li key={followup.id}>
                <span>
                  <strong>{kindInWords(followup.kind)}</strong> for <PatientLink patient={followup.patient} /> by{' '}
                  {channelInWords(followup.channel)}
                  <br />
                  <span className="small muted">{formatDateTime(followup.sendAt, zone)}</span>
                </span>
                <span className="actions">
                  <Badge tone={statusTone(followup.status)}>{followupStatusInWords(followup.status, followup.reason)}</Badge>
                  <button
                    type="button"
                    onClick={() => retry.mutate(followup.id)}
                    disabled={retry.isPending}
                    aria-label={`Retry ${kindInWords(followup.kind).toLowerCase()} for ${followup.patient?.firstName ?? 'the patient'}`}
                  >
                    Retry
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Due in the next 24 hours" id="due">
        {dueSoon.length === 0 ? (
          <Empty>No messages are due in the next 24 hours.</Empty>
        ) : (
          <ul className="list">
            {dueSoon.map((followup) => (
              <li key={followup.id}>
                <span>
                  <strong>{kindInWords(followup.kind)}</strong> for <PatientLink patient={followup.patient} /> by{' '}
                  {channelInWords(followup.channel)}
                </span>
                <span className="small muted">{formatDateTime(followup.sendAt, zone)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid-2">
        <Card title="Unread replies">
          {unreadReplies.length === 0 ? (
            <Empty>No replies waiting.</Empty>
          ) : (
            <ul className="list">
              {unreadReplies.map((reply) => (
                <li key={reply.id}>
                  <span>
                    “{reply.body}”{' '}
                    <span className="small muted">— {reply.patient ? <PatientLink patient={reply.patient} /> : reply.from}</span>
                  </span>
                  <span className="small muted">{formatDateTime(reply.receivedAt, zone)}</span>
                </li>
              ))}
            </ul>
          )}
          <Link to="/replies">All replies</Link>
        </Card>
        <Card title="Open flare-up alerts">
          {openAlerts.length === 0 ? (
            <Empty>No open alerts.</Empty>
          ) : (
            <ul className="list">
              {openAlerts.map((alert) => (
                <li key={alert.id}>
                  <span>
                    Score <strong>{alert.score}</strong> from <PatientLink patient={alert.patient} />
                  </span>
                  <span className="small muted">{formatDateTime(alert.createdAt, zone)}</span>
                </li>
              ))}
            </ul>
          )}
          <Link to="/alerts">All alerts</Link>
        </Card>
      </div>
    </>
  );
}
