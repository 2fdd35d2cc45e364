import type { Appointment, Clinic, FollowupWithStep, Patient } from '@app/shared';

/** What the send-time checks need besides the rows: the claiming statement reads it (no round trip of a check's own). */
export interface SendFacts {
  /** The patient's number texted STOP to our sender (or the provider reported it), and no START since. */
  smsSuppressed: boolean;
  /** When the patient's number last got the opt-out hint from our sender. */
  optOutHintSentAt: Date | null;
  /** When messages went (or are going) to the patient in the week before the claim: what caps count (empty when caps are off). */
  sentTimes: { email: Date[]; sms: Date[] };
  /** A visit booked ahead of the claim (read only for steps with condition `no-future-booking`). */
  bookedAhead: boolean;
  /**
   * When this follow-up's first text whose answer was lost (a timeout, a reset connection) was
   * tried: Twilio may have taken it, so it is looked for there before the text is sent again.
   */
  smsAnswerLostSince: Date | null;
}

/**
 * What a send-time check sees: the claimed follow-up, fresh state (read by the claiming statement,
 * so a check makes no round trip of its own), and where it would go.
 */
export interface SendCheckInput {
  followup: FollowupWithStep;
  clinic: Clinic;
  patient: Patient;
  appointment?: Appointment;
  facts: SendFacts;
  channel: 'email' | 'sms';
  to: string;
  now: Date;
}

/** `undefined`: go ahead. `skip`: not sent, recorded with the reason. `defer`: try again at that time. */
export type SendCheckResult = undefined | { skip: string } | { defer: Date; reason: string };

/**
 * One rule checked just before sending (docs/decisions/0005-send-time-checks.md): consent and
 * suppressions, quiet hours, frequency caps, "already rebooked", appointment still valid. Checks
 * run in the order registered and the first that does not say "go ahead" decides.
 */
export interface SendCheck {
  readonly name: string;
  check(input: SendCheckInput): Promise<SendCheckResult>;
}

export const SEND_CHECKS = Symbol('SEND_CHECKS');

/**
 * A booking confirmation answers something the patient just did, so quiet hours and caps do not
 * hold it back. Confirmations hang on the booking itself (`appointment.booked`) or say so in `kind`.
 */
export function isBookingConfirmation(followup: Pick<FollowupWithStep, 'kind' | 'step'>): boolean {
  return (followup.step.anchor as string) === 'appointment.booked' || (followup.kind as string) === 'confirmation';
}

/** A follow-up for a cancelled appointment or a no-show sends nothing, nor a reminder after the start. */
export class AppointmentStillValidCheck implements SendCheck {
  readonly name = 'appointment-still-valid';

  async check({ followup, appointment, now }: SendCheckInput): Promise<SendCheckResult> {
    if (appointment?.status === 'cancelled') return { skip: 'appointment-cancelled' };
    if (appointment?.status === 'no-show') return { skip: 'no-show' };
    // A reminder that comes due only once the visit has begun (quiet hours, retries, an outage)
    // is no reminder any more.
    if (appointment && followup.step.anchor === 'appointment.start' && now.getTime() >= appointment.startsAt.getTime()) {
      return { skip: 'too-late' };
    }
    return undefined;
  }
}
