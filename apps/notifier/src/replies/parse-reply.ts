/** What a patient's text means, before knowing which conversation it answers. */
export type ParsedReply =
  | { intent: 'opt-out' }
  | { intent: 'opt-in' }
  | { intent: 'help' }
  | { intent: 'checkin-score'; score: number }
  | { intent: 'confirm' }
  | { intent: 'unrecognised' };

// The carrier opt-out words (CTIA). CANCEL is among them, so it can never mean "cancel my appointment".
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL']);
const OPT_IN = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);
const CONFIRM = new Set(['YES', 'Y', 'C']);

/**
 * Reads a text as a keyword, ignoring case, every space ("opt out", " Stop ") and trailing
 * punctuation ("Yes!", "3."). Only a whole-text keyword counts: "please stop by" is not STOP.
 */
export function parseReply(body: string): ParsedReply {
  const word = body.replace(/\s+/g, '').replace(/[.!?]+$/, '').toUpperCase();
  if (OPT_OUT.has(word)) return { intent: 'opt-out' };
  if (OPT_IN.has(word)) return { intent: 'opt-in' };
  if (HELP.has(word)) return { intent: 'help' };
  if (CONFIRM.has(word)) return { intent: 'confirm' };
  if (/^[1-5]$/.test(word)) return { intent: 'checkin-score', score: Number(word) };
  return { intent: 'unrecognised' };
}
