import { sameSecret } from './constant-time.js';

describe('sameSecret', () => {
  it('accepts the same secret', () => {
    expect(sameSecret('dev-token-0123456789', 'dev-token-0123456789')).toBe(true);
  });

  it('refuses a different secret, a prefix, a longer one and an empty one', () => {
    expect(sameSecret('dev-token-0123456788', 'dev-token-0123456789')).toBe(false);
    expect(sameSecret('dev-token', 'dev-token-0123456789')).toBe(false);
    expect(sameSecret('dev-token-0123456789x', 'dev-token-0123456789')).toBe(false);
    expect(sameSecret('', 'dev-token-0123456789')).toBe(false);
  });
});
