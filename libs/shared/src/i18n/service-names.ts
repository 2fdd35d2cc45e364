import type { Language } from './language.js';

/** How each built-in service type reads in a sentence ("votre rendez-vous en physiothérapie"). */
const SERVICE_NAMES: Record<Language, Record<string, string>> = {
  en: {},
  fr: {
    'medical-massage': 'massage thérapeutique',
    'relaxation-massage': 'massage de détente',
    acupuncture: 'acupuncture',
    'dry-needling': 'puncture sèche',
    physiotherapy: 'physiothérapie',
  },
};

/** A service type as words in `language`; a clinic's own types read as written ("hot-stone" → "hot stone"). */
export function serviceName(serviceType: string, language: Language): string {
  return Object.hasOwn(SERVICE_NAMES[language], serviceType) ? SERVICE_NAMES[language][serviceType] : serviceType.replace(/-/g, ' ');
}

/** What a template says when a visit has no practitioner or no service named. */
export const UNNAMED: Record<Language, { practitioner: string; visit: string }> = {
  en: { practitioner: 'your practitioner', visit: 'your visit' },
  fr: { practitioner: 'votre thérapeute', visit: 'votre visite' },
};
