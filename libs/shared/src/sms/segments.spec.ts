import { countSmsSegments, measureSms, SMS_OPT_OUT_HINTS, ucs2Characters } from './segments.js';

describe('measureSms', () => {
  it.each([
    ['', 'GSM-7', 0, 1],
    ['Riverside Massage: Hi Alex, thanks for coming in today.', 'GSM-7', 55, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // Extension-table characters count two septets each.
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(80) + 'a', 'GSM-7', 161, 2],
    ['[a]{b}~|^\\', 'GSM-7', 18, 1],
    // Accented letters in GSM-7 stay GSM-7; others switch the whole text to UCS-2.
    ['Café près de chez vous: à bientôt', 'UCS-2', 33, 1],
    ['é'.repeat(160), 'GSM-7', 160, 1],
    ['ê'.repeat(70), 'UCS-2', 70, 1],
    ['ê'.repeat(71), 'UCS-2', 71, 2],
    ['ê'.repeat(134), 'UCS-2', 134, 2],
    ['ê'.repeat(135), 'UCS-2', 135, 3],
    // An emoji is two UTF-16 units and forces UCS-2.
    ['Thanks! 😊', 'UCS-2', 10, 1],
    ['a'.repeat(68) + '😊', 'UCS-2', 70, 1],
    ['a'.repeat(69) + '😊', 'UCS-2', 71, 2],
  ] as const)('%j is %s, %i units, %i segment(s)', (body, encoding, units, segments) => {
    expect(measureSms(body)).toEqual({ encoding, units, segments });
    expect(countSmsSegments(body)).toBe(segments);
  });

  it('counts the clinic default aftercare text as two GSM-7 segments', () => {
    const text =
      "Riverside Massage: Hi Alexandra, thanks for coming in today. Drink plenty of water and keep moving gently with light stretching. Some soreness for a day or two is normal, like after exercise. If it gets worse or doesn't settle, call us at +15145550100.";
    expect(measureSms(text)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });

  it('never counts fewer segments when a character is appended', () => {
    const alphabet = ['a', '€', 'é', 'ê', '😊', ' '];
    let body = '';
    let previous = 1;
    for (let i = 0; i < 400; i++) {
      body += alphabet[(i * 7) % alphabet.length];
      const now = countSmsSegments(body);
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
  });
});

describe('ucs2Characters', () => {
  it('names each character that forces UCS-2 once, and none for GSM-7 French', () => {
    expect(ucs2Characters('Répondez à ce message, où que vous soyez. Élise')).toEqual([]);
    expect(ucs2Characters('À bientôt, ça va? Être prêt… 😊 ê')).toEqual(['À', 'ô', 'ç', 'Ê', 'ê', '…', '😊']);
  });

  it('keeps both opt-out hints in GSM-7', () => {
    for (const hint of Object.values(SMS_OPT_OUT_HINTS)) expect(measureSms(hint).encoding).toBe('GSM-7');
  });
});
