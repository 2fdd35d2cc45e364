import { LANGUAGES, measureSms } from '@app/shared';
import { parseReply } from './parse-reply.js';
import { REPLY_TEXTS } from './reply-texts.js';

// The clinic's number as a patient of its country writes it (the service formats it), and its booking page.
const parties = {
  clinicName: 'Clinique Riverside Massothérapie',
  contact: '(514) 555-0100',
  bookingUrl: 'https://riverside-massotherapie.example/reserver',
  firstName: 'Alexandra',
};
const withoutBooking = { ...parties, bookingUrl: null };
const when = { fr: { date: 'mercredi 25 novembre', time: '10 h 30' }, en: { date: 'Wednesday, November 25', time: '10:30 a.m.' } };

function everyAnswer(language: (typeof LANGUAGES)[number]): string[] {
  const texts = REPLY_TEXTS[language];
  return [
    texts.optedOut(parties.clinicName),
    texts.optedOut(undefined),
    texts.optedIn(parties.clinicName),
    texts.help(parties),
    texts.help(withoutBooking),
    texts.help(undefined),
    texts.checkinThanks(parties, true),
    texts.checkinThanks(withoutBooking, true),
    texts.checkinThanks(parties, false),
    texts.confirmed(parties.clinicName, when[language]),
  ];
}

describe('REPLY_TEXTS', () => {
  it.each(LANGUAGES)('keeps every %s answer in GSM-7 and within two segments', (language) => {
    for (const answer of everyAnswer(language)) {
      expect(measureSms(answer)).toMatchObject({ encoding: 'GSM-7' });
      expect(measureSms(answer).segments).toBeLessThanOrEqual(2);
    }
  });

  it('answers an opt-out in French and names the keyword that undoes it', () => {
    const answer = REPLY_TEXTS.fr.optedOut(parties.clinicName);
    expect(answer).toBe(
      'Clinique Riverside Massothérapie : Votre désabonnement est confirmé : vous ne recevrez plus de textos de notre part. Répondez ABONNER pour vous réabonner.',
    );
    expect(parseReply('ABONNER')).toMatchObject({ intent: 'opt-in', language: 'fr' });
  });

  it('helps in French, naming the clinic, its contact, the rates and how to stop', () => {
    const answer = REPLY_TEXTS.fr.help(parties);
    expect(answer).toContain('Clinique Riverside Massothérapie : rappels et suivis de soins');
    expect(answer).toContain('Questions : (514) 555-0100. Rendez-vous en ligne : https://riverside-massotherapie.example/reserver');
    expect(answer).toContain('Des frais de messagerie et de données peuvent');
    expect(answer).toContain('Répondez ARRET pour vous désabonner.');
    expect(parseReply('ARRET')).toMatchObject({ intent: 'opt-out', language: 'fr' });
  });

  it('offers the booking page in help and in a high-score check-in answer when the clinic has one, else the number to call', () => {
    expect(REPLY_TEXTS.en.help(parties)).toContain(
      'Questions: (514) 555-0100. Book online: https://riverside-massotherapie.example/reserver',
    );
    expect(REPLY_TEXTS.en.help(withoutBooking)).not.toContain('Book online');
    expect(REPLY_TEXTS.en.checkinThanks(parties, true)).toContain(
      'We would like to see you: call (514) 555-0100 or book online: https://riverside-massotherapie.example/reserver',
    );
    expect(REPLY_TEXTS.en.checkinThanks(withoutBooking, true)).toContain('call (514) 555-0100 to book a visit.');
    expect(REPLY_TEXTS.fr.checkinThanks(parties, true)).toContain(
      'appelez au (514) 555-0100 ou prenez rendez-vous en ligne : https://riverside-massotherapie.example/reserver',
    );
    expect(REPLY_TEXTS.fr.checkinThanks(withoutBooking, true)).toContain('appelez au (514) 555-0100 pour prendre rendez-vous.');
  });

  it('names no clinic to a number we do not know', () => {
    expect(REPLY_TEXTS.fr.optedOut(undefined)).toMatch(/^Votre désabonnement est confirmé/);
    expect(REPLY_TEXTS.fr.help(undefined)).toMatch(/^Rappels et suivis de soins de votre clinique\./);
  });

  it('confirms a visit with its French date', () => {
    expect(REPLY_TEXTS.fr.confirmed(parties.clinicName, when.fr)).toBe(
      'Clinique Riverside Massothérapie : Merci, votre rendez-vous du mercredi 25 novembre à 10 h 30 est confirmé.',
    );
  });

  it('thanks for a check-in score in French, asking to book when the score is high', () => {
    expect(REPLY_TEXTS.fr.checkinThanks(parties, true)).toContain('Merci, Alexandra. Nous aimerions vous voir');
    expect(REPLY_TEXTS.fr.checkinThanks(parties, false)).toContain('Merci, Alexandra. Si quelque chose change');
  });

  it('keeps the English answers as they were', () => {
    expect(REPLY_TEXTS.en.optedOut('Riverside')).toBe(
      'Riverside: You are unsubscribed and will receive no more texts from us. Reply START to resubscribe.',
    );
    expect(REPLY_TEXTS.en.help(undefined)).toBe(
      'Care reminders and check-ins from your clinic. Usually 1-4 texts per visit. Msg & data rates may apply. Reply STOP to opt out.',
    );
  });
});
