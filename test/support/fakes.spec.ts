import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import twilio from 'twilio';
import { ApiUrlRequestClient, createTwilioClient } from '../../libs/delivery/src/channels/sms/twilio-client.js';
import { SmtpSink } from './smtp-sink.js';
import { TwilioErrors, TwilioFake } from './twilio-fake.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

/** Captures the rejection of a promise that must fail. */
async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, it resolved');
}

/** 'pending' if the promise has not settled within ms. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'pending'> {
  return Promise.race([
    promise.then(
      () => 'settled' as const,
      () => 'settled' as const,
    ),
    new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms)),
  ]);
}

describe('TwilioFake with the real twilio SDK', () => {
  const fake = new TwilioFake({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  let client: ReturnType<typeof createTwilioClient>;

  beforeAll(async () => {
    await fake.start();
    client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+15145550199', apiUrl: fake.url });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  it('sends a message through the SDK and records it', async () => {
    const before = Date.now();
    const message = await client.messages.create({
      to: '+15145550100',
      from: '+15145550199',
      body: 'hello',
      statusCallback: 'https://carecadence.test/webhooks/twilio/status',
    });

    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe('queued');
    expect(message.accountSid).toBe(ACCOUNT_SID);
    expect(message.to).toBe('+15145550100');
    expect(message.from).toBe('+15145550199');
    expect(message.numSegments).toBe('1');
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(message.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${message.sid}.json`);

    expect(fake.messages).toHaveLength(1);
    const recorded = fake.messages[0];
    expect(recorded).toMatchObject({
      accountSid: ACCOUNT_SID,
      to: '+15145550100',
      from: '+15145550199',
      body: 'hello',
      statusCallback: 'https://carecadence.test/webhooks/twilio/status',
      sid: message.sid,
    });
    expect(recorded.messagingServiceSid).toBeUndefined();
    expect(recorded.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
    await expect(fake.waitFor((m) => m.sid === message.sid, 100)).resolves.toBe(recorded);

    // The SDK can read the resource back from the fake too.
    const fetched = await client.messages(message.sid).fetch();
    expect(fetched.body).toBe('hello');
  });

  it('sends through a Messaging Service, like Twilio: no from, status accepted, unicode segments', async () => {
    const body = 'Rappel : votre séance d’acupuncture demain à 10 h 🙂 '.repeat(3);
    const message = await client.messages.create({ to: '+15145550100', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', body });
    expect(message.from).toBeNull();
    expect(message.status).toBe('accepted');
    expect(Number(message.numSegments)).toBe(Math.ceil(body.length / 67));
    expect(fake.messages[0]).toMatchObject({ messagingServiceSid: 'MG0123456789abcdef0123456789abcdef', from: undefined, body });
  });

  it('waitFor resolves on a later message and rejects clearly on timeout', async () => {
    const waiting = fake.waitFor((m) => m.to === '+15145550123', 2_000);
    await client.messages.create({ to: '+15145550123', from: '+15145550199', body: 'later' });
    await expect(waiting).resolves.toMatchObject({ body: 'later' });
    await expect(fake.waitFor((m) => m.to === '+19999999999', 50)).rejects.toThrow(
      /TwilioFake\.waitFor: no matching SMS within 50 ms \(1 accepted/,
    );
  });

  it('rejects a wrong auth token with 401 / 20003', async () => {
    const badClient = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'wrong', apiUrl: fake.url });
    const err = await rejectionOf(badClient.messages.create({ to: '+15145550100', from: '+15145550199', body: 'hello' }));
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err.status).toBe(401);
    expect(err.code).toBe(20003);
    expect(err.moreInfo).toBe('https://www.twilio.com/docs/errors/20003');
    expect(fake.messages).toHaveLength(0);
    expect(fake.attempts).toHaveLength(0);
  });

  it('raises a scripted 21211 as a RestException with status 400', async () => {
    fake.failNext(1, TwilioErrors.invalidTo);
    const err = await rejectionOf(client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'hello' }));
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err.status).toBe(400);
    expect(err.code).toBe(21211);
    expect(err.message).toBe("The 'To' number is not a valid phone number.");
    expect(fake.messages).toHaveLength(0);
    expect(fake.attempts).toMatchObject([{ status: 400, code: 21211, request: { to: '+15145550100', body: 'hello' } }]);

    // Only the next call was scripted.
    await expect(client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'again' })).resolves.toMatchObject({
      status: 'queued',
    });
  });

  it('raises 429 / 20429 once: the SDK does not retry on its own', async () => {
    fake.failNext(2, TwilioErrors.tooManyRequests);
    const err = await rejectionOf(client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'hello' }));
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err.status).toBe(429);
    expect(err.code).toBe(20429);
    expect(fake.attempts).toHaveLength(1);
  });

  it('lets respondWith decide per request', async () => {
    fake.respondWith((req) => (req.to === '+15145550666' ? TwilioErrors.unsubscribed : undefined));
    const err = await rejectionOf(client.messages.create({ to: '+15145550666', from: '+15145550199', body: 'stop' }));
    expect(err.code).toBe(21610);
    expect(err.status).toBe(400);
    await expect(client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'ok' })).resolves.toMatchObject({
      to: '+15145550100',
    });

    fake.respondWith(() => TwilioErrors.internal);
    const serverErr = await rejectionOf(client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'x' }));
    expect(serverErr.status).toBe(500);
    expect(serverErr.code).toBe(20500);
  });

  it('lists accepted messages for a number, newest first, like Messages.json with To', async () => {
    const first = await client.messages.create({ to: '+15145550177', from: '+15145550199', body: 'one' });
    await client.messages.create({ to: '+15145550188', from: '+15145550199', body: 'other' });
    const second = await client.messages.create({ to: '+15145550177', from: '+15145550199', body: 'two' });
    const listed = await client.messages.list({ to: '+15145550177', pageSize: 50, limit: 50 });
    expect(listed.map((m) => m.sid)).toEqual([second.sid, first.sid]);
    expect(listed[0].dateCreated).toBeInstanceOf(Date);
  });

  it('validates like Twilio: missing From and Messaging Service → 21603', async () => {
    const err = await rejectionOf(client.messages.create({ to: '+15145550100', body: 'no sender' }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(21603);
  });

  it('gives up on a hung provider after the client timeout', async () => {
    fake.respondWith(() => new Promise(() => {})); // never answers
    const impatient = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: fake.url }, { timeout: 200 });
    const started = Date.now();
    const err = await rejectionOf(impatient.messages.create({ to: '+15145550100', from: '+15145550199', body: 'hello' }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err.code).toBe('ECONNABORTED');
    expect(err.message).toMatch(/timeout of 200ms exceeded/);
  });

  it('posts signed status callbacks', async () => {
    const received: { url: string; signature: string; params: Record<string, string> }[] = [];
    const receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({
          url: req.url!,
          signature: String(req.headers['x-twilio-signature']),
          params: Object.fromEntries(new URLSearchParams(body)),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/twilio/status?d=42`;
      const message = await client.messages.create({ to: '+15145550100', from: '+15145550199', body: 'hi', statusCallback: callbackUrl });
      await expect(fake.sendStatusCallback(message.sid, 'undelivered', { errorCode: 30003 })).resolves.toBe(204);
      expect(received).toHaveLength(1);
      expect(received[0].params).toMatchObject({
        MessageSid: message.sid,
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        AccountSid: ACCOUNT_SID,
      });
      expect(twilio.validateRequest(AUTH_TOKEN, received[0].signature, callbackUrl, received[0].params)).toBe(true);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('ApiUrlRequestClient.rewriteUri', () => {
  it('moves api.twilio.com (and its edge/region forms) onto apiUrl, keeping path and query', () => {
    const http = new ApiUrlRequestClient('http://127.0.0.1:4010');
    expect(http.rewriteUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=20')).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?PageSize=20',
    );
    expect(http.rewriteUri('https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json')).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts.json',
    );
    expect(http.rewriteUri('https://messaging.twilio.com/v1/Services')).toBe('https://messaging.twilio.com/v1/Services');

    const prefixed = new ApiUrlRequestClient('https://proxy.example/twilio/');
    expect(prefixed.rewriteUri('https://api.twilio.com/2010-04-01/Accounts.json')).toBe(
      'https://proxy.example/twilio/2010-04-01/Accounts.json',
    );

    const real = new ApiUrlRequestClient('https://api.twilio.com');
    expect(real.rewriteUri('https://api.twilio.com/2010-04-01/Accounts.json')).toBe('https://api.twilio.com/2010-04-01/Accounts.json');
    expect(real.autoRetry).toBe(false);
    expect(real.defaultTimeout).toBe(10_000);
  });
});

describe('SmtpSink with nodemailer', () => {
  const sink = new SmtpSink();
  let transport: ReturnType<typeof createTransport>;

  beforeAll(async () => {
    await sink.start();
    transport = createTransport(sink.url);
  });
  afterEach(() => sink.reset());
  afterAll(async () => {
    transport.close();
    await sink.stop();
  });

  it('receives, parses and records an email', async () => {
    const info = await transport.sendMail({
      from: 'Clinique Harmonie <rappels@harmonie.test>',
      to: 'patient@example.test',
      subject: 'Votre rendez-vous de demain',
      text: 'Bonjour,\nà demain 10 h.',
      headers: { 'X-CareCadence-Delivery': 'dlv_123' },
    });
    expect(info.response).toMatch(/^250/);
    expect(info.accepted).toEqual(['patient@example.test']);

    const mail = await sink.waitFor((m) => m.subject === 'Votre rendez-vous de demain', 1_000);
    expect(mail.envelope).toEqual({ from: 'rappels@harmonie.test', to: ['patient@example.test'] });
    expect(mail.text).toBe('Bonjour,\nà demain 10 h.\n'); // mailparser keeps the body's final line break
    expect(mail.html).toBe(false);
    expect(mail.headers.get('x-carecadence-delivery')).toBe('dlv_123');
    expect(mail.messageId).toBe(info.messageId);
    // nodemailer re-cases header names (X-CareCadence-Delivery goes out as X-Carecadence-Delivery).
    expect(mail.raw).toMatch(/^X-Carecadence-Delivery: dlv_123\r$/m);
    expect(sink.messages).toEqual([mail]);
    await expect(sink.waitFor((m) => m.subject === 'nope', 50)).rejects.toThrow(
      /SmtpSink\.waitFor: no matching email within 50 ms \(1 received/,
    );
  });

  it('refuses a rejected recipient with 550, which nodemailer surfaces as responseCode', async () => {
    sink.rejectRecipient((address) => address.startsWith('bounce@'));
    const err = await rejectionOf(
      transport.sendMail({ from: 'rappels@harmonie.test', to: 'bounce@example.test', subject: 's', text: 't' }),
    );
    expect(err.responseCode).toBe(550);
    expect(err.code).toBe('EENVELOPE');
    expect(err.rejected).toEqual(['bounce@example.test']);
    expect(sink.messages).toHaveLength(0);

    // With another, valid recipient nodemailer delivers and only lists the refused one.
    const info = await transport.sendMail({
      from: 'rappels@harmonie.test',
      to: ['bounce@example.test', 'ok@example.test'],
      subject: 's',
      text: 't',
    });
    expect(info.rejected).toEqual(['bounce@example.test']);
    expect(sink.messages[0].envelope.to).toEqual(['ok@example.test']);
  });

  it('holds the DATA reply until released', async () => {
    const gate = sink.holdNextData();
    const sending = transport.sendMail({ from: 'rappels@harmonie.test', to: 'patient@example.test', subject: 'held', text: 'wait' });

    const held = await gate.reached;
    expect(held.subject).toBe('held');
    expect(await settledWithin(sending, 300)).toBe('pending');
    expect(sink.messages).toHaveLength(0);

    gate.release();
    const info = await sending;
    expect(info.response).toMatch(/^250/);
    expect(sink.messages).toHaveLength(1);

    // Only the next message was held.
    await expect(transport.sendMail({ from: 'a@b.test', to: 'c@d.test', subject: 'free', text: 'x' })).resolves.toBeTruthy();
  });

  it('can fail a held DATA with a chosen reply', async () => {
    const gate = sink.holdNextData();
    const sending = transport.sendMail({ from: 'rappels@harmonie.test', to: 'patient@example.test', subject: 'fails', text: 'x' });
    await gate.reached;
    gate.fail({ code: 552, message: '5.3.4 Message too big for system' });
    const err = await rejectionOf(sending);
    expect(err.responseCode).toBe(552);
    expect(err.code).toBe('EMESSAGE');
    expect(sink.messages).toHaveLength(0);
  });
});
