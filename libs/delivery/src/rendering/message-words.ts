import type { Language } from '@app/shared';

/**
 * The few words the renderer adds around a clinic's template (button labels, the email footer, the
 * calendar entry), in each language a template can be written in.
 */
export interface MessageWords {
  /** Label of the button a `{{bookingUrl}}` line becomes in an email. */
  bookNextVisit: string;
  /** Why the patient gets this email (footer). */
  patientOf: (clinicName: string) => string;
  /** The unsubscribe link's label: the text part shows it before the address, the HTML as the link. */
  unsubscribe: string;
  /** Calendar entry title: the service as the clinic labels it, and the clinic. */
  visitAt: (serviceName: string, clinicName: string) => string;
  /** Calendar entry description. */
  visitDetails: (practitioner: string, clinicPhone: string) => string;
}

const WORDS: Record<Language, MessageWords> = {
  en: {
    bookNextVisit: 'Book your next visit',
    patientOf: (clinic) => `You receive this email because you are a patient of ${clinic}.`,
    unsubscribe: 'Unsubscribe from these emails',
    visitAt: (service, clinic) => `${service} at ${clinic}`,
    visitDetails: (practitioner, phone) => `With ${practitioner}. To change or cancel, call ${phone}.`,
  },
  fr: {
    bookNextVisit: 'Réserver votre prochain rendez-vous',
    patientOf: (clinic) => `Vous recevez ce courriel parce que vous avez un dossier chez ${clinic}.`,
    unsubscribe: 'Ne plus recevoir ces courriels',
    visitAt: (service, clinic) => `${service} – ${clinic}`,
    visitDetails: (practitioner, phone) => `Avec ${practitioner}. Pour modifier ou annuler, appelez le ${phone}.`,
  },
};

export function messageWords(language: Language): MessageWords {
  return WORDS[language];
}
