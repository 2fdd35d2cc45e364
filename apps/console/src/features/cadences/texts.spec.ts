import { describe, expect, it } from '@jest/globals';
import { textField, textsIn, withTexts } from './texts.js';

const english = { subject: 'After your visit', email: 'Drink water.', sms: 'Drink water.' };
const french = { subject: 'Après votre visite', email: "Buvez de l'eau.", sms: "Buvez de l'eau." };

describe("a step's texts per language", () => {
  it('reads the shape before languages as English, and no French', () => {
    expect(textsIn({ ...english }, 'en')).toEqual(english);
    expect(textsIn({ ...english }, 'fr')).toBeUndefined();
    expect(textField({ ...english }, 'en', 'sms')).toBe('template.sms');
  });

  it('keeps the shape before languages for an English edit', () => {
    expect(withTexts({ ...english }, 'en', { ...english, sms: 'Rest.' })).toEqual({ ...english, sms: 'Rest.' });
  });

  it('moves to the per-language shape when French texts are added', () => {
    expect(withTexts({ ...english }, 'fr', french)).toEqual({ en: english, fr: french });
    expect(textField({ en: english, fr: french }, 'fr', 'sms')).toBe('template.fr.sms');
  });

  it('edits one language of the per-language shape and leaves the other', () => {
    const edited = withTexts({ en: english, fr: french }, 'en', { ...english, subject: 'Hello' });
    expect(edited).toEqual({ en: { ...english, subject: 'Hello' }, fr: french });
    expect(textField(edited, 'en', 'subject')).toBe('template.en.subject');
  });
});
