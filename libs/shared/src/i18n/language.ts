/**
 * The languages patients are written to in. A patient's `locale` (any BCP 47 tag: `fr-CA`, `en`,
 * `fr_CA` from a booking system) picks one; else the clinic's `defaultLocale`; else English.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/** The Canadian locale used for a language when nobody named a region (dates, `Content-Language`). */
const CANADIAN_LOCALE: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `fr-CA` → `fr`, `EN_us` → `en`; undefined for an empty tag or a language we do not write in. */
export function languageOfLocale(locale: string | null | undefined): Language | undefined {
  const language = locale?.trim().split(/[-_]/)[0].toLowerCase();
  return isLanguage(language) ? language : undefined;
}

export interface LocaleSettings {
  /** The patient's own `locale`, if any. */
  patientLocale?: string | null;
  /** The clinic's `defaultLocale`, if any. */
  clinicLocale?: string | null;
}

/** The patient's language: their locale, else the clinic's default, else English. */
export function patientLanguage({ patientLocale, clinicLocale }: LocaleSettings): Language {
  return languageOfLocale(patientLocale) ?? languageOfLocale(clinicLocale) ?? FALLBACK_LANGUAGE;
}

/**
 * The language to write in when only some are available (a step whose French is missing): the
 * wanted one, else the clinic's default, else English, else whichever the text has.
 */
export function availableLanguage(available: readonly Language[], wanted: Language, clinicLocale?: string | null): Language | undefined {
  const order = [wanted, languageOfLocale(clinicLocale), FALLBACK_LANGUAGE, ...LANGUAGES];
  return order.find((language): language is Language => language !== undefined && available.includes(language));
}

/**
 * The locale to format dates in for a message written in `language`: the patient's own tag when
 * it is that language (an `en-US` patient gets "10:00 AM"), else the clinic's, else the Canadian one.
 */
export function formattingLocale(language: Language, { patientLocale, clinicLocale }: LocaleSettings): string {
  const own = [patientLocale, clinicLocale]
    .filter((locale) => languageOfLocale(locale) === language)
    .map((locale) => canonicalLocale(locale!))
    .find((locale) => locale !== undefined);
  return own ?? CANADIAN_LOCALE[language];
}

/** The tag as Intl spells it, or undefined when Intl would throw on it (`en-12`). */
function canonicalLocale(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale.trim().replaceAll('_', '-'))[0];
  } catch {
    return undefined;
  }
}
