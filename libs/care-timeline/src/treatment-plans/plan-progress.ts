import { applyOffset } from '@app/shared';
import { DateTime } from 'luxon';

export interface PlanTerms {
  sessions: number;
  intervalDays: number;
  /** When the first session is due. */
  startsAt: Date;
}

/** First session due: 09:00 local on `startsOn` (a calendar day), or right away when none is given. */
export function firstSessionDue(startsOn: string | undefined, zone: string, now: Date): Date {
  if (!startsOn) return now;
  return DateTime.fromISO(startsOn, { zone }).set({ hour: 9 }).toJSDate();
}

/**
 * When the next session of a plan is due, given the starts of the sessions already done: the first
 * on the plan's start, each later one `intervalDays` after the latest session (calendar days in the
 * patient's zone, so the time of day holds across a daylight-saving change). Undefined once every
 * session is done.
 */
export function nextSessionDue(plan: PlanTerms, sessionStarts: Date[], zone: string): Date | undefined {
  if (sessionStarts.length >= plan.sessions) return undefined;
  if (sessionStarts.length === 0) return plan.startsAt;
  const latest = new Date(Math.max(...sessionStarts.map((d) => d.getTime())));
  return applyOffset(latest, `P${plan.intervalDays}D`, zone);
}
