/** Fields that never go into the audit log, at any depth: credentials and their hashes. */
const SECRET_FIELDS = new Set([
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'apiKey',
  'keyHash',
  'tokenHash',
  'csrfToken',
]);

/** A copy of a record fit for the audit log: secrets dropped, dates as ISO strings. */
export function withoutSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([field, item]) => !SECRET_FIELDS.has(field) && item !== undefined)
        .map(([field, item]) => [field, withoutSecrets(item)]),
    );
  }
  return value;
}
