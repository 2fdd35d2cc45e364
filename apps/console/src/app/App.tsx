import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Layout } from '../components/Layout';
import { ErrorNotice, Loading } from '../components/ui';
import { SignIn } from '../features/auth/routes/SignIn';
import { useSignOut } from '../features/auth/api/session';
import { ApiError } from '../lib/api/errors';
import { Link, navigate, usePath } from '../lib/router';
import { SessionProvider, useSessionQuery } from '../lib/session';
import { resolveRoute } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refused request (4xx) will be refused again; only a server or network hiccup is worth a retry.
    queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2, refetchOnWindowFocus: true },
  },
});

function Pages() {
  const path = usePath();
  const session = useSessionQuery();
  const signOut = useSignOut();
  const route = resolveRoute(path);

  useEffect(() => {
    if (session.data && (path === '/' || path === '')) navigate('/today', { replace: true });
  }, [session.data, path]);
  useEffect(() => {
    document.title = session.data ? `${route?.title ?? 'Not found'} · carecadence` : 'Sign in · carecadence';
  }, [session.data, route?.title]);

  if (session.isPending) return <Loading what="the console" />;
  if (session.isError) return <ErrorNotice error={session.error} />;
  if (!session.data) return <SignIn />;
  return (
    <SessionProvider session={session.data}>
      <Layout
        onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate('/', { replace: true }) })}
        signingOut={signOut.isPending}
      >
        {route?.element ?? (
          <>
            <h1>Page not found</h1>
            <p>
              <Link to="/today">Go to Today</Link>
            </p>
          </>
        )}
      </Layout>
    </SessionProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Pages />
    </QueryClientProvider>
  );
}
