import type { WeekOutcome } from '../api/insights';
import { weekLabel } from './WeeklyChart';

/** The chart's numbers as a table, for screen readers and for anyone who wants the exact counts. */
export function WeeklyTable({ weeks }: { weeks: WeekOutcome[] }) {
  return (
    <details className="insights-weekly">
      <summary>The weekly numbers as a table</summary>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Weekly numbers">
        <table>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col" className="number">
                Sent
              </th>
              <th scope="col" className="number">
                Booked again within 7 days
              </th>
              <th scope="col" className="number">
                Opted out within 7 days
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{weekLabel(week.weekStart)}</th>
                <td className="number">{week.sent}</td>
                <td className="number">{week.bookedAfter7d}</td>
                <td className="number">{week.optedOut}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
