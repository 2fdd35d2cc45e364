import { useState } from 'react';
import { Badge, ErrorNotice, statusTone } from '../../../components/ui';
import { channelInWords, followupStatusInWords, kindInWords } from '../../../lib/plain-words';
import { formatDateTime } from '../../../lib/time';
import { type PatientRecord as Record, useFollowupMessage } from '../api/patients';

interface Entry {
  key: string;
  at: string;
  title: string;
  status?: { words: string; tone: ReturnType<typeof statusTone> };
  details: string[];
  /** A follow-up that went out: its message can be read. */
  sentFollowup?: { id: string; channels: ('email' | 'sms')[] };
}

/** The message a follow-up sent, fetched when staff open it; always text, never markup. */
function SentMessage({ followupId, channels }: { followupId: string; channels: ('email' | 'sms')[] }) {
  const [open, setOpen] = useState(false);
  const message = useFollowupMessage(followupId, open);
  const data = message.data;
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>The message</summary>
      <ErrorNotice error={message.error} />
      {data && (
        <div className="stack" lang={data.language}>
          {channels.includes('email') && data.email && (
            <div className="preview" data-testid="sent-email">
              <strong>{data.email.subject}</strong>
              {'\n\n'}
              {data.email.text}
            </div>
          )}
          {channels.includes('sms') && data.sms && (
            <div className="sms-bubble" data-testid="sent-sms">
              {data.sms.text}
            </div>
          )}
        </div>
      )}
    </details>
  );
}

const SOURCE_WORDS: { [source: string]: string } = {
  api: 'recorded by the clinic',
  'sms-stop': 'the patient texted STOP',
  'sms-start': 'the patient texted START',
  'unsubscribe-link': 'the patient used the unsubscribe link',
  'provider-21610': 'the phone carrier reports an opt-out',
};

/** Every follow-up, message, reply, consent change and alert, newest first, in the clinic's zone. */
export function CareTimeline({ record, zone }: { record: Record; zone: string }) {
  const entries: Entry[] = [];
  const deliveries = record.messages.data ?? [];
  for (const followup of record.followups.data ?? []) {
    const sent = deliveries.filter((delivery) => delivery.followupId === followup.id);
    entries.push({
      key: `f-${followup.id}`,
      at: followup.sentAt ?? followup.sendAt,
      title: `${kindInWords(followup.kind)} by ${channelInWords(followup.channel)}`,
      status: { words: followupStatusInWords(followup.status, followup.reason), tone: statusTone(followup.status) },
      details: [
        ...sent.map(
          (delivery) =>
            `${delivery.channel === 'sms' ? 'SMS' : 'Email'} to ${delivery.to}: ${delivery.status}${delivery.error ? ` (${delivery.error})` : ''}`,
        ),
      ].filter(Boolean),
      ...(sent.length > 0 && { sentFollowup: { id: followup.id, channels: [...new Set(sent.map((delivery) => delivery.channel))] } }),
    });
  }
  for (const reply of record.replies.data ?? []) {
    entries.push({
      key: `r-${reply.id}`,
      at: reply.receivedAt,
      title: `Reply: “${reply.body}”`,
      details: reply.status === 'unread' ? ['unread'] : [],
    });
  }
  for (const change of record.consent.data?.history ?? []) {
    entries.push({
      key: `c-${change.channel}-${change.at}-${String(change.granted)}`,
      at: change.at,
      title: `${change.channel === 'sms' ? 'SMS' : 'Email'} consent ${change.granted ? 'given' : 'withdrawn'}`,
      details: [SOURCE_WORDS[change.source] ?? change.source],
    });
  }
  for (const alert of record.alerts.data ?? []) {
    entries.push({
      key: `a-${alert.id}`,
      at: alert.createdAt,
      title: `Flare-up alert: check-in score ${alert.score}`,
      status: { words: alert.acknowledgedAt ? 'acknowledged' : 'open', tone: alert.acknowledgedAt ? 'ok' : 'danger' },
      details: [],
    });
  }
  entries.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());

  if (entries.length === 0) return <p className="empty">Nothing yet. Book a visit and its reminders and aftercare appear here.</p>;
  return (
    <ol className="timeline" aria-label="Care timeline">
      {entries.map((entry) => (
        <li key={entry.key}>
          <div className="when">{formatDateTime(entry.at, zone)}</div>
          <div>
            <strong>{entry.title}</strong> {entry.status && <Badge tone={entry.status.tone}>{entry.status.words}</Badge>}
          </div>
          {entry.details.map((detail) => (
            <div className="small muted" key={detail}>
              {detail}
            </div>
          ))}
          {entry.sentFollowup && <SentMessage followupId={entry.sentFollowup.id} channels={entry.sentFollowup.channels} />}
        </li>
      ))}
    </ol>
  );
}
