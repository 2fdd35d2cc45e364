import fc from 'fast-check';

/** Strings that have broken web APIs before: encodings, lengths, dates, durations, injections. */
export const HOSTILE_STRINGS: string[] = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'N\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\u200B',
  '\uFEFF{}',
  '😀'.repeat(50),
  'x'.repeat(5_000),
  'é'.repeat(70_000),
  "' OR 1=1 --",
  '"; drop table patients; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%ZZ',
  '{{constructor}}',
  '{{firstName',
  '{{#each}}',
  '$1',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'true',
  '0000-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-02-30T10:00:00Z',
  '2026-11-23T10:00:00+99:99',
  '275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  'P99999999999999999999D',
  'PT99999999999999999999H',
  'P100000Y',
  '-P',
  'PT',
  'P1.5D',
  'UTC+5',
  'Etc/Unknown',
  '../UTC',
  '+99999999999',
  '+1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  '25:61',
  '99:99',
  'a@b',
  '@',
  'a'.repeat(64) + '@' + 'b'.repeat(250) + '.test',
];

export const HOSTILE_NUMBERS: number[] = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

function nested(depth: number, leaf: unknown, array: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

/** Shapes no schema allows: wrong containers, nesting far past any DTO, prototype keys. */
export const hostileShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, [[[]]], [null], { '': '' }),
  fc.constant(JSON.parse('{"__proto__":{"isAdmin":true}}')),
  fc.constant(JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}')),
  fc.integer({ min: 30, max: 3_000 }).map((depth) => nested(depth, 1, false)),
  fc.integer({ min: 30, max: 3_000 }).map((depth) => nested(depth, [], true)),
  fc.constant(Array.from({ length: 5_000 }, (_, i) => i)),
  fc.jsonValue({ maxDepth: 4 }),
);

/** Raw bodies that are not the JSON a client library would send. */
export const HOSTILE_RAW_BODIES: { body: string | Buffer; contentType?: string; headers?: Record<string, string> }[] = [
  { body: '', contentType: 'application/json' },
  { body: '{', contentType: 'application/json' },
  { body: '{"a":1,}', contentType: 'application/json' },
  { body: 'null', contentType: 'application/json' },
  { body: '"text"', contentType: 'application/json' },
  { body: '12', contentType: 'application/json' },
  { body: '[]', contentType: 'application/json' },
  { body: '\uFEFF{}', contentType: 'application/json' },
  { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: 'application/json' },
  { body: '{"a":"\\ud800"}', contentType: 'application/json' },
  { body: '{"a":1}', contentType: 'application/json; charset=latin1' },
  { body: '{"a":1}', contentType: 'application/json', headers: { 'content-encoding': 'gzip' } },
  { body: '{"a":1}', contentType: 'text/plain' },
  { body: 'a[b][c][d][e][f][g]=1&a[b]=2&x=%00', contentType: 'application/x-www-form-urlencoded' },
  { body: 'firstName=Alex&consent[email]=true', contentType: 'application/x-www-form-urlencoded' },
  { body: '<xml/>', contentType: 'application/xml' },
  { body: `{"a":"${'x'.repeat(3_000_000)}"}`, contentType: 'application/json' },
  { body: `${'['.repeat(2_000)}${']'.repeat(2_000)}`, contentType: 'application/json' },
  { body: `{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`, contentType: 'application/json' },
];

/** Path segments that are not ids. */
export const HOSTILE_SEGMENTS: string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  '%ZZ',
  '..',
  '%2e%2e%2f',
  encodeURIComponent('\u0000'),
  encodeURIComponent('😀'),
  'a'.repeat(3_000),
  encodeURIComponent("' OR 1=1 --"),
  'MEDICAL-MASSAGE',
  '-',
];
