/**
 * The clinic's words for what the API says in codes: a cadence step's timing and channel
 * ("2 hours after the visit, by email and SMS"), a follow-up's status and reason ("skipped: the
 * patient already booked"). Pure, so the words are tested directly (plain-words.spec.ts).
 */

export interface StepTiming {
  anchor: string;
  offset: string;
  channel: string;
  condition?: string | null;
}

interface Duration {
  negative: boolean;
  parts: [number, string][];
}

const UNITS_DATE: Record<string, string> = { Y: 'year', M: 'month', W: 'week', D: 'day' };
const UNITS_TIME: Record<string, string> = { H: 'hour', M: 'minute', S: 'second' };

/** Reads an ISO 8601 duration (`PT2H`, `-P1D`, `P1DT12H`); undefined when it is not one. */
export function parseDuration(offset: string): Duration | undefined {
  const match = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(offset.trim());
  if (!match || offset.trim().endsWith('T')) return undefined;
  const [, sign, y, mo, w, d, h, mi, s] = match;
  const parts: [number, string][] = [];
  for (const [value, unit] of [
    [y, UNITS_DATE.Y],
    [mo, UNITS_DATE.M],
    [w, UNITS_DATE.W],
    [d, UNITS_DATE.D],
    [h, UNITS_TIME.H],
    [mi, UNITS_TIME.M],
    [s, UNITS_TIME.S],
  ] as const) {
    if (value !== undefined && Number(value) > 0) parts.push([Number(value), unit]);
  }
  if ([y, mo, w, d, h, mi, s].every((v) => v === undefined)) return undefined;
  return { negative: sign === '-', parts };
}

/** `2 hours`, `1 day 12 hours`; empty for a zero duration. */
export function durationInWords(duration: Duration): string {
  return duration.parts.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
}

const ANCHOR_WORDS: Record<string, { after: string; before: string; at: string }> = {
  'appointment.booked': { after: 'after booking', before: 'before booking', at: 'as soon as the visit is booked' },
  'appointment.start': { after: 'after the visit starts', before: 'before the visit', at: 'when the visit starts' },
  'appointment.completed': { after: 'after the visit', before: 'before the visit ends', at: 'right after the visit' },
  'plan.session-due': {
    after: 'after the next session was due',
    before: 'before the next session is due',
    at: 'when the next session is due',
  },
  'plan.completed': {
    after: 'after the treatment plan ends',
    before: 'before the treatment plan ends',
    at: 'when the treatment plan ends',
  },
};

const CHANNEL_WORDS: Record<string, string> = {
  email: 'by email',
  sms: 'by SMS',
  both: 'by email and SMS',
  preferred: "by the patient's preferred channel",
};

/** "2 hours after the visit, by email and SMS" (and ", unless already booked" for a nudge). */
export function describeStep(step: StepTiming): string {
  const anchor = ANCHOR_WORDS[step.anchor] ?? { after: `after ${step.anchor}`, before: `before ${step.anchor}`, at: `at ${step.anchor}` };
  const duration = parseDuration(step.offset);
  let when: string;
  if (!duration) when = `${step.offset} from ${step.anchor}`;
  else if (duration.parts.length === 0) when = anchor.at;
  else when = `${durationInWords(duration)} ${duration.negative ? anchor.before : anchor.after}`;
  const channel = CHANNEL_WORDS[step.channel] ?? `by ${step.channel}`;
  const unless = step.condition === 'no-future-booking' ? ', unless the patient has already booked' : '';
  return `${when[0].toUpperCase()}${when.slice(1)}, ${channel}${unless}`;
}

const KIND_WORDS: Record<string, string> = {
  confirmation: 'Booking confirmation',
  reminder: 'Reminder',
  aftercare: 'Aftercare',
  checkin: 'Check-in',
  rebook: 'Rebooking nudge',
  'flareup-checkin': 'Flare-up check-in',
};

export function kindInWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}

const STATUS_WORDS: Record<string, string> = {
  scheduled: 'planned',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  dead: 'gave up',
  cancelled: 'cancelled',
  skipped: 'skipped',
};

const REASON_WORDS: Record<string, string> = {
  rebooked: 'the patient already booked',
  'opted-out': 'the patient has not agreed to this channel',
  'appointment-cancelled': 'the visit was cancelled',
  'appointment-completed': 'the visit already took place',
  'no-show': 'the patient did not come',
  'plan-cancelled': 'the treatment plan was cancelled',
  'too-late': 'it was too late to send',
  'frequency-cap': 'the patient already had enough messages',
  'quiet-hours': 'waiting until quiet hours end',
  'no-phone': 'no phone number',
  'no-email': 'no email address',
  'patient-missing': 'the patient record is gone',
  interrupted: 'sending was interrupted',
};

export function reasonInWords(reason: string): string {
  const twilio = /^twilio-(\d+)$/.exec(reason);
  if (twilio) return `the SMS provider refused it (error ${twilio[1]})`;
  const smtp = /^smtp-(\d+)$/.exec(reason);
  if (smtp) return `the mail server refused it (${smtp[1]})`;
  return REASON_WORDS[reason] ?? reason.replaceAll('-', ' ');
}

/** "skipped: the patient already booked", "planned: waiting until quiet hours end", "sent". */
export function followupStatusInWords(status: string, reason?: string | null): string {
  const word = STATUS_WORDS[status] ?? status;
  return reason ? `${word}: ${reasonInWords(reason)}` : word;
}

export function channelInWords(channel: string): string {
  return CHANNEL_WORDS[channel]?.replace(/^by /, '') ?? channel;
}

/** `medical-massage` → `Medical massage`. */
export function serviceName(serviceType: string): string {
  const words = serviceType.replaceAll('-', ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}
