import type { MergeValues } from '@app/shared';
import { htmlWords, remoteResources, textWords } from '../../../../test/support/email-words.js';
import { type EmailDocument, emailBlocks, emailText } from './email-document.js';
import { DEFAULT_BRAND_COLOR, emailHtml, emailHtmlUncached, renderEmail, textColorOn } from './email-html.js';

const values: Partial<MergeValues> = {
  firstName: 'Alex <b>bold</b>',
  clinicName: 'Riverside Massage & Acupuncture',
  clinicPhone: '(514) 555-0100',
  bookingUrl: 'https://book.riverside.test/online?ref=email&x="1"',
};

const TEMPLATE = [
  'Hi {{firstName}},',
  '',
  'Your next session is coming up soon.',
  'Keeping to your plan helps.',
  '',
  '{{bookingUrl}}',
  '',
  'Call us at {{clinicPhone}} or reply to this email.',
  'Or book here: {{bookingUrl}}',
].join('\n');

function documentFor(template: string, overrides: Partial<EmailDocument> = {}, mergeValues = values): EmailDocument {
  return {
    lang: 'en',
    subject: 'Time to book - Riverside Massage & Acupuncture',
    blocks: emailBlocks(template, mergeValues, () => 'Book your next visit'),
    footer: ['Riverside Massage & Acupuncture', '12 River Rd, Montreal QC', '(514) 555-0100 | care@riverside.test'],
    unsubscribeLabel: 'Unsubscribe from these emails',
    brand: { clinicName: 'Riverside Massage & Acupuncture', logoUrl: 'https://cdn.riverside.test/logo.png', color: '#7A1F5C' },
    ...overrides,
  };
}

const UNSUBSCRIBE = 'https://notifier.test/unsubscribe/abc.def';

describe('emailBlocks', () => {
  it('makes a paragraph of lines between blank lines and a button of a link field alone on its line', () => {
    expect(documentFor(TEMPLATE).blocks).toEqual([
      { kind: 'paragraph', lines: ['Hi Alex <b>bold</b>,'] },
      { kind: 'paragraph', lines: ['Your next session is coming up soon.', 'Keeping to your plan helps.'] },
      { kind: 'button', label: 'Book your next visit', url: values.bookingUrl },
      { kind: 'paragraph', lines: ['Call us at (514) 555-0100 or reply to this email.', `Or book here: ${values.bookingUrl}`] },
    ]);
  });

  it('leaves out the button and every line naming the booking link when the clinic has none', () => {
    const blocks = documentFor(TEMPLATE, {}, { ...values, bookingUrl: '' }).blocks;
    expect(blocks).toEqual([
      { kind: 'paragraph', lines: ['Hi Alex <b>bold</b>,'] },
      { kind: 'paragraph', lines: ['Your next session is coming up soon.', 'Keeping to your plan helps.'] },
      { kind: 'paragraph', lines: ['Call us at (514) 555-0100 or reply to this email.'] },
    ]);
  });

  it('never makes a button of an address that is not https', () => {
    const blocks = emailBlocks('{{bookingUrl}}', { bookingUrl: 'javascript:alert(1)' }, () => 'Book');
    expect(blocks).toEqual([]);
  });
});

describe('emailText', () => {
  it('shows a button as its label and address, then the footer and the unsubscribe link', () => {
    expect(emailText(documentFor('Hi {{firstName}},\n\n{{bookingUrl}}'), UNSUBSCRIBE)).toBe(
      [
        'Hi Alex <b>bold</b>,',
        '',
        `Book your next visit: ${values.bookingUrl}`,
        '',
        '--',
        'Riverside Massage & Acupuncture',
        '12 River Rd, Montreal QC',
        '(514) 555-0100 | care@riverside.test',
        `Unsubscribe from these emails: ${UNSUBSCRIBE}`,
        '',
      ].join('\n'),
    );
  });
});

