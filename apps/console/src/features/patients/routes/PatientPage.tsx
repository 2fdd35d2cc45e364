import { Badge, Card, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { channelInWords } from '../../../lib/plain-words';
import { Link } from '../../../lib/router';
import { useClinicZone } from '../../../lib/session';
import { type PatientList, usePatient, usePatientRecord } from '../api/patients';
import { CareTimeline } from '../components/CareTimeline';
import { PlanList, StartPlan } from '../components/Plans';
import { BookVisit, VisitList } from '../components/Visits';

/** The next page of a list the API answers a page at a time. */
function ShowOlder({ list, what }: { list: PatientList<unknown>; what: string }) {
  if (!list.hasMore) return null;
  return (
    <p className="actions">
      <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loadingMore}>
        Show older {what}
      </button>
    </p>
  );
}

export function PatientPage({ id }: { id: string }) {
  const zone = useClinicZone();
  const patient = usePatient(id);
  const record = usePatientRecord(id);
  if (patient.isPending) return <Loading what="the patient" />;
  if (patient.isError) return <ErrorNotice error={patient.error} />;
  const p = patient.data;
  const consent = record.consent.data;
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return (
    <>
      <PageHeader
        title={name}
        intro={<Link to="/patients">Back to patients</Link>}
        actions={
          <Link className="button secondary" to={`/patients/${id}/edit`}>
            Edit patient
          </Link>
        }
      />
      <div className="grid-2">
        <Card title="Contact and consent">
          <dl className="small">
            <div>
              <dt className="label">Email</dt>
              <dd>
                {p.email ?? <span className="muted">none</span>}{' '}
                <Badge tone={p.consent.email ? 'ok' : 'warn'}>{p.consent.email ? 'may email' : 'no email consent'}</Badge>
              </dd>
            </div>
            <div>
              <dt className="label">Mobile</dt>
              <dd>
                {p.phone ?? <span className="muted">none</span>}{' '}
                <Badge tone={p.consent.sms ? 'ok' : 'warn'}>{p.consent.sms ? 'may text' : 'no SMS consent'}</Badge>
                {consent?.smsSuppressed && <Badge tone="danger">texted STOP</Badge>}
              </dd>
            </div>
            <div>
              <dt className="label">Prefers</dt>
              <dd>{p.preferredChannel ? channelInWords(p.preferredChannel) : 'no preference'}</dd>
            </div>
            <div>
              <dt className="label">Language and time zone</dt>
              <dd>
                {p.locale === 'fr' ? 'French' : p.locale === 'en' ? 'English' : "the clinic's language"} ·{' '}
                {p.timezone ?? `${zone} (the clinic's)`}
              </dd>
            </div>
          </dl>
        </Card>
        <Card title="Treatment plans">
          <ErrorNotice error={record.plans.error} />
          <PlanList plans={record.plans.data} patientId={id} zone={zone} />
          <ShowOlder list={record.plans} what="plans" />
          <details>
            <summary>Start a treatment plan</summary>
            <StartPlan patientId={id} />
          </details>
        </Card>
      </div>
      <Card title="Visits">
        <ErrorNotice error={record.visits.error} />
        <VisitList visits={record.visits.data} patientId={id} zone={zone} />
        <ShowOlder list={record.visits} what="visits" />
        <h3>Book a visit</h3>
        <BookVisit patientId={id} zone={zone} />
      </Card>
      <Card title="Care timeline">
        <p className="small muted">
          Every message planned, sent, skipped or cancelled, with replies, consent changes and alerts. Times are the clinic's ({zone}).
        </p>
        <ErrorNotice error={record.followups.error ?? record.messages.error} />
        <CareTimeline record={record} zone={zone} />
      </Card>
    </>
  );
}
