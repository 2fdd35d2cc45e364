/**
 * The default cadences' texts in Canadian French, step by step beside the English ones in
 * default-cadences.ts: written from the same clinic articles (/work/shared/seeds), as a clinic in
 * Quebec would write them, not translated word for word. Boire beaucoup d'eau, bouger doucement
 * et s'étirer, des courbatures pendant un jour ou deux sont normales (comme après de l'exercice),
 * appeler la clinique si cela empire ou persiste, et le massage ne remplace jamais les soins
 * médicaux quand des symptômes demandent une évaluation.
 *
 * The SMS texts avoid ê, â, î, ô, û and ç: any of them turns a whole text into UCS-2, 70
 * characters a segment instead of 160, and these texts would then take three or four segments.
 * é, è, à, ù and É are in the GSM-7 alphabet and cost nothing extra. Email subjects and bodies use
 * every accent. Quebec typography: a space before the colon, none before ? or !.
 *
 * Like the English ones, nudges, flare-up check-ins and the relaxation invitation offer the clinic's
 * online booking on a `{{bookingUrl}}` line, left out when the clinic has no booking page.
 */
import type { BUILT_IN_SERVICE_TYPES, StepTemplate } from '@app/shared';

const SIGN_OFF = 'Cordialement,\n{{clinicName}}\n{{clinicPhone}}';

const SEEK_CARE =
  'Si vous ne vous sentez pas bien, ou si vos symptômes sont intenses ou vous inquiètent, communiquez avec nous ou consultez un médecin sans attendre.';

const AFTERCARE_SUBJECT = 'Prendre soin de vous après votre visite - {{clinicName}}';

/** Alone on its line: a button in the email; left out when the clinic has no booking page. */
const BOOKING_BUTTON = '{{bookingUrl}}';

/** The SMS's last line: the link, or nothing when the clinic has no booking page. */
const BOOK_ONLINE_SMS = '\nRéservez en ligne : {{bookingUrl}}';

function email(...paragraphs: string[]): string {
  return ['Bonjour {{firstName}},', ...paragraphs, SIGN_OFF].join('\n\n');
}

/** Steps every built-in service type has: the booking confirmation and the two reminders. */
const BOOKING: Record<string, StepTemplate> = {
  'booking-confirmation': {
    subject: 'Votre rendez-vous est confirmé - {{clinicName}}',
    email: email(
      "Merci d'avoir pris rendez-vous avec nous. Votre rendez-vous en {{serviceName}} aura lieu le {{appointmentDate}} à {{appointmentTime}} avec {{practitioner}}.",
      "Si vous devez le déplacer ou l'annuler, appelez-nous au {{clinicPhone}} le plus tôt possible : nous pourrons ainsi offrir cette plage horaire à quelqu'un d'autre.",
      SEEK_CARE,
    ),
    sms:
      '{{clinicName}} : Bonjour {{firstName}}, votre rendez-vous est confirmé le {{appointmentDate}} à {{appointmentTime}} avec {{practitioner}}. ' +
      "Pour le déplacer ou l'annuler, appelez-nous au {{clinicPhone}}.",
  },
  'reminder-email': {
    subject: 'À demain - {{clinicName}}',
    email: email(
      'Petit rappel : votre rendez-vous en {{serviceName}} aura lieu le {{appointmentDate}} à {{appointmentTime}} avec {{practitioner}}.',
      "Portez des vêtements confortables et arrivez quelques minutes à l'avance. Si vous devez déplacer ou annuler votre rendez-vous, appelez-nous au {{clinicPhone}}.",
      SEEK_CARE,
    ),
    sms:
      '{{clinicName}} : Bonjour {{firstName}}, petit rappel de votre rendez-vous le {{appointmentDate}} à {{appointmentTime}} avec {{practitioner}}. ' +
      "Pour le déplacer ou l'annuler, appelez-nous au {{clinicPhone}}.",
  },
  'reminder-sms': {
    subject: "À tout à l'heure - {{clinicName}}",
    email: email(
      "Petit rappel : votre rendez-vous en {{serviceName}} a lieu aujourd'hui à {{appointmentTime}} avec {{practitioner}}.",
      'Si vous êtes en retard ou ne pouvez pas venir, appelez-nous au {{clinicPhone}}.',
      SEEK_CARE,
    ),
    sms:
      "{{clinicName}} : Bonjour {{firstName}}, nous vous attendons aujourd'hui à {{appointmentTime}} avec {{practitioner}}. " +
      'Si vous avez du retard ou ne pouvez pas venir, appelez-nous au {{clinicPhone}}.',
  },
};

