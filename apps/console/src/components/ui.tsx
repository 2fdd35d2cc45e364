import { type ReactNode, useId } from 'react';
import { ApiError } from '../lib/api/errors';

/** A page's title and the one sentence that says what it is for. */
export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p>{intro}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

export function Card({
  title,
  children,
  headingLevel = 2,
  id,
}: {
  title?: string;
  children: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={title ? headingId : undefined} id={id}>
      {title && <Heading id={headingId}>{title}</Heading>}
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** What went wrong, in the server's words when it gave some. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p className="notice error" role="alert">
      {message}
    </p>
  );
}

type Tone = 'ok' | 'warn' | 'danger' | 'info' | undefined;

export function Badge({ tone, children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge${tone ? ` ${tone}` : ''}`}>{children}</span>;
}

export function statusTone(status: string): Tone {
  if (['sent', 'delivered', 'completed', 'read', 'acknowledged'].includes(status)) return 'ok';
  if (['failed', 'dead', 'undelivered'].includes(status)) return 'danger';
  if (['skipped', 'cancelled', 'no-show'].includes(status)) return 'warn';
  if (['scheduled', 'sending', 'queued', 'booked', 'active'].includes(status)) return 'info';
  return undefined;
}

/** The message the API gave for one field of a 400, if the last attempt failed on it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.reasonFor(field) : undefined;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled control with its hint and the server's complaint beside it. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error && { 'aria-invalid': true as const }), ...(describedBy && { 'aria-describedby': describedBy }) })}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
