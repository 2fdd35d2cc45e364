/**
 * The errors of a failed delivery after which the request may have been taken (a timeout, a
 * connection dropped after it went out; unlike a refused connection or an unknown host, where it
 * never left), as `classifyError` names them and the delivery record keeps them. A text that failed
 * so is looked for at Twilio before it is sent again.
 */
export const ANSWER_LOST_REASONS = ['etimedout', 'econnaborted', 'econnreset', 'epipe', 'esocket', 'timeout'] as const;
