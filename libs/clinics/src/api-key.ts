import { createHash, randomBytes } from 'node:crypto';

/** Clinic API keys are 256 random bits; a fast hash is enough for a secret with that much entropy. */
export function generateApiKey(): string {
  return `cc_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
