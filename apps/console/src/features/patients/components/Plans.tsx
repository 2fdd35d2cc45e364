import { type FormEvent, useState } from 'react';
import { Badge, Empty, ErrorNotice, Field, fieldError, statusTone } from '../../../components/ui';
import { serviceName } from '../../../lib/plain-words';
import { useServiceField } from './ServiceField';
import { formatDateTime } from '../../../lib/time';
import { type TreatmentPlan as Plan, useCancelPlan, useStartPlan } from '../api/patients';

export function StartPlan({ patientId }: { patientId: string }) {
  const start = useStartPlan(patientId);
  const [sessions, setSessions] = useState('6');
  const [intervalDays, setIntervalDays] = useState('7');
  const [startsOn, setStartsOn] = useState('');
  const service = useServiceField('Plan service', fieldError(start.error, 'serviceType'));
  const chosen = service.chosen;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({
      patientId,
      serviceType: chosen,
      sessions: Number(sessions),
      intervalDays: Number(intervalDays),
      startsOn: startsOn || undefined,
    });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Start a treatment plan">
      <ErrorNotice error={start.error} />
      <div className="row">
        {service.field}
        <Field label="Sessions" error={fieldError(start.error, 'sessions')}>
          {(p) => <input {...p} type="number" min={1} max={52} value={sessions} onChange={(e) => setSessions(e.target.value)} />}
        </Field>
        <Field label="Days between sessions" error={fieldError(start.error, 'intervalDays')}>
          {(p) => <input {...p} type="number" min={1} max={365} value={intervalDays} onChange={(e) => setIntervalDays(e.target.value)} />}
        </Field>
        <Field label="First session due on" hint="Leave blank for now" error={fieldError(start.error, 'startsOn')}>
          {(p) => <input {...p} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={start.isPending || !chosen}>
          Start plan
        </button>
      </div>
    </form>
  );
}

export function PlanList({ plans, patientId, zone }: { plans: Plan[]; patientId: string; zone: string }) {
  const cancel = useCancelPlan(patientId);
  if (plans.length === 0) return <Empty>No treatment plan.</Empty>;
  return (
    <>
      <ErrorNotice error={cancel.error} />
      <ul className="list" aria-label="Treatment plans">
        {plans.map((plan) => (
          <li key={plan.id}>
            <span>
              <strong>{serviceName(plan.serviceType)}</strong>: {plan.sessionsDone} of {plan.sessions} sessions, every {plan.intervalDays}{' '}
              days <Badge tone={statusTone(plan.status)}>{plan.status}</Badge>
              {plan.status === 'active' && plan.nextDueAt && (
                <span className="small muted"> next due {formatDateTime(plan.nextDueAt, zone)}</span>
              )}
            </span>
            {plan.status === 'active' && (
              <button
                type="button"
                className="danger"
                onClick={() => cancel.mutate(plan.id)}
                disabled={cancel.isPending}
                aria-label={`Cancel plan: ${serviceName(plan.serviceType)}`}
              >
                Cancel plan
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
