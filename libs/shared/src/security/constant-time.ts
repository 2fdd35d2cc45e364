import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a secret someone sent equals the one we hold, in time that tells nothing about where
 * they differ. Both sides are hashed first, so secrets of different lengths compare in the same
 * time too (timingSafeEqual itself refuses buffers of unequal length).
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
