/**
 * Default cadences for the built-in service types.
 *
 * The patient-facing wording is drawn from the clinic articles ("medical vs relaxation massage"
 * and "therapeutic massage recovery"; docs/decisions/0007-default-cadence-content.md): hydrate, gentle movement and
 * stretching, some soreness for a day or two is normal (like after exercise), call the clinic if
 * things get worse or don't settle, and massage never replaces medical care when symptoms need
 * evaluation. Subjects and SMS carry no diagnosis, condition or clinical note; SMS bodies are plain
 * GSM-7 and stay within two segments. The opt-out line is added by the notifier, not here.
 *
 * Nudges, flare-up check-ins and the relaxation invitation offer the clinic's online booking: a
 * `{{bookingUrl}}` line (a "Book your next visit" button in the email, the link in the SMS). A clinic
 * without a booking page has those lines left out, and the "call us" line that is always there
 * reads on its own.
 *
 * Each step's French texts are in default-cadences.fr.ts, with the same booking lines.
 */
import { BUILT_IN_SERVICE_TYPES, type CadenceStep, type StepTemplate } from '@app/shared';
import { FRENCH_TEXTS } from './default-cadences.fr.js';

export type BuiltInServiceType = (typeof BUILT_IN_SERVICE_TYPES)[number];

/** A default step as written here, in English; the French beside it comes from default-cadences.fr.ts. */
type EnglishStep = Omit<CadenceStep, 'template'> & { template: StepTemplate };

const SIGN_OFF = 'Warm regards,\n{{clinicName}}\n{{clinicPhone}}';

/** Alone on its line: a button in the email; left out when the clinic has no booking page. */
const BOOKING_BUTTON = '{{bookingUrl}}';

/** The SMS's last line: the link, or nothing when the clinic has no booking page. */
const BOOK_ONLINE_SMS = '\nBook online: {{bookingUrl}}';

const SEEK_CARE = 'If you feel unwell, or your symptoms are severe or worrying, please contact us or seek medical care right away.';

const AFTERCARE_SUBJECT = "Caring for yourself after today's visit - {{clinicName}}";

function email(...paragraphs: string[]): string {
  return ['Hi {{firstName}},', ...paragraphs, SIGN_OFF].join('\n\n');
}

function aftercare(template: StepTemplate): EnglishStep {
  return {
    key: 'aftercare',
    kind: 'aftercare',
    anchor: 'appointment.completed',
    offset: 'PT2H',
    channel: 'both',
    template,
  };
}

/**
 * Every visit: a confirmation three minutes after booking (a grace period, so a booking changed or
 * cancelled straight away sends one message or none) and reminders the day before by email and
 * two hours before by SMS.
 */
