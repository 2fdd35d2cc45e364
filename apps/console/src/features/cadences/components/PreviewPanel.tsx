import { ErrorNotice } from '../../../components/ui';
import { type CadenceStep, useEmailPageUrl, usePreview } from '../api/cadences';
import { type Language, LANGUAGE_NAMES } from '../texts';

/**
 * One language's email and SMS as a sample patient reading that language would get them, rendered
 * by the server as staff type: the SMS with its segments and encoding, the email's subject and its
 * HTML in a sandboxed frame (served from its own address under a policy of its own: the console's
 * allows no inline style, and an email is made of them).
 */
export function PreviewPanel({ serviceType, step, language }: { serviceType: string; step: CadenceStep; language: Language }) {
  const preview = usePreview(serviceType, step, language);
  const data = preview.data;
  const sms = data?.sms;
  const over = sms ? sms.segments > sms.limit : false;
  const emailPage = useEmailPageUrl(serviceType, data?.email ? step : undefined, language);
  const name = LANGUAGE_NAMES[language];
  return (
    <div className="stack" aria-busy={preview.isFetching} data-testid={`preview-${language}`}>
      <h3>Preview in {name}</h3>
      <p className="small muted">For a sample patient who reads {name}, with your clinic's details. Not sent to anyone.</p>
      <ErrorNotice error={preview.error} />
      {data?.warnings.map((warning) => (
        <p className="notice warn" key={warning}>
          {warning}
        </p>
      ))}
      <h4>SMS</h4>
      {sms ? (
        <>
          <div className="sms-bubble" data-testid="sms-preview" lang={language}>
            {sms.text}
          </div>
          <p className={`meter${over ? ' over' : ''}`} data-testid="sms-meter" aria-live="polite">
            {sms.segments} {sms.segments === 1 ? 'segment' : 'segments'} · {sms.encoding} · limit {sms.limit}
            {over && ' — too long: shorten the text'}
          </p>
        </>
      ) : (
        <p className="muted">This step sends no SMS.</p>
      )}
      <h4>Email</h4>
      {data?.email ? (
        <>
          <p>
            <span className="label">Subject:</span>{' '}
            <span data-testid="email-subject" lang={language}>
              {data.email.subject}
            </span>
          </p>
          {emailPage && (
            <iframe
              className="email-frame"
              sandbox=""
              src={emailPage}
              title={`The email in ${name}, as patients see it`}
              data-testid="email-frame"
            />
          )}
          <details>
            <summary>Plain-text part</summary>
            <div className="preview" data-testid="email-preview" lang={language}>
              {data.email.text}
            </div>
          </details>
        </>
      ) : (
        <p className="muted">This step sends no email.</p>
      )}
    </div>
  );
}
