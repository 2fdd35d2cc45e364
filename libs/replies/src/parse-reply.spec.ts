import { parseReply } from './parse-reply.js';

describe('parseReply', () => {
  const optOut = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL'];
  const variants = (word: string) => [
    word,
    word.toLowerCase(),
    ` ${word} `,
    `${word[0]}${word.slice(1).toLowerCase()}`,
    `${word}.`,
    `${word}!`,
    `\t${word}\n`,
  ];

  it.each(optOut.flatMap(variants))('%j is an opt-out', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-out', language: 'en' });
  });

  it.each(['opt out', 'Opt Out', 'stop all', 'S T O P', 'un subscribe'])('%j is an opt-out (spaces ignored)', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-out', language: 'en' });
  });

  it('never reads CANCEL as anything but an opt-out', () => {
    for (const text of ['cancel', 'CANCEL', ' Cancel. ']) expect(parseReply(text).intent).toBe('opt-out');
  });

  it.each(['START', 'UNSTOP'].flatMap(variants))('%j restores consent', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-in', language: 'en' });
  });

  it.each(['HELP', 'INFO'].flatMap(variants))('%j asks for help', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'help', language: 'en' });
  });

  it.each(['YES', 'Y', 'C'].flatMap(variants))('%j confirms', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'confirm', language: 'en' });
  });

  describe('in French', () => {
    it.each([...['ARRÊT', 'ARRET', 'ARRÊTER', 'DÉSABONNER'].flatMap(variants), 'arrêt', 'Arret', 'ArRêT', 'désabonner', 'ARRE\u0302T'])(
      '%j is an opt-out in French',
      (text) => {
        expect(parseReply(text)).toEqual({ intent: 'opt-out', language: 'fr' });
      },
    );

    it.each(['ABONNER', 'RÉABONNER', 'Réabonner', 'abonner'].flatMap(variants))('%j restores consent, in French', (text) => {
      expect(parseReply(text)).toEqual({ intent: 'opt-in', language: 'fr' });
    });

    it.each(['AIDE', 'Aide', 'aide?'].flatMap(variants))('%j asks for help in French', (text) => {
      expect(parseReply(text)).toEqual({ intent: 'help', language: 'fr' });
    });

    it.each(['OUI', 'oui', 'Oui!'].flatMap(variants))('%j confirms in French', (text) => {
      expect(parseReply(text)).toEqual({ intent: 'confirm', language: 'fr' });
    });

    it.each(['arrêtez de m’écrire', 'oui merci', 'à l’aide', 'NON', 'Merci!', 'arrêt de bus'])('%j is unrecognised', (text) => {
      expect(parseReply(text)).toEqual({ intent: 'unrecognised' });
    });
  });

  it.each([1, 2, 3, 4, 5].flatMap((n) => [`${n}`, ` ${n} `, `${n}.`]))('%j is a check-in score', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'checkin-score', score: Number(text.trim().replace('.', '')) });
  });

  it.each([
    '0',
    '6',
    '10',
    '3/5',
    '2 or 3',
    'please stop by',
    'stop it',
    'yes please',
    'cancel my appointment',
    '',
    '   ',
    '😊',
    'Thanks!',
    'STOPP',
    'NO',
  ])('%j is unrecognised', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'unrecognised' });
  });
});
