import fc from 'fast-check';
import { HOSTILE_NUMBERS, HOSTILE_STRINGS, hostileShape } from './hostile-corpus.js';

/** The part of an OpenAPI 3 schema the scheduler's document uses. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export type Components = Record<string, Schema>;

export function resolve(schema: Schema, components: Components): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) current = components[current.$ref.split('/').pop()!] ?? {};
  if (current.allOf) return Object.assign({}, ...current.allOf.map((part) => resolve(part, components)), { allOf: undefined });
  return current;
}

function validString(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc
        .date({ min: new Date('1850-01-01'), max: new Date('2150-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1850-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    default:
      break;
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 300) });
}

function validNumber(schema: Schema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000;
  const max = schema.maximum ?? 1_000;
  return schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
}

/**
 * Values for a schema: mostly what it describes (its example, its enum, values in its bounds), so
 * requests get past validation into the code behind it, and some of the time something hostile
 * in its place (wrong type, a string from the corpus, a shape no schema allows).
 */
export function arbitraryFor(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const hostile = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_NUMBERS), hostileShape);
  const valid = validFor(s, components, depth);
  const choices: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: valid, weight: 8 },
    { arbitrary: hostile, weight: 2 },
  ];
  if (s.example !== undefined) choices.push({ arbitrary: fc.constant(s.example), weight: 6 });
  if (s.nullable) choices.push({ arbitrary: fc.constant(null), weight: 1 });
  return fc.oneof(...choices);
}

function validFor(s: Schema, components: Components, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return fc.oneof(...variants.map((variant) => arbitraryFor(variant, components, depth + 1)));
  switch (s.type) {
    case 'string':
      return validString(s);
    case 'integer':
    case 'number':
      return validNumber(s);
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (depth > 6) return fc.constant([]);
      return fc.array(arbitraryFor(s.items ?? {}, components, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object':
    default:
      if (!s.properties)
        return s.type === 'object'
          ? fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }))
          : fc.jsonValue({ maxDepth: 2 });
      return objectFor(s, components, depth);
  }
}

function objectFor(s: Schema, components: Components, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(s.required ?? []);
  const fields = Object.fromEntries(
    Object.entries(s.properties ?? {}).map(([name, field]) => [name, arbitraryFor(field, components, depth + 1)]),
  );
  const record = fc.record(fields, { requiredKeys: [...required].filter((name) => name in fields) }) as fc.Arbitrary<
    Record<string, unknown>
  >;
  // Now and then a field nobody declared, or one the body should not carry at all.
  const extra = fc.option(
    fc.tuple(fc.constantFrom('diagnosis', '__proto__', 'constructor', 'isAdmin', 'id', 'clinicId', ''), fc.jsonValue({ maxDepth: 2 })),
    {
      freq: 6,
    },
  );
  return fc.tuple(record, extra).map(([value, more]) => {
    if (!more) return value;
    // defineProperty: a plain assignment to __proto__ would set the prototype instead of a key.
    Object.defineProperty(value, more[0], { value: more[1], enumerable: true, configurable: true, writable: true });
    return value;
  });
}
