import { type Language, SMS_OPT_OUT_HINTS } from '@app/shared';

/** Carriers expect the hint on the first text to a number and again at least monthly. */
export const OPT_OUT_HINT_INTERVAL_DAYS = 30;

/** Whether this text must carry the opt-out hint, given when the number last got it from us. */
export function optOutHintDue(lastSentAt: Date | undefined, now: Date): boolean {
  return !lastSentAt || now.getTime() - lastSentAt.getTime() >= OPT_OUT_HINT_INTERVAL_DAYS * 86_400_000;
}

export function withOptOutHint(body: string, language: Language): string {
  return `${body}\n${SMS_OPT_OUT_HINTS[language]}`;
}
