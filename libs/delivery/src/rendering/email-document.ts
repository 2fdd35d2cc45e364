import { fillMergeFields, LINK_MERGE_FIELDS, type MergeField, type MergeValues, namesUnsetOptionalField } from '@app/shared';

/**
 * An email as structure, so its plain-text and HTML parts come from one source and say the same
 * words: paragraphs (a blank line in the template starts one) and buttons (a line that is only a
 * link merge field such as `{{bookingUrl}}`).
 */
export type EmailBlock = { kind: 'paragraph'; lines: string[] } | { kind: 'button'; label: string; url: string };

export interface EmailBrand {
  clinicName: string;
  /** https only; the one remote resource an email may load. */
  logoUrl?: string | null;
  /** `#rrggbb`; the button's colour. */
  color?: string | null;
}

export interface EmailDocument {
  /** BCP 47 language of the text (`en`, `fr`): the HTML's `lang`. */
  lang: string;
  subject: string;
  blocks: EmailBlock[];
  /** Who sent it and why (clinic, address, contact): shown under the message. */
  footer: string[];
  /** Label of the unsubscribe link the channel adds. */
  unsubscribeLabel: string;
  brand: EmailBrand;
}

const LINK_LINE = /^\s*\{\{\s*([^{}]*?)\s*\}\}\s*$/;

/** Only an https address becomes a link: a value that is anything else is not shown at all. */
export function isHttpsUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads a plain-text template into blocks: blank lines separate paragraphs, a line that is only a
 * link field becomes a button labelled by `buttonLabel`, and a line naming an optional field the
 * clinic has not set is left out (as in the SMS), taking its paragraph with it when nothing is left.
 */
export function emailBlocks(template: string, values: Partial<MergeValues>, buttonLabel: (field: MergeField) => string): EmailBlock[] {
  const blocks: EmailBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  for (const line of template.split('\n')) {
    if (line.trim() === '') {
      endParagraph();
      continue;
    }
    if (namesUnsetOptionalField(line, values)) continue;
    const link = LINK_LINE.exec(line)?.[1] as MergeField | undefined;
    if (link && LINK_MERGE_FIELDS.includes(link)) {
      endParagraph();
      const url = values[link];
      if (isHttpsUrl(url)) blocks.push({ kind: 'button', label: buttonLabel(link), url });
      continue;
    }
    paragraph.push(fillMergeFields(line, values));
  }
  endParagraph();
  return blocks;
}

/**
 * The plain-text part: paragraphs, each button as "label: address", the footer, the unsubscribe
 * link. French puts a space before the colon ("libellé : adresse").
 */
export function emailText(document: EmailDocument, unsubscribeUrl?: string): string {
  const colon = document.lang === 'fr' ? ' : ' : ': ';
  const body = document.blocks.map((block) => (block.kind === 'paragraph' ? block.lines.join('\n') : `${block.label}${colon}${block.url}`));
  const footer = ['--', ...document.footer];
  if (unsubscribeUrl) footer.push(`${document.unsubscribeLabel}${colon}${unsubscribeUrl}`);
  return `${body.join('\n\n')}\n\n${footer.join('\n')}\n`;
}
