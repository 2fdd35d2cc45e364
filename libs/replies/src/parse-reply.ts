import type { Language } from '@app/shared';

/**
 * What a patient's text means, before knowing which conversation it answers. A keyword also says
 * which language it is in, so a number we do not know is answered in the patient's own words.
 */
export type ParsedReply =
  | { intent: 'opt-out'; language: Language }
  | { intent: 'opt-in'; language: Language }
  | { intent: 'help'; language: Language }
  | { intent: 'checkin-score'; score: number }
  | { intent: 'confirm'; language: Language }
  | { intent: 'unrecognised' };

type KeywordIntent = 'opt-out' | 'opt-in' | 'help' | 'confirm';

// The carrier opt-out words (CTIA). CANCEL is among them, so it can never mean "cancel my appointment".
// French ones are read without their accents: ARRÊT, Arrêt and ARRET are the same word.
const KEYWORDS: Record<KeywordIntent, Record<Language, string[]>> = {
  'opt-out': {
    en: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL'],
    fr: ['ARRET', 'ARRETER', 'DESABONNER'],
  },
  'opt-in': { en: ['START', 'UNSTOP'], fr: ['ABONNER', 'REABONNER'] },
  help: { en: ['HELP', 'INFO'], fr: ['AIDE'] },
  confirm: { en: ['YES', 'Y', 'C'], fr: ['OUI'] },
};

const BY_WORD = new Map(
  Object.entries(KEYWORDS).flatMap(([intent, words]) =>
    Object.entries(words).flatMap(([language, list]) => list.map((word) => [word, { intent, language }] as const)),
  ),
) as Map<string, { intent: KeywordIntent; language: Language }>;

/**
 * Reads a text as a keyword, ignoring case, accents, every space ("opt out", " Stop ") and
 * trailing punctuation ("Yes!", "3."). Only a whole-text keyword counts: "please stop by" is not STOP.
 */
export function parseReply(body: string): ParsedReply {
  const word = body
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/\s+/g, '')
    .replace(/[.!?]+$/, '')
    .toUpperCase();
  const keyword = BY_WORD.get(word);
  if (keyword) return keyword;
  if (/^[1-5]$/.test(word)) return { intent: 'checkin-score', score: Number(word) };
  return { intent: 'unrecognised' };
}
