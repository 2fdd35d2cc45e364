import { useEffect, useState } from 'react';
import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../../components/ui';
import { ApiError } from '../../../lib/api/errors';
import { serviceName } from '../../../lib/plain-words';
import { type Insights as InsightsAnswer, type InsightsFilters, useInsights, useServiceTypes } from '../api/insights';
import { InsightsFilterForm } from '../components/InsightsFilterForm';
import { StepTable } from '../components/StepTable';
import { WeeklyChart } from '../components/WeeklyChart';
import { WeeklyTable } from '../components/WeeklyTable';
import { csvFileName, stepsToCsv } from '../csv';
import '../insights.css';

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10} %`;
}

function day(value: string): string {
  return new Intl.DateTimeFormat('en-CA', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

/** Saves the step table as a CSV file (counts only) without leaving the page. */
function downloadCsv(answer: InsightsAnswer, serviceType: string): void {
  const url = URL.createObjectURL(new Blob([stepsToCsv(answer.steps)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(answer.from, answer.to, serviceType || undefined);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Totals({ answer }: { answer: InsightsAnswer }) {
  const sent = answer.steps.reduce((sum, step) => sum + step.sent, 0);
  const booked = answer.steps.reduce((sum, step) => sum + step.bookedAfter.within7d, 0);
  return (
    <div className="counts">
      <div className="count calm">
        <strong>{sent}</strong>
        <span>follow-ups sent</span>
      </div>
      <div className="count calm">
        <strong>{booked}</strong>
        <span>followed by a booking within 7 days ({percent(sent === 0 ? null : booked / sent)})</span>
      </div>
      <div className="count">
        <strong>{answer.checkins.replies}</strong>
        <span>check-in scores received</span>
      </div>
      <div className="count">
        <strong>{answer.alerts.raised}</strong>
        <span>flare-up alerts ({answer.alerts.acknowledged} acknowledged)</span>
      </div>
      <div className="count">
        <strong>{percent(answer.plans.completionRate)}</strong>
        <span>
          of treatment plans that ended were completed ({answer.plans.completed} completed, {answer.plans.cancelled} cancelled,{' '}
          {answer.plans.started} started)
        </span>
      </div>
    </div>
  );
}

function Scores({ checkins }: { checkins: InsightsAnswer['checkins'] }) {
  const scores = Object.entries(checkins.scores);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Check-in scores">
      <table>
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col" className="number">
              Replies
            </th>
          </tr>
        </thead>
        <tbody>
          {scores.map(([score, n]) => (
            <tr key={score}>
              <th scope="row">
                {score} of 5{score === '1' ? ' (no soreness)' : score === '5' ? ' (much worse)' : ''}
              </th>
              <td className="number">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Insights() {
  const [filters, setFilters] = useState<InsightsFilters>({ from: '', to: '', serviceType: '' });
  const insights = useInsights(filters);
  const serviceTypes = useServiceTypes();
  // A 400 names the field; it is shown beside it, and the last answer stays until a good one comes.
  const refused = insights.error instanceof ApiError && insights.error.status === 400 ? insights.error : undefined;
  const [lastAnswer, setLastAnswer] = useState<InsightsAnswer>();
  useEffect(() => {
    if (insights.data) setLastAnswer(insights.data);
  }, [insights.data]);
  const answer = insights.data ?? (refused ? lastAnswer : undefined);

  return (
    <>
      <PageHeader
        title="Insights"
        intro="What each step of your cadences achieved: messages sent, replies, opt-outs and patients who booked again. Counts only."
        actions={
          <button type="button" className="secondary" disabled={!answer} onClick={() => answer && downloadCsv(answer, filters.serviceType)}>
            Download CSV
          </button>
        }
      />
      <Card title="Period and service">
        <InsightsFilterForm applied={filters} serviceTypes={serviceTypes.data ?? []} error={refused} onApply={setFilters} />
        {answer && (
          <p className="muted insights-period" role="status">
            {day(answer.from)} to {day(answer.to)}
            {filters.serviceType ? ` · ${serviceName(filters.serviceType)}` : ' · all services'}
            {insights.isFetching ? ' · updating…' : ''}
          </p>
        )}
      </Card>
      {insights.isPending ? (
        <Loading what="insights" />
      ) : !answer ? (
        <ErrorNotice error={insights.error} />
      ) : (
        <>
          {insights.error && !refused && <ErrorNotice error={insights.error} />}
          <Totals answer={answer} />
          <Card title="Per step">
            {answer.steps.length === 0 ? (
              <Empty>No follow-up was due or sent in this period.</Empty>
            ) : (
              <>
                <StepTable steps={answer.steps} />
                <p className="small muted">
                  Booked: the patient made a new appointment after the message. Opted out: the patient withdrew consent for the channel the
                  message reached them on. Rebooking rate: booked within 7 days out of sent.
                </p>
              </>
            )}
          </Card>
          <Card title="Week by week">
            <WeeklyChart weeks={answer.weekly} />
            <WeeklyTable weeks={answer.weekly} />
          </Card>
          <Card title="Check-in scores">
            <Scores checkins={answer.checkins} />
          </Card>
        </>
      )}
    </>
  );
}
