import { useState } from 'react';
import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { Link } from '../../../lib/router';
import { useClinicZone } from '../../../lib/session';
import { formatDateTime } from '../../../lib/time';
import { type AlertStatus, useAcknowledge, useAlerts } from '../api/alerts';

export function Alerts() {
  const zone = useClinicZone();
  const [status, setStatus] = useState<AlertStatus>('open');
  const alerts = useAlerts(status);
  const acknowledge = useAcknowledge();
  return (
    <>
      <PageHeader title="Alerts" intro="Patients who answered a check-in with a high score: their problem may have come back. Call them." />
      <div className="actions" role="group" aria-label="Which alerts">
        <button
          type="button"
          className={status === 'open' ? '' : 'secondary'}
          aria-pressed={status === 'open'}
          onClick={() => setStatus('open')}
        >
          Open
        </button>
        <button
          type="button"
          className={status === 'acknowledged' ? '' : 'secondary'}
          aria-pressed={status === 'acknowledged'}
          onClick={() => setStatus('acknowledged')}
        >
          Acknowledged
        </button>
      </div>
      <Card title={status === 'open' ? 'Open flare-up alerts' : 'Acknowledged alerts'}>
        <ErrorNotice error={acknowledge.error} />
        {alerts.isPending ? (
          <Loading what="alerts" />
        ) : alerts.isError ? (
          <ErrorNotice error={alerts.error} />
        ) : alerts.data.length === 0 ? (
          <Empty>{status === 'open' ? 'No open alerts. Nobody reported a flare-up.' : 'None acknowledged yet.'}</Empty>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Alerts table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Score</th>
                  <th scope="col">Patient</th>
                  <th scope="col">When</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.map((alert) => {
                  const name = alert.patient ? [alert.patient.firstName, alert.patient.lastName].filter(Boolean).join(' ') : 'the patient';
                  return (
                    <tr key={alert.id}>
                      <td>
                        <strong>{alert.score}</strong> of 5
                      </td>
                      <td>
                        <Link to={`/patients/${alert.patientId}`}>{name}</Link>
                      </td>
                      <td>{formatDateTime(alert.createdAt, zone)}</td>
                      <td>
                        {alert.acknowledgedAt ? (
                          <span className="small muted">acknowledged {formatDateTime(alert.acknowledgedAt, zone)}</span>
                        ) : (
                          <button
                            type="button"
                            onClick={() => acknowledge.mutate(alert.id)}
                            disabled={acknowledge.isPending}
                            aria-label={`Acknowledge alert for ${name}`}
                          >
                            Acknowledge
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
