import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WeekOutcome } from '../api/insights';

/** The three weekly series, each with its own colour and line style (never colour alone). */
const SERIES = [
  { key: 'sent', label: 'Sent', stroke: '#2f6f62', dash: [] as number[], className: 'sent' },
  { key: 'bookedAfter7d', label: 'Booked again within 7 days', stroke: '#1d5fd1', dash: [8, 4], className: 'booked' },
  { key: 'optedOut', label: 'Opted out within 7 days', stroke: '#a3261b', dash: [2, 3], className: 'opted-out' },
] as const;

const HEIGHT = 240;

/** `2026-11-02` → "Nov 2": a week's Monday, read as a calendar day (no time zone moves it). */
export function weekLabel(weekStart: string): string {
  return new Intl.DateTimeFormat('en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${weekStart}T00:00:00Z`));
}

function chartData(weeks: WeekOutcome[]): uPlot.AlignedData {
  return [
    weeks.map((week) => Date.parse(`${week.weekStart}T00:00:00Z`) / 1000),
    ...SERIES.map((series) => weeks.map((week) => week[series.key])),
  ];
}

/**
 * Sends per week and what followed them, drawn by uPlot on a canvas. The canvas is hidden from
 * assistive technology: the figure says the totals in words and the same numbers are in the
 * table below it.
 */
export function WeeklyChart({ weeks }: { weeks: WeekOutcome[] }) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 240),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // Weeks are calendar days: read them in UTC so the browser's own zone never shifts them.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
      axes: [
        {
          stroke: '#4d5b60',
          grid: { stroke: '#eceae4' },
          // A tick on each week's Monday, labelled as often as the width allows.
          splits: (u) => [...(u.data[0] as number[])],
          values: (u, splits) => {
            const every = Math.max(1, Math.ceil(splits.length / Math.max(1, Math.floor(u.width / 70))));
            return splits.map((s, i) => (i % every === 0 ? weekLabel(new Date(s * 1000).toISOString().slice(0, 10)) : null));
          },
        },
        { stroke: '#4d5b60', grid: { stroke: '#eceae4' }, size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
      ],
      series: [
        {},
        ...SERIES.map((series) => ({
          label: series.label,
          stroke: series.stroke,
          dash: [...series.dash],
          width: 2,
          points: { show: true, size: 6, stroke: series.stroke, fill: '#ffffff' },
        })),
      ],
    };
    const chart = new uPlot(options, chartData(weeks), element);
    chart.root.setAttribute('aria-hidden', 'true');
    const resized = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 240), height: HEIGHT }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      chart.destroy();
    };
  }, [weeks]);

  const total = (key: (typeof SERIES)[number]['key']) => weeks.reduce((sum, week) => sum + week[key], 0);
  const summary =
    weeks.length === 0
      ? 'No weeks in this period.'
      : `Weekly chart from the week of ${weekLabel(weeks[0].weekStart)} to the week of ${weekLabel(weeks[weeks.length - 1].weekStart)}: ` +
        `${total('sent')} sent, ${total('bookedAfter7d')} followed by a booking within 7 days, ${total('optedOut')} opt-outs within 7 days.`;

  return (
    <figure className="insights-chart">
      <div className="insights-chart-canvas" role="img" aria-label={summary} ref={holder} />
      <figcaption>
        <ul className="insights-legend">
          {SERIES.map((series) => (
            <li key={series.key}>
              <span className={`insights-swatch ${series.className}`} aria-hidden="true" />
              {series.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
