import { useEffect, useState } from 'react';
import { Badge, Card, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { ApiError } from '../../../lib/api/errors';
import { describeStep, kindInWords, serviceName } from '../../../lib/plain-words';
import { Link } from '../../../lib/router';
import { useClinicZone } from '../../../lib/session';
import { type CadenceStep, useCadence, useResetCadence, useSaveCadence } from '../api/cadences';
import { SimulationPanel } from '../components/SimulationPanel';
import { LanguageColumn, StepForm } from '../components/StepForm';
import { LANGUAGES } from '../texts';

export function CadenceEditor({ serviceType }: { serviceType: string }) {
  const zone = useClinicZone();
  const cadence = useCadence(serviceType);
  const save = useSaveCadence(serviceType);
  const [draft, setDraft] = useState<CadenceStep[] | undefined>();
  const reset = useResetCadence(serviceType);
  const [confirmReset, setConfirmReset] = useState(false);
  const [selected, setSelected] = useState(0);

  // The draft starts from what the server has, and starts again after a save or a reset.
  useEffect(() => {
    if (cadence.data) setDraft(cadence.data.steps.map((step) => structuredClone(step)));
  }, [cadence.data]);

  if (cadence.isPending || (cadence.data && !draft)) return <Loading what="the cadence" />;
  if (cadence.isError) return <ErrorNotice error={cadence.error} />;
  if (!draft) return null;

  const step = draft[Math.min(selected, draft.length - 1)];
  const changed = JSON.stringify(draft) !== JSON.stringify(cadence.data.steps);
  const saveError = save.error instanceof ApiError ? save.error : undefined;
  const prefix = `steps.${selected}.`;
  const errorFor = (field: string) => saveError?.reasonFor(`${prefix}${field}`);
  // A complaint about another step, or about the cadence as a whole, is shown above the form.
  const otherErrors = saveError?.fieldErrors.filter((error) => !error.field.startsWith(prefix)) ?? [];

  const updateStep = (next: CadenceStep) => {
    save.reset();
    reset.reset();
    setDraft(draft.map((current, index) => (index === selected ? next : current)));
  };

  return (
    <>
      <PageHeader
        title={`${serviceName(serviceType)} cadence`}
        intro={<Link to="/cadences">Back to cadences</Link>}
        actions={
          cadence.data.isDefault ? (
            <Badge>built-in</Badge>
          ) : (
            <>
              <Badge tone="info">changed by the clinic</Badge>
              <button type="button" className="secondary" onClick={() => setConfirmReset(true)} aria-expanded={confirmReset}>
                Reset to the default
              </button>
            </>
          )
        }
      />
      {confirmReset && !cadence.data.isDefault && (
        <div className="notice warn stack" role="group" aria-label="Reset to the default">
          <p>
            Every step goes back to the built-in cadence; your changes to this cadence are lost (the audit log keeps them). Visits already
            planned keep their messages.
          </p>
          <ErrorNotice error={reset.error} />
          <p className="actions">
            <button
              type="button"
              className="danger"
              disabled={reset.isPending}
              onClick={() => reset.mutate(undefined, { onSuccess: () => setConfirmReset(false) })}
            >
              Yes, reset to the default
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmReset(false)}>
              Keep the clinic's version
            </button>
          </p>
        </div>
      )}
      {reset.isSuccess && cadence.data.isDefault && (
        <p className="notice ok" role="status">
          Back to the built-in cadence. Visits planned from now on use it.
        </p>
      )}
      <Card title="Steps">
        <ol className="list">
          {draft.map((item, index) => (
            <li key={item.key}>
              <span>
                <strong>{kindInWords(item.kind)}</strong> <span className="muted">({item.key})</span>
                <br />
                <span className="small">{describeStep(item)}</span>
              </span>
              <button
                type="button"
                className={index === selected ? '' : 'secondary'}
                aria-pressed={index === selected}
                onClick={() => setSelected(index)}
              >
                Edit<span className="visually-hidden"> step {item.key}</span>
              </button>
            </li>
          ))}
        </ol>
      </Card>
      <section className="card" aria-labelledby="step-heading">
        <h2 id="step-heading">
          {kindInWords(step.kind)} <span className="muted">({step.key})</span>
        </h2>
        {saveError && otherErrors.length === 0 && saveError.fieldErrors.length === 0 && <ErrorNotice error={saveError} />}
        {otherErrors.length > 0 && (
          <div className="notice error" role="alert">
            {otherErrors.map((error) => (
              <div key={`${error.field}${error.reason}`}>
                {error.field}: {error.reason}
              </div>
            ))}
          </div>
        )}
        {saveError && saveError.fieldErrors.some((e) => e.field.startsWith(prefix)) && (
          <p className="notice error" role="alert">
            Nothing was saved: fix the field marked below.
          </p>
        )}
        {save.isSuccess && !changed && (
          <p className="notice ok" role="status">
            Saved. Visits planned from now on use these steps.
          </p>
        )}
        <StepForm step={step} errorFor={errorFor} onChange={updateStep} />
        <h3>Texts and preview</h3>
        <p className="small muted">
          Each patient gets the texts in their language, else in the clinic's default language, else in English.
        </p>
        <div className="languages">
          {LANGUAGES.map((language) => (
            <LanguageColumn
              key={language}
              serviceType={serviceType}
              step={step}
              language={language}
              errorFor={errorFor}
              onChange={updateStep}
            />
          ))}
        </div>
        <div className="actions">
          <button type="button" onClick={() => save.mutate(draft)} disabled={save.isPending || !changed}>
            Save cadence
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => setDraft(cadence.data.steps.map((s) => structuredClone(s)))}
            disabled={!changed}
          >
            Discard changes
          </button>
        </div>
      </section>
      <SimulationPanel serviceType={serviceType} steps={draft} zone={zone} />
    </>
  );
}
