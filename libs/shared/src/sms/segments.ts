import type { Language } from '../i18n/language.js';

// GSM 03.38 basic set, and the extension table whose characters take two septets (escape + char).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2 (an emoji outside the BMP counts two). */
  units: number;
  segments: number;
}

/**
 * How carriers split and bill a text: GSM-7 fits 160 septets in one segment and 153 per part once
 * split; a single character outside GSM-7 makes the whole text UCS-2 (70, then 67 per part).
 * An empty text still costs one segment.
 */
export function measureSms(body: string): SmsLength {
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else {
      const units = body.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

export function countSmsSegments(body: string): number {
  return measureSms(body).segments;
}

/** The characters that make a text UCS-2 (ê, ç, ’, emoji…), each once, in order of appearance. */
export function ucs2Characters(body: string): string[] {
  return [...new Set([...body].filter((ch) => !GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)))];
}

/**
 * The opt-out line the notifier ends a text with (first text to a number, then monthly), in the
 * text's language. The French one names ARRET without its accent: Ê would make the text UCS-2.
 */
export const SMS_OPT_OUT_HINTS: Record<Language, string> = {
  en: 'Reply STOP to opt out',
  fr: 'Répondez ARRET pour vous désabonner',
};

export const SMS_OPT_OUT_HINT = SMS_OPT_OUT_HINTS.en;

/** How a text names its sender up front: "Riverside: …", and in French with a space, "Riverside : …". */
export function smsSignature(clinicName: string, language: Language): string {
  return language === 'fr' ? `${clinicName} : ` : `${clinicName}: `;
}
