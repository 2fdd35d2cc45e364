import type { ReactNode } from 'react';
import { Link, usePath } from '../lib/router';
import { useSession } from '../lib/session';

const SECTIONS = [
  { to: '/today', label: 'Today' },
  { to: '/patients', label: 'Patients' },
  { to: '/cadences', label: 'Cadences' },
  { to: '/replies', label: 'Replies' },
  { to: '/alerts', label: 'Alerts' },
  { to: '/insights', label: 'Insights' },
  { to: '/settings', label: 'Settings' },
];

/** The frame of every signed-in page: the clinic, the sections, who is signed in. */
export function Layout({ children, onSignOut, signingOut }: { children: ReactNode; onSignOut: () => void; signingOut: boolean }) {
  const path = usePath();
  const { staff, clinic } = useSession();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <div className="brand">
          carecadence
          <small>{clinic.name}</small>
        </div>
        <nav className="nav" aria-label="Sections">
          <ul>
            {SECTIONS.map((section) => {
              const current = path === section.to || path.startsWith(`${section.to}/`);
              return (
                <li key={section.to}>
                  <Link to={section.to} aria-current={current ? 'page' : undefined}>
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="account">
          <span>
            {staff.name} <span className="muted-inverse">({staff.role === 'owner' ? 'owner' : 'staff'})</span>
          </span>
          <button type="button" className="secondary" onClick={onSignOut} disabled={signingOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
