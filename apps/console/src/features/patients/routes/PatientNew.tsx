import { Card, PageHeader } from '../../../components/ui';
import { Link, navigate } from '../../../lib/router';
import { useCreatePatient } from '../api/patients';
import { EMPTY_PATIENT, PatientForm, toPatientInput } from '../components/PatientForm';

export function PatientNew() {
  const create = useCreatePatient();
  return (
    <>
      <PageHeader title="Add a patient" intro={<Link to="/patients">Back to patients</Link>} />
      <Card>
        <PatientForm
          initial={EMPTY_PATIENT}
          submitLabel="Save patient"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(toPatientInput(values), { onSuccess: (patient) => navigate(`/patients/${patient.id}`) })}
        />
      </Card>
    </>
  );
}
