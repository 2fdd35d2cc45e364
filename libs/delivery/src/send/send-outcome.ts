/**
 * What became of one `send-followup` job. The send use case returns it; the delivery metrics and
 * the job log read it. One type for all three, so an outcome cannot be counted as another.
 */
export type SendOutcome =
  | (MessageLabels & {
      status: 'sent';
      deliveryId: string;
      /** The follow-up's planned time, when the send began and when the provider took it (ISO 8601). */
      sendAt: string;
      startedAt: string;
      sentAt: string;
    })
  | (MessageLabels & { status: 'skipped'; reason: string })
  | (MessageLabels & { status: 'deferred'; reason: string; sendAt: string })
  /** A stale, duplicate or cancelled job: the follow-up was not (or no longer) its to send. */
  | { status: 'not-claimed' };

/** What the metrics label a message with: the channel it went by (or was planned for) and its kind. */
export interface MessageLabels {
  channel: string;
  kind: string;
}

/** The `outcome` label of `carecadence_messages_total`. */
export const MESSAGE_OUTCOMES = ['sent', 'skipped', 'deferred', 'retrying', 'failed', 'dead'] as const;
export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/**
 * The outcome a finished job is counted as; undefined when the job had nothing to send, which is
 * not an outcome of any message. A deferral (quiet hours, caps) counts as `deferred`: the same
 * follow-up is counted again when it is finally sent or skipped.
 */
export function countedOutcome(outcome: SendOutcome): Exclude<MessageOutcome, 'retrying' | 'failed' | 'dead'> | undefined {
  return outcome.status === 'not-claimed' ? undefined : outcome.status;
}