describe('emailHtml', () => {
  let html: string;
  let text: string;
  beforeAll(async () => {
    ({ html, text } = await renderEmail(documentFor(TEMPLATE), UNSUBSCRIBE));
  });

  it('says the same words as the text part', () => {
    expect(htmlWords(html)).toEqual(textWords(text));
  });

  it('escapes what the clinic and the patient typed instead of running it as markup', () => {
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Alex &#60;b&#62;bold&#60;/b&#62;,');
    expect(html).toContain('href="https://book.riverside.test/online?ref=email&#38;x=&#34;1&#34;"');
  });

  it('loads nothing from elsewhere but the logo, which has the clinic name as alt text', () => {
    expect(remoteResources(html)).toEqual(['https://cdn.riverside.test/logo.png']);
    expect(html).toMatch(/<img[^>]*alt="Riverside Massage &#38; Acupuncture"/);
    expect(html).not.toMatch(/<img[^>]*(width|height)="1"/);
  });

  it('links to the booking page and the unsubscribe page', () => {
    expect(html).toContain(`href="${UNSUBSCRIBE}"`);
    expect(html).toMatch(/<a[^>]*href="https:\/\/book\.riverside\.test[^"]*"[^>]*>\s*Book your next visit\s*<\/a>/);
  });

  it('is one 600 px column that narrows on a phone, in the language of the text, ready for dark mode', () => {
    expect(html).toMatch(/<html[^>]*lang="en"/);
    expect(html).toContain('max-width:600px');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="color-scheme" content="light dark"');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(html).toContain('<title>Time to book - Riverside Massage &#38; Acupuncture</title>');
  });

  it('colours the button in the brand colour with readable text', () => {
    expect(html).toMatch(/bgcolor="#7a1f5c"/);
    expect(textColorOn('#7a1f5c')).toBe('#ffffff');
    expect(textColorOn('#ffd84d')).toBe('#111111');
  });

  it('falls back to its own colour for a colour that is not #rrggbb, and shows no logo that is not https', async () => {
    const plain = await emailHtml(
      documentFor(TEMPLATE, {
        lang: 'fr',
        brand: {
          clinicName: 'Riverside',
          logoUrl: 'http://cdn.riverside.test/logo.png',
          color: 'red;background:url(https://x.test/p.gif)',
        },
      }),
    );
    expect(plain).toMatch(/<html[^>]*lang="fr"/);
    expect(plain).toContain(`bgcolor="${DEFAULT_BRAND_COLOR}"`);
    expect(remoteResources(plain)).toEqual([]);
    expect(plain).not.toContain('<img');
  });
});

describe('emailHtml renders each step once and fills in each patient', () => {
  const patients: Partial<MergeValues>[] = [
    values,
    { ...values, firstName: 'Zoë & "Léa" <i>' },
    { ...values, firstName: '' },
    { ...values, firstName: 'ccslot0x 12x $& $1 </div>' },
    { ...values, bookingUrl: undefined, firstName: 'Sam' },
  ];

  it.each(patients.map((patient, i) => [i, patient] as const))(
    'gives patient %i exactly what MJML renders from the whole email',
    async (_, patient) => {
      const document = documentFor(TEMPLATE, {}, patient);
      for (const unsubscribe of [UNSUBSCRIBE, `${UNSUBSCRIBE}?p=<x>&y="1"`, undefined]) {
        expect(await emailHtml(document, unsubscribe)).toBe(await emailHtmlUncached(document, unsubscribe));
      }
    },
  );

  it('keeps one patient’s words out of the next one’s email', async () => {
    const first = await emailHtml(documentFor(TEMPLATE, {}, { ...values, firstName: 'Ana' }), UNSUBSCRIBE);
    const second = await emailHtml(documentFor(TEMPLATE, {}, { ...values, firstName: 'Ben' }), `${UNSUBSCRIBE}-ben`);
    expect(first).toContain('Hi Ana,');
    expect(second).toContain('Hi Ben,');
    expect(second).not.toContain('Ana');
    expect(second).toContain(`href="${UNSUBSCRIBE}-ben"`);
  });
});
