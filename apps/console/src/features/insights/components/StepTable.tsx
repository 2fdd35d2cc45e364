import { kindInWords, reasonInWords, serviceName } from '../../../lib/plain-words';
import type { StepOutcome } from '../api/insights';

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10} %`;
}

/** One line per cadence step: what went out, what came back and who booked again. */
export function StepTable({ steps }: { steps: StepOutcome[] }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Outcomes per step">
      <table className="insights-table">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="number">
              Planned
            </th>
            <th scope="col" className="number">
              Sent
            </th>
            <th scope="col" className="number">
              Delivered
            </th>
            <th scope="col" className="number">
              Failed
            </th>
            <th scope="col" className="number">
              Skipped
            </th>
            <th scope="col" className="number">
              Replies
            </th>
            <th scope="col" className="number">
              Opted out <span className="nowrap">within 7 days</span>
            </th>
            <th scope="col" className="number">
              Booked <span className="nowrap">within 7 days</span>
            </th>
            <th scope="col" className="number">
              Booked <span className="nowrap">within 14 days</span>
            </th>
            <th scope="col" className="number">
              Rebooking rate <span className="nowrap">(7 days)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => {
            const reasons = Object.entries(step.skippedByReason);
            return (
              <tr key={`${step.serviceType ?? ''}/${step.stepKey}/${step.kind}`}>
                <th scope="row">
                  {kindInWords(step.kind)}
                  <span className="small muted insights-step">
                    {step.serviceType ? serviceName(step.serviceType) : 'No service type'} · {step.stepKey}
                  </span>
                </th>
                <td className="number">{step.planned}</td>
                <td className="number">{step.sent}</td>
                <td className="number">{step.delivered}</td>
                <td className="number">{step.failed}</td>
                <td className="number">
                  {step.skipped}
                  {reasons.length > 0 && (
                    <ul className="insights-reasons small muted">
                      {reasons.map(([reason, n]) => (
                        <li key={reason}>
                          {n}: {reasonInWords(reason)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="number">{step.replies}</td>
                <td className="number">{step.optedOutAfter}</td>
                <td className="number">{step.bookedAfter.within7d}</td>
                <td className="number">{step.bookedAfter.within14d}</td>
                <td className="number">{percent(step.conversion7d)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
