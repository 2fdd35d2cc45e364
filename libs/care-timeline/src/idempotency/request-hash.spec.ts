import { canonicalJson, requestHash } from './request-hash.js';

describe('requestHash', () => {
  it('is the same for the same body in another key order', () => {
    const a = { patientId: 'p', consent: { sms: true, email: false }, tags: [1, 2] };
    const b = { tags: [1, 2], consent: { email: false, sms: true }, patientId: 'p' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash('POST', '/v1/patients', a)).toBe(requestHash('POST', '/v1/patients', b));
  });

  it('differs when a value, the path or the method differs', () => {
    const body = { firstName: 'Alex' };
    const base = requestHash('POST', '/v1/patients', body);
    expect(requestHash('POST', '/v1/patients', { firstName: 'Alix' })).not.toBe(base);
    expect(requestHash('POST', '/v1/appointments', body)).not.toBe(base);
    expect(requestHash('PUT', '/v1/patients', body)).not.toBe(base);
    expect(requestHash('POST', '/v1/patients', { ...body, tags: [2, 1] })).not.toBe(
      requestHash('POST', '/v1/patients', { ...body, tags: [1, 2] }),
    );
  });
});
