import { Badge, Card, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { describeStep, kindInWords, serviceName } from '../../../lib/plain-words';
import { Link } from '../../../lib/router';
import { useCadences } from '../api/cadences';

export function CadenceList() {
  const cadences = useCadences();
  return (
    <>
      <PageHeader title="Cadences" intro="What each kind of visit sends, and when. Changes apply to visits planned after you save." />
      {cadences.isPending && <Loading what="cadences" />}
      <ErrorNotice error={cadences.error} />
      {cadences.data?.map((cadence) => (
        <Card key={cadence.serviceType} title={serviceName(cadence.serviceType)}>
          <p className="actions">
            {cadence.isDefault ? <Badge>built-in</Badge> : <Badge tone="info">changed by the clinic</Badge>}
            <Link
              className="button secondary"
              to={`/cadences/${cadence.serviceType}`}
              aria-label={`Edit ${serviceName(cadence.serviceType)}`}
            >
              Edit
            </Link>
          </p>
          <ul className="list">
            {cadence.steps.map((step) => (
              <li key={step.key}>
                <strong>{kindInWords(step.kind)}</strong>
                <span>{describeStep(step)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </>
  );
}
