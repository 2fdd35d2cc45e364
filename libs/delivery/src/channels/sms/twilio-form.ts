import { badRequest, type FieldError } from '@app/shared';

/**
 * The fields a Twilio webhook needs from its form, each a single string. A signed request can
 * still be empty (the signature covers "no parameters") or repeat a field: both are a 400 naming
 * the field, never a crash on a missing body. `oneOf` groups need at least one of their fields.
 */
export function twilioForm<K extends string>(
  body: unknown,
  fields: { required: readonly K[]; optional?: readonly K[]; oneOf?: readonly (readonly K[])[] },
): Partial<Record<K, string>> {
  const form = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: Partial<Record<K, string>> = {};
  const errors: FieldError[] = [];
  const groups = fields.oneOf ?? [];
  for (const name of [...fields.required, ...(fields.optional ?? []), ...groups.flat()]) {
    const value = form[name];
    if (value === undefined || value === '' || name in values) continue;
    if (typeof value === 'string') values[name] = value;
    else errors.push({ field: name, reason: 'must be given once, as text' });
  }
  for (const name of fields.required)
    if (values[name] === undefined && !errors.some((e) => e.field === name)) errors.push({ field: name, reason: 'is required' });
  for (const group of groups) {
    if (group.every((name) => values[name] === undefined))
      errors.push({ field: group[0], reason: `is required (or ${group.slice(1).join(', ')})` });
  }
  if (errors.length > 0) throw badRequest(errors);
  return values;
}
