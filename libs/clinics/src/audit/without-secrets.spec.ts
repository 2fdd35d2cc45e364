import { withoutSecrets } from './without-secrets.js';

describe('audit records', () => {
  it('drop credentials at any depth and keep the rest', () => {
    const at = new Date('2026-11-23T05:00:00Z');
    expect(
      withoutSecrets({
        id: 's1',
        email: 'kim@clinic.test',
        passwordHash: 'scrypt$…',
        nested: { apiKey: 'cc_secret', keyHash: 'abc', key: 'aftercare', lastFour: 'wxyz', list: [{ csrfToken: 't', ok: 1 }] },
        createdAt: at,
        gone: undefined,
      }),
    ).toEqual({
      id: 's1',
      email: 'kim@clinic.test',
      nested: { key: 'aftercare', lastFour: 'wxyz', list: [{ ok: 1 }] },
      createdAt: '2026-11-23T05:00:00.000Z',
    });
    expect(withoutSecrets(undefined)).toBeNull();
  });
});
