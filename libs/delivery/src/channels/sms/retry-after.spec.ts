import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after.js';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs(' 2 ', now)).toBe(2_000);
    expect(retryAfterMs(['5', '9'], now)).toBe(5_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:45 GMT', now)).toBe(45_000);
  });

  it('caps a wait that would stop texting for too long', () => {
    expect(retryAfterMs('86400', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores what says nothing usable', () => {
    for (const header of [undefined, '', '0', '-5', '1.5', 'soon', 'Mon, 23 Nov 2026 09:00:00 GMT'])
      expect(retryAfterMs(header, now)).toBeUndefined();
  });
});