const BOOKING_STEPS: EnglishStep[] = [
  {
    key: 'booking-confirmation',
    kind: 'confirmation',
    anchor: 'appointment.booked',
    offset: 'PT3M',
    channel: 'preferred',
    template: {
      subject: 'Your booking is confirmed - {{clinicName}}',
      email: email(
        'Thank you for booking with us. Your {{serviceName}} is on {{appointmentDate}} at {{appointmentTime}} with {{practitioner}}.',
        'If you need to change or cancel, please call us at {{clinicPhone}} as early as you can so we can offer the time to someone else.',
        SEEK_CARE,
      ),
      sms:
        "{{clinicName}}: Hi {{firstName}}, you're booked on {{appointmentDate}} at {{appointmentTime}} with {{practitioner}}. " +
        'To change or cancel, call us at {{clinicPhone}}.',
    },
  },
  {
    key: 'reminder-email',
    kind: 'reminder',
    anchor: 'appointment.start',
    offset: '-P1D',
    channel: 'email',
    template: {
      subject: 'See you tomorrow - {{clinicName}}',
      email: email(
        'A friendly reminder of your {{serviceName}} on {{appointmentDate}} at {{appointmentTime}} with {{practitioner}}.',
        'Comfortable clothes help, and please arrive a few minutes early. If you need to change or cancel, call us at {{clinicPhone}}.',
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, a reminder of your visit on {{appointmentDate}} at {{appointmentTime}} with {{practitioner}}. ' +
        'To change or cancel, call us at {{clinicPhone}}.',
    },
  },
  {
    key: 'reminder-sms',
    kind: 'reminder',
    anchor: 'appointment.start',
    offset: '-PT2H',
    channel: 'sms',
    template: {
      subject: 'See you soon - {{clinicName}}',
      email: email(
        'A quick reminder that your {{serviceName}} is today at {{appointmentTime}} with {{practitioner}}.',
        'If you are running late or cannot make it, please call us at {{clinicPhone}}.',
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, see you today at {{appointmentTime}} with {{practitioner}}. ' +
        "If you're running late or can't make it, call us at {{clinicPhone}}.",
    },
  },
];

/**
 * A treatment plan (medical massage, acupuncture, dry needling, physiotherapy): a nudge to book two
 * days before a session is due and one follow-up five days after, both only while nothing is
 * booked; after the last session, check-ins at about three weeks and three months asking whether
 * the problem has come back ("flare-ups"), offering to book.
 */
const PLAN_STEPS: EnglishStep[] = [
  {
    key: 'rebook-nudge',
    kind: 'rebook',
    anchor: 'plan.session-due',
    offset: '-P2D',
    channel: 'preferred',
    condition: 'no-future-booking',
    template: {
      subject: 'Time to book your next visit - {{clinicName}}',
      email: email(
        'Your next session is coming up soon, and keeping to your plan helps you make steady progress.',
        BOOKING_BUTTON,
        'Call us at {{clinicPhone}} or reply to this email and we will find a time that suits you.',
        SEEK_CARE,
      ),
      sms:
        "{{clinicName}}: Hi {{firstName}}, it's nearly time for your next session. " +
        'Call us at {{clinicPhone}} or reply and we will find a time that suits you.' +
        BOOK_ONLINE_SMS,
    },
  },
  {
    key: 'rebook-nudge-again',
    kind: 'rebook',
    anchor: 'plan.session-due',
    offset: 'P5D',
    channel: 'preferred',
    condition: 'no-future-booking',
    template: {
      subject: 'Your next visit - {{clinicName}}',
      email: email(
        'Your next session is now due and we would love to help you keep your progress going.',
        BOOKING_BUTTON,
        'Call us at {{clinicPhone}} or reply to this email to book a time that suits you. We will not send another reminder about it.',
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, your next session is now due. ' +
        'Call us at {{clinicPhone}} to book a time that suits you. We will not remind you again.' +
        BOOK_ONLINE_SMS,
    },
  },
  ...[
    { key: 'flareup-checkin-3w', offset: 'P3W', since: 'a few weeks' },
    { key: 'flareup-checkin-3m', offset: 'P3M', since: 'a few months' },
  ].map(({ key, offset, since }): EnglishStep => ({
    key,
    kind: 'flareup-checkin',
    anchor: 'plan.completed',
    offset,
    channel: 'preferred',
    template: {
      subject: 'How are you doing? - {{clinicName}}',
      email: email(
        `It has been ${since} since you finished your sessions with us, and we wanted to check in.`,
        'Has the problem come back, even a little? If so, it is easier to settle early: call us at {{clinicPhone}} or reply to this email and we will find you a time.',
        BOOKING_BUTTON,
        SEEK_CARE,
      ),
      sms:
        `{{clinicName}}: Hi {{firstName}}, it's been ${since} since you finished your sessions. How are you doing? ` +
        'If the problem has come back, call us at {{clinicPhone}} or reply and we will find you a time.' +
        BOOK_ONLINE_SMS,
    },
  })),
];

/** Relaxation massage has no plan: a gentle invitation about four weeks later, unless already booked. */
const GENTLE_REBOOK: EnglishStep = {
  key: 'gentle-rebook',
  kind: 'rebook',
  anchor: 'appointment.completed',
  offset: 'P4W',
  channel: 'preferred',
  condition: 'no-future-booking',
  template: {
    subject: 'Time for yourself again? - {{clinicName}}',
    email: email(
      'It has been about a month since your last visit. Regular time to unwind helps you sleep and feel better.',
      'If you would like to book your next visit, call us at {{clinicPhone}} or reply to this email.',
      BOOKING_BUTTON,
      SEEK_CARE,
    ),
    sms:
      "{{clinicName}}: Hi {{firstName}}, it's been about a month since your last visit. " +
      'If you would like some time for yourself again, call us at {{clinicPhone}} to book.' +
      BOOK_ONLINE_SMS,
  },
};

const ENGLISH_CADENCES: Record<BuiltInServiceType, EnglishStep[]> = {
  'medical-massage': [
    aftercare({
      subject: AFTERCARE_SUBJECT,
      email: email(
        'Thank you for coming in today. Here are a few simple things that help your body make the most of your massage over the next day or two.',
        'Drink plenty of water today. Keep moving gently: an easy walk and some light stretching help more than staying still for long periods.',
        "It is common to feel some soreness for a day or two, a bit like after exercise, especially where we worked on long-standing tension. It usually settles on its own. If it gets worse or doesn't settle within a couple of days, please call us at {{clinicPhone}}.",
        `Massage never replaces medical care. ${SEEK_CARE}`,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, thanks for coming in today. Drink plenty of water and keep moving gently with light stretching. ' +
        "Some soreness for a day or two is normal, like after exercise. If it gets worse or doesn't settle, call us at {{clinicPhone}}.",
    }),
    {
      key: 'soreness-checkin',
      kind: 'checkin',
      anchor: 'appointment.completed',
      offset: 'PT48H',
      channel: 'sms',
      template: {
        subject: 'Checking in after your visit - {{clinicName}}',
        email: email(
          "We hope you're feeling well after your massage. We'd like to know how you're doing.",
          'Please reply with a number from 1 to 5, where 1 means no soreness and 5 means much worse than before your visit.',
          "A little soreness that is easing is normal. If it is getting worse or hasn't settled, please call us at {{clinicPhone}} and we'll help.",
          SEEK_CARE,
        ),
        sms:
          '{{clinicName}}: Hi {{firstName}}, how are you feeling since your massage? Reply with a number from 1 (no soreness) to 5 (much worse). ' +
          "If you're concerned or it isn't settling, call us at {{clinicPhone}}.",
      },
    },
    ...PLAN_STEPS,
    ...BOOKING_STEPS,
  ],

  'relaxation-massage': [
    aftercare({
      subject: "Enjoy the calm after today's visit - {{clinicName}}",
      email: email(
        'Thank you for taking some time for yourself today. We hope you are leaving relaxed and a little lighter.',
        'Try to keep the rest of the day easy if you can. Drink plenty of water, take a gentle walk or a light stretch if you feel like it, and enjoy the calm. A good night of sleep helps your body make the most of it.',
        "Some people feel a little tender for a day afterwards; that is normal and settles on its own. If anything gets worse or doesn't settle, please call us at {{clinicPhone}}.",
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, thank you for visiting today. Take it easy, drink plenty of water and enjoy the calm. ' +
        "If anything bothers you or doesn't settle, call us at {{clinicPhone}}.",
    }),
    GENTLE_REBOOK,
    ...BOOKING_STEPS,
  ],

  acupuncture: [
    aftercare({
      subject: AFTERCARE_SUBJECT,
      email: email(
        'Thank you for coming in today. Here are a few simple things that help after your acupuncture session.',
        'Feeling a little tired, or slightly tender where the needles were placed, can happen. It usually settles within a day.',
        'Drink plenty of water, keep moving gently, and give yourself some rest if you feel tired.',
        "If anything gets worse or doesn't settle, please call us at {{clinicPhone}}. " + SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, thanks for coming in today. Feeling a little tired or tender where the needles were is common and usually settles within a day. ' +
        "Drink plenty of water and keep moving gently. If it gets worse or doesn't settle, call us at {{clinicPhone}}.",
    }),
    ...PLAN_STEPS,
    ...BOOKING_STEPS,
  ],

  'dry-needling': [
    aftercare({
      subject: AFTERCARE_SUBJECT,
      email: email(
        'Thank you for coming in today. Here are a few simple things that help after your dry needling session.',
        'Feeling a little tired, or tender and achy where the needles were placed, can happen. It usually settles within a day, much like soreness after exercise.',
        'Drink plenty of water and keep moving gently; light stretching can help.',
        "If anything gets worse or doesn't settle, please call us at {{clinicPhone}}. " + SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, thanks for coming in today. Feeling a little tired or tender where the needles were is common and usually settles within a day. ' +
        "Drink plenty of water and keep moving gently. If it gets worse or doesn't settle, call us at {{clinicPhone}}.",
    }),
    ...PLAN_STEPS,
    ...BOOKING_STEPS,
  ],

  physiotherapy: [
    aftercare({
      subject: AFTERCARE_SUBJECT,
      email: email(
        'Thank you for coming in today. A little regular effort between visits makes a real difference.',
        'Please keep doing the exercises your physiotherapist gave you, as shown. Drink plenty of water and keep moving gently through the day.',
        "Some soreness for a day or two is normal, a bit like after any new exercise. If it gets worse or doesn't settle, please call us at {{clinicPhone}} before carrying on.",
        SEEK_CARE,
      ),
      sms:
        '{{clinicName}}: Hi {{firstName}}, thanks for coming in today. Keep doing the exercises your physiotherapist gave you, drink plenty of water and keep moving gently. ' +
        "Some soreness for a day or two is normal. If it gets worse or doesn't settle, call us at {{clinicPhone}}.",
    }),
    ...PLAN_STEPS,
    ...BOOKING_STEPS,
  ],
};

/** Every built-in cadence in English and French. */
export const DEFAULT_CADENCES = Object.fromEntries(
  BUILT_IN_SERVICE_TYPES.map((serviceType) => [
    serviceType,
    ENGLISH_CADENCES[serviceType].map((step): CadenceStep => ({
      ...step,
      template: { en: step.template, fr: FRENCH_TEXTS[serviceType][step.key] },
    })),
  ]),
) as Record<BuiltInServiceType, CadenceStep[]>;

/** The default cadence for a service type, as a fresh copy the caller may change; undefined for others. */
export function defaultCadence(serviceType: string): CadenceStep[] | undefined {
  if (!Object.hasOwn(DEFAULT_CADENCES, serviceType)) return undefined;
  return structuredClone(DEFAULT_CADENCES[serviceType as BuiltInServiceType]);
}
