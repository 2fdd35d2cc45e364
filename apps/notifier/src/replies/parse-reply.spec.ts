import { parseReply } from './parse-reply.js';

describe('parseReply', () => {
  const optOut = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'CANCEL'];
  const variants = (word: string) => [word, word.toLowerCase(), ` ${word} `, `${word[0]}${word.slice(1).toLowerCase()}`, `${word}.`, `${word}!`, `\t${word}\n`];

  it.each(optOut.flatMap(variants))('%j is an opt-out', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-out' });
  });

  it.each(['opt out', 'Opt Out', 'stop all', 'S T O P', 'un subscribe'])('%j is an opt-out (spaces ignored)', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-out' });
  });

  it('never reads CANCEL as anything but an opt-out', () => {
    for (const text of ['cancel', 'CANCEL', ' Cancel. ']) expect(parseReply(text).intent).toBe('opt-out');
  });

  it.each(['START', 'UNSTOP'].flatMap(variants))('%j restores consent', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'opt-in' });
  });

  it.each(['HELP', 'INFO'].flatMap(variants))('%j asks for help', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'help' });
  });

  it.each(['YES', 'Y', 'C'].flatMap(variants))('%j confirms', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'confirm' });
  });

  it.each([1, 2, 3, 4, 5].flatMap((n) => [`${n}`, ` ${n} `, `${n}.`]))('%j is a check-in score', (text) => {
    expect(parseReply(text)).toEqual({ intent: 'checkin-score', score: Number(text.trim().replace('.', '')) });
  });

  it.each(['0', '6', '10', '3/5', '2 or 3', 'please stop by', 'stop it', 'yes please', 'cancel my appointment', '', '   ', '😊', 'Thanks!', 'STOPP', 'NO'])(
    '%j is unrecognised',
    (text) => {
      expect(parseReply(text)).toEqual({ intent: 'unrecognised' });
    },
  );
});
