import { optOutHintDue, withOptOutHint } from './opt-out-hint.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe('optOutHintDue', () => {
  it('is due on the first text to a number', () => {
    expect(optOutHintDue(undefined, NOW)).toBe(true);
  });

  it('is not repeated within a month', () => {
    for (const days of [0, 1, 7, 29, 29.99]) expect(optOutHintDue(daysAgo(days), NOW)).toBe(false);
  });

  it('is due again once 30 days have passed', () => {
    for (const days of [30, 31, 365]) expect(optOutHintDue(daysAgo(days), NOW)).toBe(true);
  });

  it('ends the text on a line of its own', () => {
    expect(withOptOutHint('Riverside Massage: see you soon.', 'en')).toBe('Riverside Massage: see you soon.\nReply STOP to opt out');
    expect(withOptOutHint('Riverside Massage : à demain.', 'fr')).toBe(
      'Riverside Massage : à demain.\nRépondez ARRET pour vous désabonner',
    );
  });
});
