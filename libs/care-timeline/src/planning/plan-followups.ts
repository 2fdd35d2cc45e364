import {
  type Anchor,
  applyOffset,
  type CadenceStep,
  deferPastQuietHours,
  type FollowupChannel,
  isNegativeOffset,
  type QuietHours,
} from '@app/shared';

export interface AnchorEvent {
  anchor: Anchor;
  /** When the anchor happened or will happen (appointment start, completion time, …). */
  at: Date;
  /** Names this occurrence of the anchor; planning the same occurrence twice yields the same rows. */
  key: string;
  /** The appointment's start, for `appointment.booked`: a confirmation must arrive before the visit. */
  startsAt?: Date;
}

export interface PlanContext {
  /** The patient's zone, or the clinic's when the patient has none. */
  zone: string;
  quietHours: QuietHours | null;
  now: Date;
}

export interface PlannedFollowup {
  anchorKey: string;
  stepKey: string;
  kind: CadenceStep['kind'];
  channel: FollowupChannel;
  step: CadenceStep;
  sendAt: Date;
  status: 'scheduled' | 'skipped';
  reason: string | null;
}

/** The channels one step fans out to: `both` is one follow-up per channel. */
export function channelsOf(step: CadenceStep): FollowupChannel[] {
  return step.channel === 'both' ? ['email', 'sms'] : [step.channel];
}

/** When a step fires for an anchor: offset in the patient's zone, then moved past quiet hours. */
export function sendTimeOf(step: CadenceStep, event: AnchorEvent, context: PlanContext): Date {
  const due = applyOffset(event.at, step.offset, context.zone);
  return deferPastQuietHours(due, context.quietHours, context.zone);
}

/**
 * Whether a step planned now would come too late to be of use. A step meant to go out before its
 * anchor (a reminder, a "time to book" nudge) whose time has already passed is not sent late; a
 * booking confirmation is exempt from that (it always follows the booking) but is pointless once
 * it would land after the visit has started.
 */
export function isTooLate(step: CadenceStep, event: AnchorEvent, sendAt: Date, now: Date): boolean {
  const beforeAnchor = event.anchor === 'appointment.start' || isNegativeOffset(step.offset);
  if (beforeAnchor && sendAt.getTime() < now.getTime()) return true;
  // Moved past quiet hours, a reminder can land at or after the start: then it is no reminder.
  if (event.anchor === 'appointment.start' && sendAt.getTime() >= event.at.getTime()) return true;
  return event.anchor === 'appointment.booked' && event.startsAt !== undefined && sendAt.getTime() >= event.startsAt.getTime();
}

/**
 * Turns the steps of a cadence that hang on one anchor into follow-ups. A step that comes too late
 * (see isTooLate) is planned as `skipped` with reason `too-late` rather than sent late; anything
 * else already due goes out now.
 */
export function planFollowups(steps: CadenceStep[], event: AnchorEvent, context: PlanContext): PlannedFollowup[] {
  return steps
    .filter((step) => step.anchor === event.anchor)
    .flatMap((step) => {
      const sendAt = sendTimeOf(step, event, context);
      const tooLate = isTooLate(step, event, sendAt, context.now);
      return channelsOf(step).map((channel) => ({
        anchorKey: event.key,
        stepKey: step.key,
        kind: step.kind,
        channel,
        step,
        sendAt,
        status: tooLate ? ('skipped' as const) : ('scheduled' as const),
        reason: tooLate ? 'too-late' : null,
      }));
    });
}
