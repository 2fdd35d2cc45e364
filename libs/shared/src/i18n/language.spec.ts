import { availableLanguage, formattingLocale, languageOfLocale, patientLanguage } from './language.js';

describe('languageOfLocale', () => {
  it.each([
    ['fr-CA', 'fr'],
    ['fr', 'fr'],
    ['FR_ca', 'fr'],
    [' fr-CA ', 'fr'],
    ['en', 'en'],
    ['en-CA', 'en'],
    ['en-US', 'en'],
  ])('reads %j as %s', (locale, language) => {
    expect(languageOfLocale(locale)).toBe(language);
  });

  it.each([null, undefined, '', 'es-MX', 'frr', 'de'])('knows no language we write in for %j', (locale) => {
    expect(languageOfLocale(locale)).toBeUndefined();
  });
});

describe('patientLanguage', () => {
  it("takes the patient's locale first", () => {
    expect(patientLanguage({ patientLocale: 'fr-CA', clinicLocale: 'en-CA' })).toBe('fr');
    expect(patientLanguage({ patientLocale: 'en', clinicLocale: 'fr-CA' })).toBe('en');
  });

  it("takes the clinic's default for a patient without a locale, or with one we do not write in", () => {
    expect(patientLanguage({ patientLocale: null, clinicLocale: 'fr-CA' })).toBe('fr');
    expect(patientLanguage({ patientLocale: 'es-MX', clinicLocale: 'fr' })).toBe('fr');
  });

  it('writes in English when neither says', () => {
    expect(patientLanguage({})).toBe('en');
    expect(patientLanguage({ patientLocale: 'es', clinicLocale: null })).toBe('en');
  });
});

describe('availableLanguage', () => {
  it('gives the wanted language when the text has it', () => {
    expect(availableLanguage(['en', 'fr'], 'fr', 'en-CA')).toBe('fr');
  });

  it("falls back to the clinic's default language, then English, then whatever the text has", () => {
    expect(availableLanguage(['en'], 'fr', 'en-CA')).toBe('en');
    expect(availableLanguage(['en'], 'fr', 'fr-CA')).toBe('en');
    expect(availableLanguage(['fr'], 'en', 'fr-CA')).toBe('fr');
    expect(availableLanguage(['fr'], 'en', 'en-CA')).toBe('fr');
    expect(availableLanguage(['fr'], 'en', undefined)).toBe('fr');
  });

  it('has nothing to give for a text in no language', () => {
    expect(availableLanguage([], 'fr', 'fr-CA')).toBeUndefined();
  });
});

describe('formattingLocale', () => {
  it("keeps the patient's region when the message is in their language", () => {
    expect(formattingLocale('en', { patientLocale: 'en-US', clinicLocale: 'fr-CA' })).toBe('en-US');
    expect(formattingLocale('fr', { patientLocale: 'fr_CA' })).toBe('fr-CA');
  });

  it("uses the clinic's tag, else the Canadian one, when the patient's is another language", () => {
    expect(formattingLocale('fr', { patientLocale: 'es-MX', clinicLocale: 'fr-FR' })).toBe('fr-FR');
    expect(formattingLocale('fr', { patientLocale: 'en-CA', clinicLocale: 'en-CA' })).toBe('fr-CA');
    expect(formattingLocale('en', {})).toBe('en-CA');
  });

  it('passes over a tag Intl cannot read instead of failing on it', () => {
    expect(formattingLocale('en', { patientLocale: 'en-12' })).toBe('en-CA');
  });
});
