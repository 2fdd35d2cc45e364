import { BUILT_IN_SERVICE_TYPES, type MergeValues, parseOffset, renderTemplate, unknownMergeFields } from '@app/shared';
import { DEFAULT_CADENCES, defaultCadence } from './default-cadences.js';

/** Long-ish but typical values, so the SMS length check is not flattered by short names. */
const TYPICAL: Partial<MergeValues> = {
  firstName: 'Alexandra',
  clinicName: 'Riverside Massage & Acupuncture',
  clinicPhone: '+1 514 555 0100',
  practitioner: 'Dr. Jordan Smith',
  serviceName: 'Medical massage (60 min)',
  bookingUrl: 'https://book.example.com/riverside-massage-and-acupuncture',
};

/** Two concatenated GSM-7 segments. */
const MAX_SMS_LENGTH = 306;

/** GSM 03.38 basic character set (the extension table, which costs two septets a character, is excluded). */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

function nonGsm7(text: string): string[] {
  return [...new Set([...text].filter((char) => !GSM7_BASIC.includes(char)))];
}

/** Words that would reveal a diagnosis, condition or clinical note on a lock screen or in an inbox. */
const CLINICAL_WORDS = [
  'diagnosis',
  'diagnosed',
  'injury',
  'injuries',
  'injured',
  'pain',
  'painful',
  'condition',
  'conditions',
  'sciatica',
  'arthritis',
  'migraine',
  'migraines',
  'headache',
  'headaches',
  'surgery',
  'strain',
  'sprain',
  'inflammation',
  'tendinitis',
  'tendonitis',
  'fracture',
  'disc',
  'hernia',
  'chronic',
  'flare-up',
  'whiplash',
  'fibromyalgia',
  'scoliosis',
  'pregnancy',
  'pregnant',
  'anxiety',
  'depression',
  'stress',
];
/** Allowed in SMS aftercare advice ("some soreness for a day or two is normal"), not in a subject line. */
const SUBJECT_ONLY_WORDS = ['sore', 'soreness', 'tender', 'tenderness', 'ache', 'aching', 'symptom', 'symptoms'];

function clinicalWords(text: string, words: string[]): string[] {
  return words.filter((word) => new RegExp(`\\b${word.replace('-', '\\-')}\\b`, 'i').test(text));
}

const steps = BUILT_IN_SERVICE_TYPES.flatMap((serviceType) =>
  (DEFAULT_CADENCES[serviceType] ?? []).map((step) => ({ name: `${serviceType} / ${step.key}`, serviceType, step })),
);

