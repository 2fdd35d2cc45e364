import { Badge, Field } from '../../../components/ui';
import { describeStep, parseDuration } from '../../../lib/plain-words';
import type { CadenceStep } from '../api/cadences';
import { type Language, LANGUAGE_NAMES, type Templates, type Texts, textField, textsIn, withTexts } from '../texts';
import { PreviewPanel } from './PreviewPanel';

const ANCHORS: [CadenceStep['anchor'], string][] = [
  ['appointment.booked', 'the booking'],
  ['appointment.start', 'the start of the visit'],
  ['appointment.completed', 'the end of the visit'],
  ['plan.session-due', 'the next plan session'],
  ['plan.completed', 'the end of the treatment plan'],
];

const CHANNELS: [CadenceStep['channel'], string][] = [
  ['email', 'Email'],
  ['sms', 'SMS'],
  ['both', 'Email and SMS'],
  ['preferred', "The patient's preferred channel"],
];

interface Props {
  step: CadenceStep;
  errorFor: (field: string) => string | undefined;
  onChange: (step: CadenceStep) => void;
}

/** One step's timing and channel; the server's complaints sit beside the field they concern. */
export function StepForm({ step, errorFor, onChange }: Props) {
  const set = <K extends keyof CadenceStep>(key: K, value: CadenceStep[K]) => onChange({ ...step, [key]: value });
  const readable = parseDuration(step.offset) ? describeStep(step) : 'Not a timing the clinic can use yet';
  return (
    <div className="row">
      <Field
        label="Timing"
        hint={`${readable}. Written as a duration: PT2H is 2 hours, P2D is 2 days, -P1D is 1 day before.`}
        error={errorFor('offset')}
      >
        {(p) => <input {...p} value={step.offset} autoComplete="off" spellCheck={false} onChange={(e) => set('offset', e.target.value)} />}
      </Field>
      <Field label="Counted from" error={errorFor('anchor')}>
        {(p) => (
          <select {...p} value={step.anchor} onChange={(e) => set('anchor', e.target.value as CadenceStep['anchor'])}>
            {ANCHORS.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Channel" error={errorFor('channel')}>
        {(p) => (
          <select {...p} value={step.channel} onChange={(e) => set('channel', e.target.value as CadenceStep['channel'])}>
            {CHANNELS.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

interface TextsProps {
  serviceType: string;
  step: CadenceStep;
  language: Language;
  errorFor: (field: string) => string | undefined;
  onChange: (step: CadenceStep) => void;
}

/**
 * One language's texts of a step beside their preview. A language without texts is flagged (its
 * readers get the clinic's default language, else English) and can be started from the English.
 */
export function LanguageColumn({ serviceType, step, language, errorFor, onChange }: TextsProps) {
  const template: Templates = step.template;
  const texts = textsIn(template, language);
  const name = LANGUAGE_NAMES[language];
  const setTemplate = (next: Templates) => onChange({ ...step, template: next });
  const setText = (key: keyof Texts, value: string) => texts && setTemplate(withTexts(template, language, { ...texts, [key]: value }));
  const textError = (key: keyof Texts) => errorFor(textField(template, language, key));
  return (
    <fieldset className="language stack" lang={language}>
      <legend>
        {name}{' '}
        {texts ? (
          <Badge tone="ok">written</Badge>
        ) : (
          <Badge tone="warn">
            <span data-testid={`missing-${language}`}>{name} missing</span>
          </Badge>
        )}
      </legend>
      {texts ? (
        <>
          <Field label="Email subject" error={textError('subject')}>
            {(p) => <input {...p} value={texts.subject} onChange={(e) => setText('subject', e.target.value)} />}
          </Field>
          <Field label="Email text" error={textError('email')}>
            {(p) => <textarea {...p} rows={8} value={texts.email} onChange={(e) => setText('email', e.target.value)} />}
          </Field>
          <Field
            label="SMS text"
            hint="Merge fields such as {{firstName}} and {{clinicName}} are filled in for each patient."
            error={textError('sms')}
          >
            {(p) => <textarea {...p} rows={4} value={texts.sms} onChange={(e) => setText('sms', e.target.value)} />}
          </Field>
        </>
      ) : (
        <div className="stack">
          <p className="notice warn">
            This step has no {name} texts: patients who read {name} get it in another language (shown below).
          </p>
          <p className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => setTemplate(withTexts(template, language, textsIn(template, 'en') ?? { subject: '', email: '', sms: '' }))}
            >
              Add {name} texts
            </button>
          </p>
        </div>
      )}
      <PreviewPanel serviceType={serviceType} step={step} language={language} />
    </fieldset>
  );
}
