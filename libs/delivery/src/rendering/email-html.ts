import type { Logger } from '@nestjs/common';
import type { EmailBlock, EmailDocument } from './email-document.js';
import { emailText, isHttpsUrl } from './email-document.js';

/** Used when the clinic has not chosen a brand colour: a calm teal with white text (contrast 5.9:1). */
export const DEFAULT_BRAND_COLOR = '#1f6f78';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

// System fonts only: MJML's default web font would be a remote stylesheet (a request the patient
// did not ask for), and the fonts the phone already has read best on it.
const FONT_STACK = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** Everything a patient or a clinic typed is text, never markup: escaped for element content and attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better on the button's colour (higher WCAG contrast). */
export function textColorOn(background: string): '#ffffff' | '#111111' {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / (luminance('#111111') + 0.05);
  return onWhite >= onBlack ? '#ffffff' : '#111111';
}

function block(content: EmailBlock, color: string): string {
  if (content.kind === 'paragraph') {
    return `<mj-text css-class="cc-text">${content.lines.map(escapeHtml).join('<br />')}</mj-text>`;
  }
  return (
    `<mj-button href="${escapeHtml(content.url)}" background-color="${color}" color="${textColorOn(color)}" ` +
    `css-class="cc-button">${escapeHtml(content.label)}</mj-button>`
  );
}

/**
 * The MJML source of a patient email: one 600 px column that narrows on a phone, the clinic's logo
 * (alt text: the clinic's name) when set, the message, the footer and the unsubscribe link. Colours
 * switch under `prefers-color-scheme: dark`; the button keeps the brand colour in both.
 */
