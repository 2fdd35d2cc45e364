import {
  type Anchor,
  applyOffset,
  type CadenceStep,
  deferPastQuietHours,
  type FollowupChannel,
  type QuietHours,
} from '@app/shared';

export interface AnchorEvent {
  anchor: Anchor;
  /** When the anchor happened or will happen (appointment start, completion time, …). */
  at: Date;
  /** Names this occurrence of the anchor; planning the same occurrence twice yields the same rows. */
  key: string;
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
 * Turns the steps of a cadence that hang on one anchor into follow-ups. A step that should have
 * fired before the appointment but is already past (booked too late) is planned as `skipped`
 * with reason `too-late` rather than sent late; anything else already due goes out now.
 */
export function planFollowups(steps: CadenceStep[], event: AnchorEvent, context: PlanContext): PlannedFollowup[] {
  return steps
    .filter((step) => step.anchor === event.anchor)
    .flatMap((step) => {
      const sendAt = sendTimeOf(step, event, context);
      const tooLate = event.anchor === 'appointment.start' && sendAt.getTime() < context.now.getTime();
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
