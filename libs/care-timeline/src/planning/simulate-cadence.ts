import { type Anchor, applyOffset, type CadenceStep, type FollowupChannel } from '@app/shared';
import { type AnchorEvent, type PlanContext, planFollowups } from './plan-followups.js';

/** The anchors one visit produces; plan anchors need a treatment plan and are not simulated. */
const VISIT_ANCHORS: Anchor[] = ['appointment.booked', 'appointment.start', 'appointment.completed'];

export interface SimulatedVisit {
  startsAt: Date;
  durationMinutes: number;
}

export interface SimulatedMessage {
  stepKey: string;
  kind: CadenceStep['kind'];
  anchor: Anchor;
  channel: FollowupChannel;
  /** When it would go out (UTC); for a skipped step, when it would have. */
  sendAt: Date;
  status: 'scheduled' | 'skipped';
  /** `too-late` (skipped) or `quiet-hours` (moved to their end). */
  reason: 'too-late' | 'quiet-hours' | null;
  /** Set when quiet hours moved it: the time the offset alone gives. */
  dueAt: Date | null;
}

export interface Simulation {
  visit: { bookedAt: Date; startsAt: Date; endsAt: Date };
  messages: SimulatedMessage[];
  /** Steps that hang on a treatment plan: a single visit does not trigger them. */
  notSimulated: { stepKey: string; anchor: Anchor }[];
}

/**
 * The messages a cadence would send for a visit booked now, kept and completed on time: the
 * planner's own functions decide each time, quiet hours and "too late", so the simulation cannot
 * disagree with what real bookings get.
 */
export function simulateCadence(steps: CadenceStep[], visit: SimulatedVisit, context: PlanContext): Simulation {
  const endsAt = new Date(visit.startsAt.getTime() + visit.durationMinutes * 60_000);
  const events: AnchorEvent[] = [
    { anchor: 'appointment.booked', at: context.now, key: 'simulation-booked', startsAt: visit.startsAt },
    { anchor: 'appointment.start', at: visit.startsAt, key: 'simulation-start' },
    { anchor: 'appointment.completed', at: endsAt, key: 'simulation-completed' },
  ];
  const messages = events
    .flatMap((event) =>
      planFollowups(steps, event, context).map((planned): SimulatedMessage => {
        const dueAt = applyOffset(event.at, planned.step.offset, context.zone);
        const moved = dueAt.getTime() !== planned.sendAt.getTime();
        return {
          stepKey: planned.stepKey,
          kind: planned.kind,
          anchor: event.anchor,
          channel: planned.channel,
          sendAt: planned.sendAt,
          status: planned.status,
          reason: planned.status === 'skipped' ? 'too-late' : moved ? 'quiet-hours' : null,
          dueAt: moved ? dueAt : null,
        };
      }),
    )
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.stepKey.localeCompare(b.stepKey));
  const notSimulated = steps
    .filter((step) => !VISIT_ANCHORS.includes(step.anchor))
    .map((step) => ({ stepKey: step.key, anchor: step.anchor }));
  return { visit: { bookedAt: context.now, startsAt: visit.startsAt, endsAt }, messages, notSimulated };
}