export function emailMjml(document: EmailDocument, unsubscribeUrl?: string): string {
  const color = document.brand.color && HEX_COLOR.test(document.brand.color) ? document.brand.color.toLowerCase() : DEFAULT_BRAND_COLOR;
  const logo = isHttpsUrl(document.brand.logoUrl)
    ? `<mj-image src="${escapeHtml(document.brand.logoUrl)}" alt="${escapeHtml(document.brand.clinicName)}" width="160px" align="left" padding="0 24px 24px" />`
    : '';
  const footer = document.footer.map(escapeHtml);
  if (unsubscribeUrl) footer.push(`<a href="${escapeHtml(unsubscribeUrl)}" class="cc-muted">${escapeHtml(document.unsubscribeLabel)}</a>`);
  return `<mjml lang="${escapeHtml(document.lang)}">
  <mj-head>
    <mj-title>${escapeHtml(document.subject)}</mj-title>
    <mj-raw><meta name="color-scheme" content="light dark" /><meta name="supported-color-schemes" content="light dark" /></mj-raw>
    <mj-attributes>
      <mj-all font-family="${FONT_STACK}" />
      <mj-text font-size="16px" line-height="1.5" color="#1f2328" padding="0 24px 16px" />
      <mj-button font-size="16px" font-weight="600" border-radius="6px" inner-padding="12px 24px" padding="8px 24px 24px" align="left" />
    </mj-attributes>
    <mj-style>
      :root { color-scheme: light dark; supported-color-schemes: light dark; }
      .cc-muted { color: #57606a; }
      @media (prefers-color-scheme: dark) {
        body, .cc-page { background-color: #0d1117 !important; }
        .cc-card, .cc-card > table { background-color: #161b22 !important; }
        .cc-text div { color: #e6edf3 !important; }
        .cc-footer div, .cc-footer a, .cc-muted { color: #9198a1 !important; }
      }
    </mj-style>
  </mj-head>
  <mj-body width="600px" background-color="#f4f5f7" css-class="cc-page">
    <mj-section background-color="#ffffff" css-class="cc-card" padding="24px 0 8px" border-top="4px solid ${color}">
      <mj-column>
        ${logo}
        ${document.blocks.map((content) => block(content, color)).join('\n        ')}
        <mj-divider border-width="1px" border-color="#d0d7de" padding="8px 24px 16px" />
        <mj-text css-class="cc-footer" font-size="13px" line-height="1.5" color="#57606a">${footer.join('<br />')}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/** MJML and its dependencies take about as long to load as Nest itself: loaded with the first email, not at start. */
let mjml: Promise<typeof import('mjml')> | undefined;

function loadMjml(): Promise<typeof import('mjml')> {
  mjml ??= import('mjml').then((module) => module.default);
  return mjml;
}

/**
 * The HTML part as MJML renders it from the whole source, without slots: what `emailHtml` must
 * equal. `fonts: {}` keeps MJML from linking its default web font.
 */
export async function emailHtmlUncached(document: EmailDocument, unsubscribeUrl?: string): Promise<string> {
  const mjml2html = await loadMjml();
  const result = await mjml2html(emailMjml(document, unsubscribeUrl), { validationLevel: 'strict', fonts: {}, keepComments: false });
  return result.html;
}

// A slot stands for one paragraph line, or the unsubscribe link, in the HTML MJML renders once:
// letters and digits only, so neither escaping nor MJML changes it, and a nonce per process, so no
// text a clinic or patient typed can look like one.
const SLOT_NONCE = Math.random().toString(36).slice(2, 10);
const slot = (name: string) => `ccslot${SLOT_NONCE}${name}x`;
const SLOTS = new RegExp(`ccslot${SLOT_NONCE}(\\w+?)x`, 'g');
const UNSUBSCRIBE_SLOT = slot('unsubscribe');

/** Rendered skeletons by their MJML source; the oldest is dropped past the bound. */
const skeletons = new Map<string, Promise<string>>();
const MAX_SKELETONS = 500;

/**
 * The HTML part. MJML takes about 2.5 ms an email, most of a send's work, and what it makes of a
 * step's email is the same for every patient but for the paragraphs' lines (a first name, a date)
 * and the unsubscribe link: it renders the email once with a slot for each of those, and each send
 * puts its own escaped words into the slots, exactly where MJML would have put them.
 */
export async function emailHtml(document: EmailDocument, unsubscribeUrl?: string): Promise<string> {
  const values: string[] = [];
  const fill = (value: string) => slot(String(values.push(escapeHtml(value)) - 1));
  const skeleton: EmailDocument = {
    ...document,
    blocks: document.blocks.map((content) => (content.kind === 'paragraph' ? { ...content, lines: content.lines.map(fill) } : content)),
  };
  const unsubscribeSlot = unsubscribeUrl ? UNSUBSCRIBE_SLOT : undefined;
  const source = emailMjml(skeleton, unsubscribeSlot);
  let html = skeletons.get(source);
  if (!html) {
    html = emailHtmlUncached(skeleton, unsubscribeSlot);
    // A failed render is not kept: the next send tries again.
    html.catch(() => skeletons.delete(source));
    skeletons.set(source, html);
    if (skeletons.size > MAX_SKELETONS) skeletons.delete(skeletons.keys().next().value!);
  }
  const escapedUnsubscribe = unsubscribeUrl ? escapeHtml(unsubscribeUrl) : '';
  return (await html).replace(SLOTS, (_, name: string) => (name === 'unsubscribe' ? escapedUnsubscribe : values[Number(name)]));
}

/** Both parts of a patient email, from one document. */
export async function renderEmail(document: EmailDocument, unsubscribeUrl?: string): Promise<{ text: string; html: string }> {
  return { text: emailText(document, unsubscribeUrl), html: await emailHtml(document, unsubscribeUrl) };
}

/**
 * Loads MJML and renders a one-paragraph email once, so the first preview staff open (or the first
 * email sent) does not wait for MJML to load. Started after start-up, never awaited by a request.
 */
export function warmUpEmailRendererSoon(logger: Pick<Logger, 'warn'>): void {
  setTimeout(() => {
    warmUpEmailRenderer().catch((error: unknown) =>
      logger.warn(`email renderer warm-up failed: ${error instanceof Error ? error.name : 'unknown error'}`),
    );
  }, 0).unref();
}

async function warmUpEmailRenderer(): Promise<void> {
  await emailHtml({
    lang: 'en',
    subject: 'Warm-up',
    blocks: [{ kind: 'paragraph', lines: ['Warm-up'] }],
    footer: [],
    unsubscribeLabel: 'Unsubscribe',
    brand: { clinicName: 'Warm-up' },
  });
}
