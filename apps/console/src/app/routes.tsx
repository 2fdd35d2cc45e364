import type { ReactNode } from 'react';
import { Alerts } from '../features/alerts/routes/Alerts';
import { CadenceEditor } from '../features/cadences/routes/CadenceEditor';
import { CadenceList } from '../features/cadences/routes/CadenceList';
import { Insights } from '../features/insights/routes/Insights';
import { PatientEdit } from '../features/patients/routes/PatientEdit';
import { PatientList } from '../features/patients/routes/PatientList';
import { PatientNew } from '../features/patients/routes/PatientNew';
import { PatientPage } from '../features/patients/routes/PatientPage';
import { Replies } from '../features/replies/routes/Replies';
import { ApiKeySettings } from '../features/settings/routes/ApiKeySettings';
import { AuditLog } from '../features/settings/routes/AuditLog';
import { ClinicSettings } from '../features/settings/routes/ClinicSettings';
import { PasswordSettings } from '../features/settings/routes/PasswordSettings';
import { StaffSettings } from '../features/settings/routes/StaffSettings';
import { Today } from '../features/today/routes/Today';
import { matchPath } from '../lib/router';

/** Each page of the console: its path below /console and what it shows (the browser tab says the title). */
const ROUTES: { path: string; title: string; render: (params: Record<string, string>) => ReactNode }[] = [
  { path: '/today', title: 'Today', render: () => <Today /> },
  { path: '/patients', title: 'Patients', render: () => <PatientList /> },
  { path: '/patients/new', title: 'Add a patient', render: () => <PatientNew /> },
  { path: '/patients/:id', title: 'Patient', render: ({ id }) => <PatientPage key={id} id={id} /> },
  { path: '/patients/:id/edit', title: 'Edit patient', render: ({ id }) => <PatientEdit key={id} id={id} /> },
  { path: '/cadences', title: 'Cadences', render: () => <CadenceList /> },
  {
    path: '/cadences/:serviceType',
    title: 'Cadence',
    render: ({ serviceType }) => <CadenceEditor key={serviceType} serviceType={serviceType} />,
  },
  { path: '/replies', title: 'Replies', render: () => <Replies /> },
  { path: '/alerts', title: 'Alerts', render: () => <Alerts /> },
  { path: '/insights', title: 'Insights', render: () => <Insights /> },
  { path: '/settings', title: 'Settings', render: () => <ClinicSettings /> },
  { path: '/settings/staff', title: 'Staff', render: () => <StaffSettings /> },
  { path: '/settings/api-keys', title: 'API keys', render: () => <ApiKeySettings /> },
  { path: '/settings/audit', title: 'Audit log', render: () => <AuditLog /> },
  { path: '/settings/password', title: 'My password', render: () => <PasswordSettings /> },
];

export function resolveRoute(path: string): { title: string; element: ReactNode } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { title: route.title, element: route.render(params) };
  }
  return undefined;
}
