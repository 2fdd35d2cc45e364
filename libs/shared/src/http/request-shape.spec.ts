import { MAX_JSON_DEPTH, pathHasNullCharacter, requestShapeErrors } from './request-shape.js';

describe('requestShapeErrors', () => {
  it('accepts ordinary bodies, queries and empty ones', () => {
    expect(requestShapeErrors({ firstName: 'Alex', consent: { email: true }, steps: [{ template: { sms: 'hi' } }] })).toEqual([]);
    expect(requestShapeErrors(undefined)).toEqual([]);
    expect(requestShapeErrors({})).toEqual([]);
  });

  it('names each field holding a null character, at any depth and in keys', () => {
    expect(
      requestShapeErrors({ lastName: 'N\u0000', steps: [{ key: 'a\u0000' }] })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['lastName', 'steps.0.key']);
    expect(requestShapeErrors({ 'a\u0000b': 1 })).toEqual([{ field: 'a\\u0000b', reason: 'must not contain the null character (U+0000)' }]);
    expect(requestShapeErrors('\u0000')).toEqual([{ field: 'body', reason: 'must not contain the null character (U+0000)' }]);
  });

  it('names each field holding half a surrogate pair, and keeps whole pairs (emoji)', () => {
    expect(requestShapeErrors({ email: '\udfff\ud800', name: 'a\ud800', ok: 'Zoé 😀' })).toEqual([
      { field: 'name', reason: 'must be well-formed Unicode text (no lone surrogate)' },
      { field: 'email', reason: 'must be well-formed Unicode text (no lone surrogate)' },
    ]);
  });

  it('refuses prototype keys like unknown fields, JSON.parse keeping them as own properties', () => {
    const body = JSON.parse('{"__proto__":{"x":1},"consent":{"constructor":{}},"list":[{"prototype":1}]}');
    expect(
      requestShapeErrors(body)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['__proto__', 'consent.constructor', 'list.0.prototype']);
  });

  it(`stops at ${MAX_JSON_DEPTH} levels without recursing, however deep the input`, () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(requestShapeErrors(deep)).toEqual([
      { field: expect.stringMatching(/^0(\.0)+$/), reason: `nests deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(requestShapeErrors(ok)).toEqual([]);
    expect(requestShapeErrors({ wrap: ok })).toHaveLength(1);
  });

  it('reports at most the limit of errors', () => {
    const body = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '\u0000']));
    expect(requestShapeErrors(body)).toHaveLength(20);
  });
});

describe('pathHasNullCharacter', () => {
  it('finds an encoded or raw null character', () => {
    expect(pathHasNullCharacter('/v1/cadences/ab%00')).toBe(true);
    expect(pathHasNullCharacter('/v1/cadences/ab\u0000')).toBe(true);
    expect(pathHasNullCharacter('/v1/cadences/medical-massage')).toBe(false);
  });
});
