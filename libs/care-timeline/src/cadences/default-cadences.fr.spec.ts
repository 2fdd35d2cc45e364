import { BUILT_IN_SERVICE_TYPES, measureSms, renderTemplate, ucs2Characters, unknownMergeFields } from '@app/shared';
import { DEFAULT_CADENCES } from './default-cadences.js';
import { FRENCH_TEXTS } from './default-cadences.fr.js';
import { typicalMergeValues, typicalSms } from './sms-length.js';

/** A long clinic name, as in the English spec: the length check is not flattered by short names. */
const clinic = { name: 'Riverside Massage & Acupuncture', phone: '+15145550100', email: 'front-desk@riverside.test' };

/** The default SMS_SEGMENT_LIMIT. */
const SEGMENT_LIMIT = 2;

/** Words that would reveal a diagnosis, condition or clinical note on a lock screen or in an inbox. */
const CLINICAL_WORDS = [
  'diagnostic',
  'diagnostiqué',
  'douleur',
  'douleurs',
  'douloureux',
  'blessure',
  'blessures',
  'blessé',
  'chirurgie',
  'opération',
  'entorse',
  'foulure',
  'inflammation',
  'tendinite',
  'fracture',
  'hernie',
  'chronique',
  'migraine',
  'migraines',
  'céphalée',
  'arthrite',
  'arthrose',
  'sciatique',
  'fibromyalgie',
  'scoliose',
  'grossesse',
  'enceinte',
  'anxiété',
  'dépression',
  'stress',
  'poussée',
  'état',
];
/** Allowed in SMS aftercare advice ("des courbatures pendant un jour ou deux"), not in a subject line. */
const SUBJECT_ONLY_WORDS = ['courbature', 'courbatures', 'sensibilité', 'sensible', 'symptôme', 'symptômes', 'mal', 'fatigue'];

// \b does not know that é is a letter; these boundaries do.
function clinicalWords(text: string, words: string[]): string[] {
  return words.filter((word) => new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(text));
}

const steps = BUILT_IN_SERVICE_TYPES.flatMap((serviceType) =>
  Object.entries(FRENCH_TEXTS[serviceType]).map(([key, texts]) => ({ name: `${serviceType} / ${key}`, serviceType, key, texts })),
);

describe('FRENCH_TEXTS', () => {
  it.each(BUILT_IN_SERVICE_TYPES)('has a French text for each step of %s, and no other', (serviceType) => {
    expect(Object.keys(FRENCH_TEXTS[serviceType]).sort()).toEqual(DEFAULT_CADENCES[serviceType].map((step) => step.key).sort());
  });

  describe.each(steps)('$name', ({ texts }) => {
    const { subject, email, sms } = texts;

    it('names only known merge fields, the same ones as the English text', () => {
      for (const text of [subject, email, sms]) expect(unknownMergeFields(text)).toEqual([]);
    });

    it('starts the SMS by naming the clinic and greets by first name', () => {
      expect(sms.startsWith('{{clinicName}} : Bonjour {{firstName}},')).toBe(true);
      expect(sms).toContain('{{clinicPhone}}');
    });

    it('keeps clinical words out of the subject and the SMS', () => {
      expect(clinicalWords(subject, [...CLINICAL_WORDS, ...SUBJECT_ONLY_WORDS])).toEqual([]);
      expect(clinicalWords(sms, CLINICAL_WORDS)).toEqual([]);
      expect(subject).toContain('{{clinicName}}');
    });

    it('writes an email that greets, advises seeking care when needed and signs off with the clinic', () => {
      expect(email.startsWith('Bonjour {{firstName}},')).toBe(true);
      expect(email).toMatch(/consultez un médecin sans attendre/);
      expect(email.trimEnd().endsWith('Cordialement,\n{{clinicName}}\n{{clinicPhone}}')).toBe(true);
      expect(email.split('\n\n').length).toBeGreaterThanOrEqual(3);
    });

    it('leaves the opt-out line to the notifier', () => {
      for (const text of [email, sms]) expect(text).not.toMatch(/\bSTOP\b|\bARR[EÊ]T\b|désabonn/i);
    });
  });
});

/**
 * What each default French SMS costs, sent as the notifier sends it: typical names and a long date,
 * the clinic named, the French opt-out hint a first text carries.
 */
describe('segments of the default French SMS texts', () => {
  const rows = steps.map(({ name, texts }) => ({ name, ...typicalSms(texts.sms, clinic, 'fr'), ucs2: ucs2Characters(texts.sms) }));

  it.each(rows)('$name: $encoding, $units units, $segments segment(s)', ({ encoding, segments, ucs2 }) => {
    expect(ucs2).toEqual([]);
    expect(encoding).toBe('GSM-7');
    expect(segments).toBeLessThanOrEqual(SEGMENT_LIMIT);
  });

  it('would not fit in UCS-2, which a single ê or ç would force', () => {
    const aftercare = FRENCH_TEXTS['medical-massage'].aftercare.sms;
    const withCedilla = aftercare.replace("c'est normal", 'ça arrive');
    expect(ucs2Characters(withCedilla)).toEqual(['ç']);
    expect(typicalSms(withCedilla, clinic, 'fr')).toMatchObject({ encoding: 'UCS-2' });
    expect(typicalSms(withCedilla, clinic, 'fr').segments).toBeGreaterThan(SEGMENT_LIMIT);
  });

  it('keeps the French opt-out hint in GSM-7 too', () => {
    expect(measureSms('Répondez ARRET pour vous désabonner').encoding).toBe('GSM-7');
  });
});

describe('the advice in the French defaults', () => {
  it('gives every aftercare SMS hydration advice and the clinic name', () => {
    for (const serviceType of BUILT_IN_SERVICE_TYPES) {
      const { sms } = FRENCH_TEXTS[serviceType].aftercare;
      expect(sms).toMatch(/beaucoup d'eau/);
      expect(sms).toMatch(/bougez doucement|reposer/);
      expect(sms).toMatch(/appelez-nous au \{\{clinicPhone\}\}/);
    }
  });

  it('asks for a score from 1 to 5 in the soreness check-in, as the reply parser reads it', () => {
    expect(FRENCH_TEXTS['medical-massage']['soreness-checkin'].sms).toMatch(/1 \(aucune courbature\) à 5 \(beaucoup plus mal\)/);
  });

  it('says that massage never replaces medical care after a medical massage', () => {
    expect(FRENCH_TEXTS['medical-massage'].aftercare.email).toMatch(/ne remplace jamais les soins médicaux/);
  });

  it.each(steps.filter(({ key }) => /rebook|flareup/.test(key)))(
    '$name offers the booking link in both channels when the clinic has one, and says to call either way',
    ({ texts }) => {
      expect(texts.email.split('\n\n')).toContain('{{bookingUrl}}');
      const values = { ...typicalMergeValues(clinic, 'fr'), bookingUrl: 'https://book.example.com/riverside' };
      expect(renderTemplate(texts.sms, values)).toMatch(/\nRéservez en ligne : https:\/\/book\.example\.com\/riverside$/);
      const withoutLink = renderTemplate(texts.sms, { ...values, bookingUrl: '' });
      expect(withoutLink).not.toMatch(/en ligne|https:/);
      expect(withoutLink).toMatch(/appelez-nous au /i);
    },
  );

  it('tells a patient whose problem came back after a plan to call for a time', () => {
    for (const key of ['flareup-checkin-3w', 'flareup-checkin-3m']) {
      expect(FRENCH_TEXTS.physiotherapy[key].sms).toMatch(/revenu.*trouverons un moment/);
    }
  });
});
