/**
 * A step's texts per language. The API takes `template: {en, fr}` (each `{subject, email, sms}`)
 * and still takes the shape before languages, `template: {subject, email, sms}` as the English
 * texts; the editor reads and writes either, keeping the shape it was given when it can.
 */
export type Language = 'en' | 'fr';

export interface Texts {
  subject: string;
  email: string;
  sms: string;
}

export interface Templates {
  subject?: string;
  email?: string;
  sms?: string;
  en?: Texts;
  fr?: Texts;
}

const isLegacy = (template: Templates) => !template.en && !template.fr && template.subject !== undefined;

/** The texts in one language, or undefined when the step has none in it. */
export function textsIn(template: Templates, language: Language): Texts | undefined {
  if (template[language]) return template[language];
  if (language === 'en' && isLegacy(template))
    return { subject: template.subject ?? '', email: template.email ?? '', sms: template.sms ?? '' };
  return undefined;
}

/** The template with one language's texts replaced (French turns a template into the per-language shape). */
export function withTexts(template: Templates, language: Language, texts: Texts): Templates {
  if (language === 'en' && isLegacy(template)) return { subject: texts.subject, email: texts.email, sms: texts.sms };
  const english = textsIn(template, 'en');
  return { ...(english && { en: english }), ...(template.fr && { fr: template.fr }), [language]: texts };
}

/** Where the API names a text in its 400 (`template.sms` before languages, `template.fr.sms` after). */
export function textField(template: Templates, language: Language, key: keyof Texts): string {
  return language === 'en' && isLegacy(template) ? `template.${key}` : `template.${language}.${key}`;
}

export const LANGUAGES: Language[] = ['en', 'fr'];

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'French' };
