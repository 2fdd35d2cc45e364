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

/** The opt-out line the notifier ends a text with (first text to a number, then monthly). */
export const SMS_OPT_OUT_HINT = 'Reply STOP to opt out';