/** A treatment plan's nudges to book and its check-ins after the last session. */
const PLAN: Record<string, StepTemplate> = {
  'rebook-nudge': {
    subject: 'Il est temps de prendre rendez-vous - {{clinicName}}',
    email: email(
      'Votre prochaine séance approche, et suivre votre plan de traitement vous aide à progresser de façon régulière.',
      BOOKING_BUTTON,
      'Appelez-nous au {{clinicPhone}} ou répondez à ce courriel : nous trouverons ensemble un moment qui vous convient.',
      SEEK_CARE,
    ),
    sms:
      '{{clinicName}} : Bonjour {{firstName}}, votre prochaine séance approche. ' +
      'Appelez-nous au {{clinicPhone}} ou répondez et nous trouverons un moment qui vous convient.' +
      BOOK_ONLINE_SMS,
  },
  'rebook-nudge-again': {
    subject: 'Votre prochain rendez-vous - {{clinicName}}',
    email: email(
      'Le moment de votre prochaine séance est arrivé, et nous aimerions vous aider à poursuivre vos progrès.',
      BOOKING_BUTTON,
      'Appelez-nous au {{clinicPhone}} ou répondez à ce courriel pour choisir un moment qui vous convient. Ce sera notre dernier rappel à ce sujet.',
      SEEK_CARE,
    ),
    sms:
      "{{clinicName}} : Bonjour {{firstName}}, c'est le moment de votre prochaine séance. " +
      'Appelez-nous au {{clinicPhone}} pour prendre rendez-vous. Ce sera notre dernier rappel.' +
      BOOK_ONLINE_SMS,
  },
  ...Object.fromEntries(
    [
      { key: 'flareup-checkin-3w', since: 'quelques semaines' },
      { key: 'flareup-checkin-3m', since: 'quelques mois' },
    ].map(({ key, since }) => [
      key,
      {
        subject: 'Comment allez-vous? - {{clinicName}}',
        email: email(
          `Cela fait ${since} que vous avez terminé vos séances avec nous, et nous voulions prendre de vos nouvelles.`,
          "Le problème est-il revenu, même un peu? Si c'est le cas, mieux vaut s'en occuper tôt : appelez-nous au {{clinicPhone}} ou répondez à ce courriel et nous vous trouverons un moment.",
          BOOKING_BUTTON,
          SEEK_CARE,
        ),
        sms:
          `{{clinicName}} : Bonjour {{firstName}}, comment allez-vous, ${since} après vos séances? ` +
          'Si le problème est revenu, appelez-nous au {{clinicPhone}} et nous vous trouverons un moment.' +
          BOOK_ONLINE_SMS,
      },
    ]),
  ),
};

const GENTLE_REBOOK: StepTemplate = {
  subject: "Envie d'un moment pour vous? - {{clinicName}}",
  email: email(
    'Votre dernière visite remonte à environ un mois. Prendre régulièrement du temps pour vous détendre aide à mieux dormir et à vous sentir mieux.',
    'Pour prendre votre prochain rendez-vous, appelez-nous au {{clinicPhone}} ou répondez à ce courriel.',
    BOOKING_BUTTON,
    SEEK_CARE,
  ),
  sms:
    "{{clinicName}} : Bonjour {{firstName}}, votre dernière visite remonte à environ un mois. Envie d'un autre moment de détente? " +
    'Appelez-nous au {{clinicPhone}} pour prendre rendez-vous.' +
    BOOK_ONLINE_SMS,
};

const NEEDLES_SMS =
  '{{clinicName}} : Bonjour {{firstName}}, merci de votre visite. Un peu de fatigue ou de sensibilité aux points traités est courant et passe en un jour. ' +
  "Buvez beaucoup d'eau et bougez doucement. Si cela empire ou persiste, appelez-nous au {{clinicPhone}}.";

