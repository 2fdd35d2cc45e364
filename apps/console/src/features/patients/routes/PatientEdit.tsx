import { Card, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { Link, navigate } from '../../../lib/router';
import { usePatient, useUpdatePatient } from '../api/patients';
import { PatientForm, toPatientInput } from '../components/PatientForm';

export function PatientEdit({ id }: { id: string }) {
  const patient = usePatient(id);
  const update = useUpdatePatient(id);
  if (patient.isPending) return <Loading what="the patient" />;
  if (patient.isError) return <ErrorNotice error={patient.error} />;
  const p = patient.data;
  return (
    <>
      <PageHeader title={`Edit ${p.firstName}`} intro={<Link to={`/patients/${id}`}>Back to the patient</Link>} />
      <Card>
        <PatientForm
          initial={{
            firstName: p.firstName,
            lastName: p.lastName ?? '',
            email: p.email ?? '',
            phone: p.phone ?? '',
            timezone: p.timezone ?? '',
            locale: p.locale ?? '',
            preferredChannel: p.preferredChannel ?? '',
            consentEmail: p.consent.email,
            consentSms: p.consent.sms,
          }}
          submitLabel="Save changes"
          pending={update.isPending}
          error={update.error}
          onSubmit={(values) => update.mutate(toPatientInput(values), { onSuccess: () => navigate(`/patients/${id}`) })}
        />
      </Card>
    </>
  );
}
