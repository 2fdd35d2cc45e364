import { useDeferredValue, useState } from 'react';
import { Card, Empty, ErrorNotice, Field, Loading, PageHeader } from '../../../components/ui';
import { Link } from '../../../lib/router';
import { usePatientSearch } from '../api/patients';

export function PatientList() {
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const results = usePatientSearch(query);
  return (
    <>
      <PageHeader
        title="Patients"
        intro="Find a patient by name, email or phone."
        actions={
          <Link className="button" to="/patients/new">
            Add patient
          </Link>
        }
      />
      <Card>
        <form role="search" onSubmit={(e) => e.preventDefault()}>
          <Field label="Search patients">
            {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />}
          </Field>
        </form>
      </Card>
      <Card title={query ? `Patients matching “${query}”` : 'Patients'}>
        {results.isPending ? (
          <Loading what="patients" />
        ) : results.isError ? (
          <ErrorNotice error={results.error} />
        ) : results.data.length === 0 ? (
          <Empty>{query ? 'No patient matches. Check the spelling, or add the patient.' : 'No patients yet. Add the first one.'}</Empty>
        ) : (
          <ul className="list" aria-label="Patients found">
            {results.data.map((patient) => (
              <li key={patient.id}>
                <Link to={`/patients/${patient.id}`}>{[patient.firstName, patient.lastName].filter(Boolean).join(' ')}</Link>
                <span className="small muted">{[patient.email, patient.phone].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
