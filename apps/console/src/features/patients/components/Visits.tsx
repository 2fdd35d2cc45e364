import { type FormEvent, useState } from 'react';
import { Badge, Empty, ErrorNotice, Field, fieldError, statusTone } from '../../../components/ui';
import { serviceName } from '../../../lib/plain-words';
import { useServiceField } from './ServiceField';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../../lib/time';
import { useBookVisit, useChangeVisit, useRescheduleVisit, type Visit } from '../api/patients';

function nextHour(): Date {
  const at = new Date(Date.now() + 60 * 60_000);
  at.setMinutes(0, 0, 0);
  return at;
}

export function BookVisit({ patientId, zone }: { patientId: string; zone: string }) {
  const book = useBookVisit(patientId);
  const [startsAt, setStartsAt] = useState(() => toLocalInput(nextHour(), zone));
  const [duration, setDuration] = useState('60');
  const [practitioner, setPractitioner] = useState('');
  const service = useServiceField('Service', fieldError(book.error, 'serviceType'));
  const chosen = service.chosen;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    book.mutate({
      patientId,
      serviceType: chosen,
      startsAt: fromLocalInput(startsAt, zone),
      durationMinutes: Number(duration),
      practitioner: practitioner.trim() || undefined,
    });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Book a visit">
      <ErrorNotice error={book.error} />
      {book.isSuccess && (
        <p className="notice ok" role="status">
          Visit booked. Its reminders are planned.
        </p>
      )}
      <div className="row">
        {service.field}
        <Field label="Date and time" hint={`Clinic time (${zone})`} error={fieldError(book.error, 'startsAt')}>
          {(p) => <input {...p} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
        </Field>
        <Field label="Length in minutes" error={fieldError(book.error, 'durationMinutes')}>
          {(p) => <input {...p} type="number" min={5} max={480} required value={duration} onChange={(e) => setDuration(e.target.value)} />}
        </Field>
        <Field label="Practitioner" error={fieldError(book.error, 'practitioner')}>
          {(p) => <input {...p} autoComplete="off" value={practitioner} onChange={(e) => setPractitioner(e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={book.isPending || !chosen}>
          Book visit
        </button>
      </div>
    </form>
  );
}

function VisitRow({ visit, patientId, zone }: { visit: Visit; patientId: string; zone: string }) {
  const change = useChangeVisit(patientId);
  const reschedule = useRescheduleVisit(patientId);
  const [moving, setMoving] = useState(false);
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date(visit.startsAt), zone));
  const label = `${serviceName(visit.serviceType)} on ${formatDateTime(visit.startsAt, zone)}`;
  const submitMove = (event: FormEvent) => {
    event.preventDefault();
    reschedule.mutate({ id: visit.id, startsAt: fromLocalInput(startsAt, zone) }, { onSuccess: () => setMoving(false) });
  };
  return (
    <li>
      <span>
        <strong>{serviceName(visit.serviceType)}</strong> {formatDateTime(visit.startsAt, zone)}
        {visit.practitioner && <span className="muted"> with {visit.practitioner}</span>}{' '}
        <Badge tone={statusTone(visit.status)}>{visit.status === 'no-show' ? 'did not come' : visit.status}</Badge>
      </span>
      {visit.status === 'booked' && (
        <span className="actions">
          <button
            type="button"
            onClick={() => change.mutate({ id: visit.id, to: 'complete' })}
            disabled={change.isPending}
            aria-label={`Complete ${label}`}
          >
            Complete
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => setMoving((m) => !m)}
            aria-expanded={moving}
            aria-label={`Reschedule ${label}`}
          >
            Reschedule
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => change.mutate({ id: visit.id, to: 'no-show' })}
            aria-label={`No-show ${label}`}
          >
            No-show
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => change.mutate({ id: visit.id, to: 'cancel' })}
            aria-label={`Cancel visit: ${label}`}
          >
            Cancel visit
          </button>
        </span>
      )}
      {moving && (
        <form className="actions" onSubmit={submitMove} aria-label={`Reschedule ${label}`}>
          <Field label="New date and time" error={fieldError(reschedule.error, 'startsAt')}>
            {(p) => <input {...p} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
          </Field>
          <button type="submit" disabled={reschedule.isPending}>
            Move visit
          </button>
        </form>
      )}
      <ErrorNotice error={change.error ?? reschedule.error} />
    </li>
  );
}

export function VisitList({ visits, patientId, zone }: { visits: Visit[]; patientId: string; zone: string }) {
  if (visits.length === 0) return <Empty>No visits yet.</Empty>;
  // The API answers the latest first.
  return (
    <ul className="list" aria-label="Visits">
      {visits.map((visit) => (
        <VisitRow key={visit.id} visit={visit} patientId={patientId} zone={zone} />
      ))}
    </ul>
  );
}
