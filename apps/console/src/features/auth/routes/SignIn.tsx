import { type FormEvent, useState } from 'react';
import { ErrorNotice, Field } from '../../../components/ui';
import { ApiError } from '../../../lib/api/errors';
import { currentPath, navigate } from '../../../lib/router';
import { useSignIn } from '../api/session';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => currentPath() === '/' && navigate('/today', { replace: true }) });
  };

  const refused = signIn.error instanceof ApiError && (signIn.error.status === 401 || signIn.error.status === 400);
  return (
    <main className="signin">
      <div className="card">
        <h1>Sign in to carecadence</h1>
        <p className="muted">Care reminders and follow-ups for your clinic.</p>
        {refused ? (
          <p className="notice error" role="alert">
            That email and password do not match. Check them and try again.
          </p>
        ) : (
          <ErrorNotice error={signIn.error} />
        )}
        <form className="stack" onSubmit={submit}>
          <Field label="Email">
            {(props) => (
              <input {...props} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <Field label="Password">
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
      </div>
    </main>
  );
}
