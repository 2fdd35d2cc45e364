import { useState } from 'react';
import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { Link } from '../../../lib/router';
import { useClinicZone } from '../../../lib/session';
import { formatDateTime } from '../../../lib/time';
import { type ReplyStatus, useMarkRead, usePatientNames, useReplies } from '../api/replies';

export function Replies() {
  const zone = useClinicZone();
  const [status, setStatus] = useState<ReplyStatus>('unread');
  const replies = useReplies(status);
  const markRead = useMarkRead();
  const names = usePatientNames((replies.data ?? []).flatMap((reply) => (reply.patientId ? [reply.patientId] : [])));
  return (
    <>
      <PageHeader title="Replies" intro="Texts from patients that were not STOP, a score or YES: a person should read them." />
      <div className="actions" role="group" aria-label="Which replies">
        <button
          type="button"
          className={status === 'unread' ? '' : 'secondary'}
          aria-pressed={status === 'unread'}
          onClick={() => setStatus('unread')}
        >
          Unread
        </button>
        <button
          type="button"
          className={status === 'read' ? '' : 'secondary'}
          aria-pressed={status === 'read'}
          onClick={() => setStatus('read')}
        >
          Read
        </button>
      </div>
      <Card title={status === 'unread' ? 'Unread replies' : 'Read replies'}>
        <ErrorNotice error={markRead.error} />
        {replies.isPending ? (
          <Loading what="replies" />
        ) : replies.isError ? (
          <ErrorNotice error={replies.error} />
        ) : replies.data.length === 0 ? (
          <Empty>{status === 'unread' ? 'All caught up: no unread replies.' : 'No read replies yet.'}</Empty>
        ) : (
          <ul className="list" aria-label="Replies">
            {replies.data.map((reply) => (
              <li key={reply.id}>
                <span>
                  <span className="reply-body">“{reply.body}”</span>
                  <br />
                  <span className="small muted">
                    {formatDateTime(reply.receivedAt, zone)} · from{' '}
                    {reply.patientId ? (
                      <Link to={`/patients/${reply.patientId}`}>{names.get(reply.patientId) ?? 'the patient'}</Link>
                    ) : (
                      reply.from
                    )}
                  </span>
                </span>
                {reply.status === 'unread' && (
                  <button type="button" className="secondary" onClick={() => markRead.mutate(reply.id)} disabled={markRead.isPending}>
                    Mark read
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
