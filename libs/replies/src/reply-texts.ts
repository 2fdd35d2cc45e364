import { type Language, smsSignature } from '@app/shared';

/** Who a known conversation is with: the clinic and the patient. */
export interface ReplyParties {
  clinicName: string;
  /** The clinic's phone as the patient writes it (national for a local number), else its email. */
  contact: string;
  /** The clinic's online booking page, when it has one: answers that invite a visit carry it. */
  bookingUrl: string | null;
  firstName: string;
}

/**
 * The automatic answers to a patient's text, in each language. Every answer names the clinic when
 * we know it. They stay in GSM-7 (the French ones name ARRET without its accent) so a short answer
 * is one or two segments.
 */
export interface ReplyTexts {
  optedOut(clinicName: string | undefined): string;
  optedIn(clinicName: string | undefined): string;
  help(parties: Omit<ReplyParties, 'firstName'> | undefined): string;
  checkinThanks(parties: ReplyParties, wantsVisit: boolean): string;
  confirmed(clinicName: string, when: { date: string; time: string }): string;
}

const signed = (clinicName: string | undefined, language: Language) => (clinicName ? smsSignature(clinicName, language) : '');

export const REPLY_TEXTS: Record<Language, ReplyTexts> = {
  en: {
    optedOut: (clinicName) =>
      `${signed(clinicName, 'en')}You are unsubscribed and will receive no more texts from us. Reply START to resubscribe.`,
    optedIn: (clinicName) => `${signed(clinicName, 'en')}You are resubscribed to care texts. Reply HELP for help, STOP to opt out.`,
    help: (parties) =>
      `${
        parties
          ? `${smsSignature(parties.clinicName, 'en')}care reminders and check-ins about your visits. Questions: ${parties.contact}.${
              parties.bookingUrl ? ` Book online: ${parties.bookingUrl}` : ''
            }`
          : 'Care reminders and check-ins from your clinic.'
      } Usually 1-4 texts per visit. Msg & data rates may apply. Reply STOP to opt out.`,
    checkinThanks: ({ clinicName, firstName, contact, bookingUrl }, wantsVisit) =>
      wantsVisit
        ? `${smsSignature(clinicName, 'en')}Thank you, ${firstName}. We would like to see you: call ${contact}${
            bookingUrl ? ` or book online: ${bookingUrl}` : ' to book a visit.'
          }`
        : `${smsSignature(clinicName, 'en')}Thank you, ${firstName}. If anything changes, call us at ${contact}.`,
    confirmed: (clinicName, { date, time }) =>
      `${smsSignature(clinicName, 'en')}Thank you, your appointment on ${date} at ${time} is confirmed.`,
  },
  fr: {
    optedOut: (clinicName) =>
      `${signed(clinicName, 'fr')}Votre désabonnement est confirmé : vous ne recevrez plus de textos de notre part. Répondez ABONNER pour vous réabonner.`,
    optedIn: (clinicName) =>
      `${signed(clinicName, 'fr')}Vous recevrez de nouveau nos textos de suivi. Répondez AIDE pour obtenir de l'aide ou ARRET pour vous désabonner.`,
    help: (parties) =>
      `${
        parties
          ? `${smsSignature(parties.clinicName, 'fr')}rappels et suivis de soins liés à vos visites. Questions : ${parties.contact}.${
              parties.bookingUrl ? ` Rendez-vous en ligne : ${parties.bookingUrl}` : ''
            }`
          : 'Rappels et suivis de soins de votre clinique.'
      } De 1 à 4 textos par visite. Des frais de messagerie et de données peuvent s'appliquer. Répondez ARRET pour vous désabonner.`,
    checkinThanks: ({ clinicName, firstName, contact, bookingUrl }, wantsVisit) =>
      wantsVisit
        ? `${smsSignature(clinicName, 'fr')}Merci, ${firstName}. Nous aimerions vous voir : appelez au ${contact}${
            bookingUrl ? ` ou prenez rendez-vous en ligne : ${bookingUrl}` : ' pour prendre rendez-vous.'
          }`
        : `${smsSignature(clinicName, 'fr')}Merci, ${firstName}. Si quelque chose change, appelez-nous au ${contact}.`,
    confirmed: (clinicName, { date, time }) =>
      `${smsSignature(clinicName, 'fr')}Merci, votre rendez-vous du ${date} à ${time} est confirmé.`,
  },
};
