import { Link, usePath } from '../../../lib/router';

const TABS = [
  { to: '/settings', label: 'Clinic' },
  { to: '/settings/staff', label: 'Staff' },
  { to: '/settings/api-keys', label: 'API keys' },
  { to: '/settings/audit', label: 'Audit log' },
  { to: '/settings/password', label: 'My password' },
];

export function SettingsNav() {
  const path = usePath();
  return (
    <nav aria-label="Settings" className="actions settings-nav">
      {TABS.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          className={`button${path === tab.to ? '' : ' secondary'}`}
          aria-current={path === tab.to ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

/** What a `staff` member sees where only owners may go; the API refuses them too. */
export function OwnersOnly({ what }: { what: string }) {
  return (
    <p className="notice warn" role="alert">
      Only the clinic's owners can manage {what}. Ask an owner if something needs to change.
    </p>
  );
}
