import twilio from 'twilio';
import { classifyError } from './classify-error.js';

const twilioError = (status: number, code?: number) => Object.assign(new Error('twilio'), { status, code });
const smtpError = (responseCode: number) => Object.assign(new Error('smtp'), { responseCode, code: 'EENVELOPE' });

describe('classifyError', () => {
  it.each([
    [21211, { transient: false, unreachable: true, reason: 'twilio-21211' }],
    [21610, { transient: false, optedOut: true, reason: 'twilio-21610' }],
    [21614, { transient: false, unreachable: true, reason: 'twilio-21614' }],
    [30003, { transient: true, reason: 'twilio-30003' }],
    [30004, { transient: false, reason: 'twilio-30004' }],
    [30005, { transient: false, unreachable: true, reason: 'twilio-30005' }],
    [30006, { transient: false, unreachable: true, reason: 'twilio-30006' }],
    [30007, { transient: false, reason: 'twilio-30007' }],
    [30008, { transient: true, reason: 'twilio-30008' }],
  ])('Twilio %i is %j', (code, expected) => {
    expect(classifyError(twilioError(400, code))).toEqual(expected);
  });

  it("carries the provider's Retry-After with throttling, and only with throttling", () => {
    expect(classifyError({ ...twilioError(429, 20429), retryAfterMs: 30_000 })).toEqual({
      transient: true,
      rateLimited: true,
      reason: 'twilio-20429',
      retryAfterMs: 30_000,
    });
    expect(classifyError({ ...twilioError(429), retryAfterMs: 5_000 })).toMatchObject({ rateLimited: true, retryAfterMs: 5_000 });
    expect(classifyError({ ...twilioError(503), retryAfterMs: 5_000 })).toEqual({ transient: true, reason: 'http-503' });
  });

  it('treats Twilio 20429 and any 429 as throttling that slows the queue', () => {
    expect(classifyError(twilioError(429, 20429))).toEqual({ transient: true, rateLimited: true, reason: 'twilio-20429' });
    expect(classifyError(twilioError(429))).toEqual({ transient: true, rateLimited: true, reason: 'http-429' });
  });

  it.each([500, 502, 503, 504])('retries a Twilio %i', (status) => {
    expect(classifyError(twilioError(status, 20000 + status))).toEqual({ transient: true, reason: `twilio-${20000 + status}` });
    expect(classifyError(twilioError(status))).toEqual({ transient: true, reason: `http-${status}` });
  });

  it.each([400, 401, 403, 404])('does not retry another Twilio %i', (status) => {
    expect(classifyError(twilioError(status, 21602))).toMatchObject({ transient: false, reason: 'twilio-21602' });
  });

  it('reads the real SDK RestException', () => {
    const exception = new twilio.RestException({
      statusCode: 400,
      body: { code: 21610, message: 'Attempt to send to unsubscribed recipient' },
    });
    expect(classifyError(exception)).toMatchObject({ transient: false, optedOut: true, reason: 'twilio-21610' });
  });

  it('retries every SMTP 4xx and never an SMTP 5xx', () => {
    for (let code = 400; code < 600; code++) {
      expect(classifyError(smtpError(code))).toEqual({ transient: code < 500, reason: `smtp-${code}` });
    }
  });

  it.each(['ETIMEDOUT', 'ECONNABORTED', 'ECONNRESET', 'ESOCKET'])(
    'retries a network error %s, whose request may have been taken',
    (code) => {
      expect(classifyError(Object.assign(new Error('x'), { code }))).toEqual({
        transient: true,
        reason: code.toLowerCase(),
        answerLost: true,
      });
    },
  );

  it.each(['ECONNREFUSED', 'ECONNECTION', 'ENOTFOUND', 'EAI_AGAIN'])('retries a network error %s, whose request never left', (code) => {
    expect(classifyError(Object.assign(new Error('x'), { code }))).toEqual({ transient: true, reason: code.toLowerCase() });
  });

  it('retries a timeout named only in the message, and anything unknown', () => {
    expect(classifyError(new Error('timeout of 10000ms exceeded'))).toEqual({ transient: true, reason: 'timeout', answerLost: true });
    expect(classifyError(new Error('something odd'))).toEqual({ transient: true, reason: 'error' });
    expect(classifyError(undefined)).toEqual({ transient: true, reason: 'error' });
    expect(classifyError('text')).toEqual({ transient: true, reason: 'error' });
  });
});