describe('DEFAULT_CADENCES', () => {
  it.each(BUILT_IN_SERVICE_TYPES)('has a cadence with unique kebab-case step keys for %s', (serviceType) => {
    const cadence = DEFAULT_CADENCES[serviceType];
    expect(cadence?.length).toBeGreaterThan(0);
    const keys = cadence.map((step) => step.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(BUILT_IN_SERVICE_TYPES)('writes every step of %s in English and French', (serviceType) => {
    for (const step of DEFAULT_CADENCES[serviceType]) expect(Object.keys(step.template)).toEqual(['en', 'fr']);
  });

  it('has no cadence beyond the built-in service types', () => {
    expect(Object.keys(DEFAULT_CADENCES).sort()).toEqual([...BUILT_IN_SERVICE_TYPES].sort());
  });

  describe.each(steps)('$name', ({ step }) => {
    const { subject, email, sms } = step.template.en!;

    it('has an offset that parses', () => {
      expect(parseOffset(step.offset)).toBeDefined();
    });

    it('names only known merge fields', () => {
      expect(unknownMergeFields(subject)).toEqual([]);
      expect(unknownMergeFields(email)).toEqual([]);
      expect(unknownMergeFields(sms)).toEqual([]);
    });

    it('renders an SMS of GSM-7 basic characters within two segments', () => {
      const rendered = renderTemplate(sms, TYPICAL);
      expect(nonGsm7(rendered)).toEqual([]);
      expect(rendered.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    });

    it('starts the SMS by naming the clinic and greets by first name', () => {
      expect(sms.startsWith('{{clinicName}}: Hi {{firstName}},')).toBe(true);
      expect(sms).toContain('{{clinicPhone}}');
    });

    it('keeps clinical words out of the subject and the SMS', () => {
      expect(clinicalWords(subject, [...CLINICAL_WORDS, ...SUBJECT_ONLY_WORDS])).toEqual([]);
      expect(clinicalWords(sms, CLINICAL_WORDS)).toEqual([]);
      expect(subject).toContain('{{clinicName}}');
    });

    it('writes an email that greets, advises seeking care when needed and signs off with the clinic', () => {
      expect(email.startsWith('Hi {{firstName}},')).toBe(true);
      expect(email).toMatch(/seek medical care/i);
      expect(email.trimEnd().endsWith('{{clinicName}}\n{{clinicPhone}}')).toBe(true);
      expect(email.split('\n\n').length).toBeGreaterThanOrEqual(3);
    });

    it('leaves the opt-out line to the notifier', () => {
      for (const text of [email, sms]) expect(text).not.toMatch(/\bSTOP\b|unsubscribe|opt[ -]?out/i);
    });
  });

  it('gives every aftercare SMS hydration advice and the clinic name', () => {
    for (const serviceType of BUILT_IN_SERVICE_TYPES) {
      const aftercare = DEFAULT_CADENCES[serviceType].find((step) => step.kind === 'aftercare');
      expect(aftercare).toMatchObject({ anchor: 'appointment.completed', offset: 'PT2H', channel: 'both' });
      expect(aftercare!.template.en!.sms).toMatch(/water|hydrat/i);
      expect(aftercare!.template.en!.sms).toContain('{{clinicName}}');
    }
  });

  it('follows a medical massage with aftercare and a soreness check-in by SMS', () => {
    const cadence = DEFAULT_CADENCES['medical-massage'];
    expect(cadence.find((step) => step.kind === 'aftercare')).toMatchObject({ key: 'aftercare' });
    const checkin = cadence.find((step) => step.kind === 'checkin');
    expect(checkin).toMatchObject({
      key: 'soreness-checkin',
      anchor: 'appointment.completed',
      offset: 'PT48H',
      channel: 'sms',
    });
    expect(checkin!.template.en!.sms).toMatch(/\b1\b.*no soreness.*\b5\b.*much worse/i);
    expect(checkin!.template.en!.sms).toContain('{{clinicPhone}}');
  });

  it('reminds medical-massage patients that massage never replaces medical care', () => {
    const aftercare = DEFAULT_CADENCES['medical-massage'].find((step) => step.kind === 'aftercare');
    expect(aftercare!.template.en!.email).toMatch(/never replaces medical care/i);
  });
});

describe('the care timeline in the defaults', () => {
  it.each(BUILT_IN_SERVICE_TYPES)('confirms and reminds before every %s visit', (serviceType) => {
    const cadence = DEFAULT_CADENCES[serviceType];
    expect(cadence.find((step) => step.kind === 'confirmation')).toMatchObject({ anchor: 'appointment.booked', offset: 'PT3M' });
    const reminders = cadence
      .filter((step) => step.kind === 'reminder')
      .map(({ anchor, offset, channel }) => ({ anchor, offset, channel }));
    expect(reminders).toEqual([
      { anchor: 'appointment.start', offset: '-P1D', channel: 'email' },
      { anchor: 'appointment.start', offset: '-PT2H', channel: 'sms' },
    ]);
  });

  it.each(['medical-massage', 'acupuncture', 'dry-needling', 'physiotherapy'] as const)(
    'gives a %s plan one nudge and one follow-up while nothing is booked, then flare-up check-ins',
    (serviceType) => {
      const cadence = DEFAULT_CADENCES[serviceType];
      const nudges = cadence.filter((step) => step.anchor === 'plan.session-due');
      expect(nudges.map((step) => [step.kind, step.offset, step.condition])).toEqual([
        ['rebook', '-P2D', 'no-future-booking'],
        ['rebook', 'P5D', 'no-future-booking'],
      ]);
      const flareups = cadence.filter((step) => step.anchor === 'plan.completed');
      expect(flareups.map((step) => [step.kind, step.offset])).toEqual([
        ['flareup-checkin', 'P3W'],
        ['flareup-checkin', 'P3M'],
      ]);
      for (const step of flareups) expect(step.template.en!.sms).toMatch(/come back.*find you a time/);
    },
  );

  const bookingSteps = steps.filter(({ step }) => step.kind === 'rebook' || step.kind === 'flareup-checkin');

  it.each(bookingSteps)(
    '$name offers the booking link in both channels when the clinic has one, and says to call either way',
    ({ step }) => {
      const { email, sms } = step.template.en!;
      expect(email.split('\n\n')).toContain('{{bookingUrl}}');
      expect(renderTemplate(sms, TYPICAL)).toContain(`Book online: ${TYPICAL.bookingUrl}`);
      const withoutLink = renderTemplate(sms, { ...TYPICAL, bookingUrl: '' });
      expect(withoutLink).not.toMatch(/book online|https:/i);
      expect(withoutLink).toMatch(/call us at \+1 514 555 0100/i);
      expect(renderTemplate(email, { ...TYPICAL, bookingUrl: '' })).toMatch(/call us at \+1 514 555 0100/i);
    },
  );

  it('invites relaxation-massage patients back gently after about four weeks, unless they booked', () => {
    const cadence = DEFAULT_CADENCES['relaxation-massage'];
    expect(cadence.filter((step) => step.kind === 'rebook')).toEqual([
      expect.objectContaining({ anchor: 'appointment.completed', offset: 'P4W', condition: 'no-future-booking' }),
    ]);
    expect(cadence.some((step) => step.anchor.startsWith('plan.'))).toBe(false);
  });
});

describe('defaultCadence', () => {
  it('returns a deep copy the caller may change', () => {
    const copy = defaultCadence('medical-massage')!;
    expect(copy).toEqual(DEFAULT_CADENCES['medical-massage']);
    copy[0].template.fr!.sms = 'changed';
    copy.push({ ...copy[0], key: 'extra' });
    expect(DEFAULT_CADENCES['medical-massage'][0].template.fr!.sms).not.toBe('changed');
    expect(defaultCadence('medical-massage')).toEqual(DEFAULT_CADENCES['medical-massage']);
    expect(defaultCadence('medical-massage')).not.toBe(DEFAULT_CADENCES['medical-massage']);
  });

  it.each(['reflexology', '', 'toString', 'constructor', '__proto__', 'Medical-Massage'])('has no cadence for %j', (serviceType) => {
    expect(defaultCadence(serviceType)).toBeUndefined();
  });
});