/** French texts by service type and step key; every English step has one (checked by the spec). */
export const FRENCH_TEXTS: Record<(typeof BUILT_IN_SERVICE_TYPES)[number], Record<string, StepTemplate>> = {
  'medical-massage': {
    aftercare: {
      subject: AFTERCARE_SUBJECT,
      email: email(
        "Merci de votre visite aujourd'hui. Voici quelques conseils simples pour que votre corps profite pleinement de votre massage au cours des prochains jours.",
        "Buvez beaucoup d'eau aujourd'hui. Continuez de bouger doucement : une marche tranquille et quelques étirements légers valent mieux que de rester longtemps immobile.",
        "Il est courant d'avoir des courbatures pendant un jour ou deux, un peu comme après de l'exercice, surtout là où nous avons travaillé des tensions installées depuis longtemps. Elles disparaissent habituellement d'elles-mêmes. Si elles augmentent ou persistent après quelques jours, appelez-nous au {{clinicPhone}}.",
        `Le massage ne remplace jamais les soins médicaux. ${SEEK_CARE}`,
      ),
      sms:
        "{{clinicName}} : Bonjour {{firstName}}, merci de votre visite. Buvez beaucoup d'eau, bougez doucement et étirez-vous un peu. " +
        "Des courbatures pendant un jour ou deux, c'est normal. Si elles augmentent ou persistent, appelez-nous au {{clinicPhone}}.",
    },
    'soreness-checkin': {
      subject: 'Un petit suivi après votre visite - {{clinicName}}',
      email: email(
        'Nous espérons que vous vous sentez bien depuis votre massage, et nous aimerions savoir comment vous allez.',
        "Répondez simplement par un chiffre de 1 à 5 : 1 veut dire aucune courbature, 5 veut dire beaucoup plus mal qu'avant votre visite.",
        "Un peu de sensibilité qui diminue, c'est normal. Si cela empire ou ne passe pas, appelez-nous au {{clinicPhone}} et nous vous aiderons.",
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}} : Bonjour {{firstName}}, comment vous sentez-vous depuis votre massage? Répondez par un chiffre de 1 (aucune courbature) à 5 (beaucoup plus mal). ' +
        'Si cela vous inquiète ou ne passe pas, appelez-nous au {{clinicPhone}}.',
    },
    ...PLAN,
    ...BOOKING,
  },

  'relaxation-massage': {
    aftercare: {
      subject: 'Profitez du calme après votre visite - {{clinicName}}',
      email: email(
        "Merci d'avoir pris ce moment pour vous aujourd'hui. Nous espérons que vous repartez l'esprit léger et le corps détendu.",
        "Si possible, gardez le reste de la journée tranquille. Buvez beaucoup d'eau, faites une petite marche ou quelques étirements doux si le cœur vous en dit, et profitez du calme. Une bonne nuit de sommeil aide votre corps à en tirer le meilleur parti.",
        "Certaines personnes ressentent une légère sensibilité le lendemain; c'est normal et cela passe tout seul. Si quelque chose empire ou ne passe pas, appelez-nous au {{clinicPhone}}.",
        SEEK_CARE,
      ),
      sms:
        "{{clinicName}} : Bonjour {{firstName}}, merci de votre visite. Prenez le temps de vous reposer, buvez beaucoup d'eau et profitez du calme. " +
        'Si quelque chose vous incommode ou persiste, appelez-nous au {{clinicPhone}}.',
    },
    'gentle-rebook': GENTLE_REBOOK,
    ...BOOKING,
  },

  acupuncture: {
    aftercare: {
      subject: AFTERCARE_SUBJECT,
      email: email(
        "Merci de votre visite aujourd'hui. Voici quelques conseils simples pour la suite de votre séance d'acupuncture.",
        'Un peu de fatigue, ou une légère sensibilité aux endroits où les aiguilles ont été placées, peut survenir. Cela passe habituellement en une journée.',
        "Buvez beaucoup d'eau, continuez de bouger doucement et reposez-vous si vous ressentez de la fatigue.",
        'Si quelque chose empire ou ne passe pas, appelez-nous au {{clinicPhone}}. ' + SEEK_CARE,
      ),
      sms: NEEDLES_SMS,
    },
    ...PLAN,
    ...BOOKING,
  },

  'dry-needling': {
    aftercare: {
      subject: AFTERCARE_SUBJECT,
      email: email(
        "Merci de votre visite aujourd'hui. Voici quelques conseils simples pour la suite de votre séance de puncture sèche.",
        "Un peu de fatigue, ou de la sensibilité et des courbatures aux endroits où les aiguilles ont été placées, peuvent survenir. Cela passe habituellement en une journée, un peu comme après de l'exercice.",
        "Buvez beaucoup d'eau et continuez de bouger doucement; quelques étirements légers peuvent aider.",
        'Si quelque chose empire ou ne passe pas, appelez-nous au {{clinicPhone}}. ' + SEEK_CARE,
      ),
      sms: NEEDLES_SMS,
    },
    ...PLAN,
    ...BOOKING,
  },

  physiotherapy: {
    aftercare: {
      subject: AFTERCARE_SUBJECT,
      email: email(
        "Merci de votre visite aujourd'hui. Un petit effort régulier entre les rendez-vous fait une réelle différence.",
        "Continuez de faire les exercices que votre physiothérapeute vous a montrés, comme indiqué. Buvez beaucoup d'eau et bougez doucement tout au long de la journée.",
        'Des courbatures pendant un jour ou deux sont normales, comme après tout nouvel exercice. Si elles augmentent ou persistent, appelez-nous au {{clinicPhone}} avant de continuer.',
        SEEK_CARE,
      ),
      sms:
        "{{clinicName}} : Bonjour {{firstName}}, merci de votre visite. Continuez vos exercices, buvez beaucoup d'eau et bougez doucement. " +
        "Des courbatures pendant un jour ou deux, c'est normal. Si elles augmentent ou persistent, appelez-nous au {{clinicPhone}}.",
    },
    ...PLAN,
    ...BOOKING,
  },
};
