import { type DatabaseHandle, loadConfig, openDatabase } from '@app/shared';
import { tempDir } from '../../../../../test/support/services.js';
import { TwilioErrors, TwilioFake } from '../../../../../test/support/twilio-fake.js';
import { classifyError } from '../../send/classify-error.js';
import { SmsChannel } from './sms.channel.js';

const TWILIO = { accountSid: `AC${'4'.repeat(32)}`, authToken: 'retry-after-auth-token-0123' };

/** Twilio's 429 with Retry-After, through the real SDK against the Twilio fake. */
describe("the SMS channel honours Twilio's Retry-After", () => {
  const twilio = new TwilioFake(TWILIO);
  let handle: DatabaseHandle;
  let channel: SmsChannel;

  beforeAll(async () => {
    await twilio.start();
    handle = await openDatabase({ dataDir: 'memory://' });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: tempDir(),
      ...twilio.settings(),
    });
    channel = new SmsChannel(config);
  });

  afterAll(async () => {
    await handle.close();
    await twilio.stop();
  });

  const sms = (n: number) => ({
    deliveryId: `00000000-0000-4000-8000-00000000000${n}`,
    to: '+15145550111',
    body: 'Riverside: see you tomorrow.',
    language: 'en' as const,
    optOutHintSentAt: null,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('waits as long as the 429 asked before calling Twilio again, each early send classified as throttling', async () => {
    twilio.failNext(1, { ...TwilioErrors.tooManyRequests, headers: { 'Retry-After': '2' } });
    const first = await failure(channel.send(sms(1)));
    expect(classifyError(first)).toEqual({ transient: true, rateLimited: true, reason: 'twilio-20429', retryAfterMs: expect.any(Number) });
    expect(classifyError(first).retryAfterMs).toBeGreaterThan(1_500);
    const calls = twilio.attempts.length;

    // Within the two seconds: refused here, Twilio never asked.
    const early = await failure(channel.send(sms(2)));
    expect(classifyError(early)).toMatchObject({ transient: true, rateLimited: true, reason: 'twilio-retry-after' });
    expect(twilio.attempts.length).toBe(calls);

    await new Promise((r) => setTimeout(r, 2_100));
    await expect(channel.send(sms(3))).resolves.toMatchObject({ providerMessageId: expect.stringMatching(/^SM/) });
    expect(twilio.attempts.length).toBe(calls + 1);
    expect(twilio.messages).toHaveLength(1);
  });
});
