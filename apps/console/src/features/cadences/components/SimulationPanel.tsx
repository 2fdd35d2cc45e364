import { type FormEvent, useState } from 'react';
import { Badge, Empty, ErrorNotice, Field, statusTone } from '../../../components/ui';
import { channelInWords, followupStatusInWords, kindInWords } from '../../../lib/plain-words';
import { formatDateTime, fromLocalInput, toLocalInput } from '../../../lib/time';
import { type CadenceStep, useSimulation } from '../api/cadences';

function tomorrowAtTen(zone: string): string {
  const local = toLocalInput(new Date(Date.now() + 24 * 60 * 60_000), zone);
  return `${local.slice(0, 10)}T10:00`;
}

/** For a visit staff pick: each message this cadence would send and when (nothing is planned). */
export function SimulationPanel({ serviceType, steps, zone }: { serviceType: string; steps: CadenceStep[]; zone: string }) {
  const simulate = useSimulation(serviceType);
  const [startsAt, setStartsAt] = useState(() => tomorrowAtTen(zone));
  const [duration, setDuration] = useState('60');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    simulate.mutate({ startsAt: fromLocalInput(startsAt, zone), durationMinutes: Number(duration), steps });
  };
  return (
    <section className="card" aria-labelledby="simulation-heading">
      <h2 id="simulation-heading">Try it on a visit</h2>
      <p className="small muted">
        Pick a visit time to see every message this cadence would send, with quiet hours and late reminders applied.
      </p>
      <form className="row" onSubmit={submit} aria-label="Simulate a visit">
        <Field label="Visit date and time" hint={`Clinic time (${zone})`}>
          {(p) => <input {...p} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />}
        </Field>
        <Field label="Visit length in minutes">
          {(p) => <input {...p} type="number" min={5} max={480} required value={duration} onChange={(e) => setDuration(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={simulate.isPending}>
            Simulate
          </button>
        </div>
      </form>
      <ErrorNotice error={simulate.error} />
      {simulate.data &&
        (simulate.data.messages.length === 0 ? (
          <Empty>This cadence sends nothing for that visit.</Empty>
        ) : (
          <ol className="timeline" aria-label="Simulated messages">
            {simulate.data.messages.map((message, index) => (
              <li key={`${message.stepKey}-${message.channel}-${index}`}>
                <div className="when">{formatDateTime(message.sendAt, zone)}</div>
                <div>
                  <strong>{kindInWords(message.kind)}</strong> by {channelInWords(message.channel)}{' '}
                  <Badge tone={statusTone(message.status)}>{followupStatusInWords(message.status, message.reason)}</Badge>
                </div>
                {message.dueAt && <div className="small muted">due {formatDateTime(message.dueAt, zone)}, moved out of quiet hours</div>}
              </li>
            ))}
          </ol>
        ))}
      {simulate.data && simulate.data.notSimulated.length > 0 && (
        <p className="small muted">
          Not shown: {simulate.data.notSimulated.map((step) => step.stepKey).join(', ')} — they follow a treatment plan, not a single visit.
        </p>
      )}
    </section>
  );
}
