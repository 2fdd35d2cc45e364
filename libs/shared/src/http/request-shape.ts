import { BadRequestException } from '@nestjs/common';

/** One bad part of a request: the field (dotted path, `steps.0.offset`) and what is wrong with it. */
export interface FieldError {
  field: string;
  reason: string;
}

/** A 400 naming each bad field: `{statusCode, error, message: ["field reason"], errors: [{field, reason}]}`. */
export function badRequest(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: errors.map((e) => `${e.field} ${e.reason}`),
    errors,
  });
}

/**
 * Deepest nesting a JSON body may have. The deepest valid body today is a cadence
 * (`steps[].template.sms`, 4 levels); the margin is for fields still to come. Anything deeper is
 * refused before class-transformer and class-validator, which recurse, can overflow the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that name an object's prototype machinery. JSON.parse keeps them as plain own properties,
 * but class-transformer and spread-copies treat them specially, so the whitelist never sees them:
 * they are refused here like any other field a DTO does not declare.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const NULL_CHARACTER = '\u0000';

// Half of a surrogate pair without the other half: not text. PostgreSQL would store U+FFFD instead,
// and validators that percent-decode (isEmail) throw on it (found by the API fuzzer: a 500).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textError(text: string): string | undefined {
  if (text.includes(NULL_CHARACTER)) return 'must not contain the null character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text (no lone surrogate)';
  return undefined;
}

/**
 * What no endpoint accepts in a body or a query, whatever its DTO says: the null character (no
 * PostgreSQL text or jsonb column can hold it), lone surrogates, prototype keys, and nesting deeper than
 * `MAX_JSON_DEPTH`. Walks iteratively, so the check itself cannot overflow the stack.
 * Returns one error per bad field (the first one met for each), at most `limit`.
 */
export function requestShapeErrors(value: unknown, prefix = '', limit = 20): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: prefix, depth: 0 }];
  while (pending.length > 0 && errors.length < limit) {
    const { value: node, path, depth } = pending.pop()!;
    if (typeof node === 'string') {
      const reason = textError(node);
      if (reason) errors.push({ field: path || 'body', reason });
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push({ field: path || 'body', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    for (const key of Object.keys(node)) {
      const field = path ? `${path}.${key}` : key;
      const keyReason = textError(key);
      if (keyReason) {
        errors.push({
          field: field.replaceAll(NULL_CHARACTER, '\\u0000').replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD'),
          reason: keyReason,
        });
      } else if (PROTOTYPE_KEYS.has(key) && !Array.isArray(node)) {
        errors.push({ field, reason: `property ${key} should not exist` });
      } else {
        pending.push({ value: (node as Record<string, unknown>)[key], path: field, depth: depth + 1 });
      }
    }
  }
  return errors;
}

/** A request path with a null character in it (`%00`), which no route or id can contain. */
export function pathHasNullCharacter(path: string): boolean {
  return /%00/i.test(path) || path.includes(NULL_CHARACTER);
}
