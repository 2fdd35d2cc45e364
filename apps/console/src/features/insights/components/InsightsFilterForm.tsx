import { type FormEvent, useState } from 'react';
import { Field, fieldError } from '../../../components/ui';
import { serviceName } from '../../../lib/plain-words';
import type { InsightsFilters } from '../api/insights';

/** Period and service type; applied together with "Show", so typing a date asks nothing of the server. */
export function InsightsFilterForm({
  applied,
  serviceTypes,
  error,
  onApply,
}: {
  applied: InsightsFilters;
  serviceTypes: string[];
  error: unknown;
  onApply: (filters: InsightsFilters) => void;
}) {
  const [draft, setDraft] = useState(applied);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="insights-filters" aria-label="Filters" onSubmit={submit}>
      <Field label="From" hint="First day, in the clinic's time zone" error={fieldError(error, 'from')}>
        {(props) => <input {...props} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
      </Field>
      <Field label="To" hint="Last day, included" error={fieldError(error, 'to')}>
        {(props) => <input {...props} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
      </Field>
      <Field label="Service" error={fieldError(error, 'serviceType')}>
        {(props) => (
          <select {...props} value={draft.serviceType} onChange={(e) => setDraft({ ...draft, serviceType: e.target.value })}>
            <option value="">All services</option>
            {serviceTypes.map((type) => (
              <option key={type} value={type}>
                {serviceName(type)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="insights-filter-actions">
        <button type="submit">Show</button>
      </div>
    </form>
  );
}
