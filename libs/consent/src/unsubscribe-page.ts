import { FALLBACK_LANGUAGE, type Language, languageOfLocale } from '@app/shared';
import type { TokenCheck } from './unsubscribe-token.js';

type Refusal = Exclude<TokenCheck, { valid: true }>['reason'];

/** What the unsubscribe page can say: ask (GET), done or nothing to do (POST), or a bad link. */
export type UnsubscribePageKind = 'confirm' | 'unsubscribed' | 'unknown-patient' | Refusal;

interface PageWords {
  confirm: { title: string; question: string; button: string };
  unsubscribed: { title: string; body: string };
  unknownPatient: { title: string; body: string };
  refused: { title: string; reasons: Record<Refusal, string>; advice: string };
}

const WORDS: Record<Language, PageWords> = {
  en: {
    confirm: {
      title: 'Unsubscribe from emails',
      question: 'Stop receiving care emails at this address? Text messages are not affected (reply STOP to a text for those).',
      button: 'Unsubscribe',
    },
    unsubscribed: { title: 'You are unsubscribed', body: 'You will receive no more care emails from the clinic at this address.' },
    unknownPatient: { title: 'Nothing to unsubscribe', body: 'We have no record for this link any more; nothing was changed.' },
    refused: {
      title: 'Link not valid',
      reasons: {
        malformed: 'This unsubscribe link is not complete.',
        forged: 'This unsubscribe link is not valid.',
        expired: 'This unsubscribe link has expired.',
      },
      advice: 'Nothing was changed. To stop emails, use the link in a recent email or contact the clinic.',
    },
  },
  fr: {
    confirm: {
      title: 'Se désabonner des courriels',
      question:
        'Ne plus recevoir de courriels de suivi à cette adresse? Les textos ne sont pas touchés (pour ceux-ci, répondez ARRÊT à un texto).',
      button: 'Me désabonner',
    },
    unsubscribed: {
      title: 'Votre désabonnement est confirmé',
      body: 'Vous ne recevrez plus de courriels de suivi de la clinique à cette adresse.',
    },
    unknownPatient: { title: 'Aucun abonnement à annuler', body: "Ce lien ne correspond plus à aucun dossier; rien n'a été modifié." },
    refused: {
      title: 'Lien non valide',
      reasons: {
        malformed: 'Ce lien de désabonnement est incomplet.',
        forged: "Ce lien de désabonnement n'est pas valide.",
        expired: 'Ce lien de désabonnement est expiré.',
      },
      advice:
        "Rien n'a été modifié. Pour ne plus recevoir de courriels, utilisez le lien d'un courriel récent ou communiquez avec la clinique.",
    },
  },
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(language: Language, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta name="robots" content="noindex"><title>${escape(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${escape(title)}</h1>${body}</body></html>`
  );
}

/** The unsubscribe page in `language`; `token` is the link's, for the confirm form to post back to. */
export function unsubscribePage(kind: UnsubscribePageKind, language: Language, token = ''): string {
  const words = WORDS[language];
  switch (kind) {
    case 'confirm':
      return page(
        language,
        words.confirm.title,
        `<p>${escape(words.confirm.question)}</p>` +
          `<form method="post" action="/unsubscribe/${escape(token)}"><button type="submit">${escape(words.confirm.button)}</button></form>`,
      );
    case 'unsubscribed':
      return page(language, words.unsubscribed.title, `<p>${escape(words.unsubscribed.body)}</p>`);
    case 'unknown-patient':
      return page(language, words.unknownPatient.title, `<p>${escape(words.unknownPatient.body)}</p>`);
    default:
      return page(language, words.refused.title, `<p>${escape(words.refused.reasons[kind])} ${escape(words.refused.advice)}</p>`);
  }
}

/**
 * The language a browser asks for (`Accept-Language: fr-CA,fr;q=0.9,en;q=0.8`), for a link that
 * names no patient we know: the first we write in by the browser's preference, else English.
 */
export function browserLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: languageOfLocale(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language ?? FALLBACK_LANGUAGE;
}
