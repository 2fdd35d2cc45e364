// What a person reads in an email part, as a list of words, so a test can say that the HTML and
// the plain-text part of one email say the same thing. Links count by their label in HTML and by
// "label: address" in text, so addresses are left out of both.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole);
}

function words(text: string): string[] {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .split(/[^\p{L}\p{N}@.'’-]+/u)
    .map((word) => word.replace(/^[.'’-]+|[.'’-]+$/g, ''))
    .filter(Boolean);
}

/** The words of an HTML part's body as shown: no head, styles, comments or tag attributes. */
export function htmlWords(html: string): string[] {
  const body = html
    .replace(/<head[\s\S]*?<\/head>/i, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return words(decodeEntities(body));
}

/** The words of a plain-text part. */
export function textWords(text: string): string[] {
  return words(text);
}

/**
 * The addresses of every resource the HTML would load when opened (images, stylesheets, fonts,
 * backgrounds), as opposed to links the reader may follow.
 */
export function remoteResources(html: string): string[] {
  const found = new Set<string>();
  for (const pattern of [
    /<(?:img|script|iframe|source|video|audio|embed)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi,
    /<link\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)/gi,
    /\bbackground\s*=\s*["']?([^"'\s>]+)/gi,
    /url\(\s*["']?([^"')]+)/gi,
    /@import\s+["']([^"']+)/gi,
  ]) {
    for (const match of html.matchAll(pattern)) found.add(decodeEntities(match[1]));
  }
  return [...found];
}
