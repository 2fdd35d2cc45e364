import { useState } from 'react';
import { Field } from '../../../components/ui';
import { serviceName } from '../../../lib/plain-words';
import { useServiceTypes } from '../api/patients';

/** The clinic's service types as a labelled select; answers the chosen one (the first until staff pick). */
export function useServiceField(label: string, error: string | undefined) {
  const services = useServiceTypes();
  const [picked, setPicked] = useState('');
  const chosen = picked || services.data?.[0] || '';
  const field = (
    <Field label={label} error={error}>
      {(p) => (
        <select {...p} value={chosen} onChange={(e) => setPicked(e.target.value)}>
          {(services.data ?? []).map((type) => (
            <option key={type} value={type}>
              {serviceName(type)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return { chosen, field };
}
