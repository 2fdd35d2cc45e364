// A local stand-in for Twilio's REST API, good enough for the real twilio-node SDK
// (pointed at it via createTwilioClient's apiUrl). Speaks the 2010-04-01 Messages endpoints
// with Twilio's auth, resource and error JSON shapes, records what it accepted, and can be
// scripted to fail so tests can exercise permanent/transient provider errors.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { countSmsSegments } from '@app/shared';
import { waitForRecord } from './wait-for-record.js';

/** An error reply in Twilio's legacy JSON error format; the SDK turns it into a RestException. */
export interface TwilioErrorReply {
  status: number;
  code: number;
  message: string;
  /** Defaults to https://www.twilio.com/docs/errors/{code}. */
  moreInfo?: string;
  /** Extra response headers, e.g. { 'Retry-After': '1' } for 429. */
  headers?: Record<string, string>;
}

/** Ready-made replies for the errors the SMS channel has to classify. */
export const TwilioErrors = {
  invalidTo: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
  unsubscribed: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  notSmsCapable: { status: 400, code: 21614, message: "'To' number is not a valid mobile number" },
  tooManyRequests: { status: 429, code: 20429, message: 'Too Many Requests', headers: { 'Retry-After': '1' } },
  internal: { status: 500, code: 20500, message: 'Internal Server Error' },
  serviceUnavailable: { status: 503, code: 20503, message: 'Service Unavailable' },
} as const satisfies Record<string, TwilioErrorReply>;

/** A create-message call as the fake saw it, before it decided how to answer. */
export interface TwilioFakeRequest {
  accountSid: string;
  to?: string;
  from?: string;
  messagingServiceSid?: string;
  body?: string;
  statusCallback?: string;
  /** Every form field as sent (To, From, Body, ...). */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
}

/** An accepted (201) message. */
export interface FakeSmsMessage {
  accountSid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  sid: string;
  receivedAt: Date;
  /** The Message resource JSON returned to the client. */
  resource: TwilioMessageResource;
}

/** Every create-message attempt that passed auth, with the status the fake answered. */
export interface TwilioFakeAttempt {
  request: TwilioFakeRequest;
  status: number;
  code?: number;
  sid?: string;
  at: Date;
}

/**
 * Hook consulted for each authenticated create-message call. Return an error reply to fail it,
 * or undefined for the normal behaviour. May return a promise (e.g. one that never settles
 * to simulate a hung provider, or one a test resolves later).
 */
export type TwilioFakeResponder = (
  request: TwilioFakeRequest,
) => TwilioErrorReply | undefined | void | Promise<TwilioErrorReply | undefined | void>;

export interface TwilioMessageResource {
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  /** `outbound-api` for a text sent with the REST API, `outbound-reply` for a TwiML reply to an incoming one. */
  direction: 'outbound-api' | 'outbound-reply';
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: string;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

export interface TwilioFakeOptions {
  accountSid: string;
  authToken: string;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MESSAGE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;

/** Segment count the way carriers bill it (the product's own counter: one definition for both). */
export const countSegments = countSmsSegments;

/** Twilio's RFC 2822 date style: "Wed, 18 Aug 2010 20:01:40 +0000". */
function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class TwilioFake {
  readonly accountSid: string;
  readonly authToken: string;
  /** Accepted messages, oldest first. */
  readonly messages: FakeSmsMessage[] = [];
  /**
   * The TwiML replies to incoming messages (a STOP's confirmation, an answer to HELP), oldest
   * first: like Twilio, they are sent to the patient and listed with the API's messages
   * (`outbound-reply`), but they are not texts the notifier sent, so they stay out of `messages`.
   */
  readonly replies: { resource: TwilioMessageResource; receivedAt: Date }[] = [];
  /** Every authenticated create-message attempt (accepted or failed), oldest first. */
  readonly attempts: TwilioFakeAttempt[] = [];

  private server: Server | undefined;
  private port = 0;
  private readonly events = new EventEmitter();
  private readonly scriptedFailures: TwilioErrorReply[] = [];
  private responder: TwilioFakeResponder | undefined;
  private answersToLose = 0;
  private listsToFail = 0;

  constructor(options: TwilioFakeOptions) {
    this.accountSid = options.accountSid;
    this.authToken = options.authToken;
    this.events.setMaxListeners(0);
  }

  /** Base URL to use as TwilioSettings.apiUrl, e.g. http://127.0.0.1:53121. */
  get url(): string {
    if (!this.server) throw new Error('TwilioFake is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** The notifier's Twilio settings pointing at this fake, sending from `from`. */
  settings(from = '+15145550199'): Record<'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM' | 'TWILIO_API_URL', string> {
    return { TWILIO_ACCOUNT_SID: this.accountSid, TWILIO_AUTH_TOKEN: this.authToken, TWILIO_FROM: from, TWILIO_API_URL: this.url };
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.sendError(res, { status: 500, code: 20500, message: `TwilioFake crashed: ${String(err)}` });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The SDK keeps sockets alive; drop them so close() does not wait for their idle timeout.
      server.closeAllConnections();
    });
  }

  /** Forgets recorded messages/attempts and clears failNext/respondWith scripting. */
  reset(): void {
    this.messages.length = 0;
    this.replies.length = 0;
    this.attempts.length = 0;
    this.scriptedFailures.length = 0;
    this.responder = undefined;
    this.answersToLose = 0;
    this.listsToFail = 0;
  }

  /** The next `count` authenticated create-message calls fail with `error` (queued after earlier failNext calls). */
  failNext(count: number, error: TwilioErrorReply): this {
    for (let i = 0; i < count; i++) this.scriptedFailures.push(error);
    return this;
  }

  /**
   * The next `count` messages are accepted (recorded, listed) but their answer is lost: the
   * connection is dropped instead, as when a network cut or a crash comes between Twilio taking a
   * message and its answer arriving.
   */
  loseAnswers(count: number): this {
    this.answersToLose += count;
    return this;
  }

  /** The next `count` list calls (GET Messages.json) fail with a 503. */
  failLists(count: number): this {
    this.listsToFail += count;
    return this;
  }

  /** Installs (or with undefined, removes) a hook deciding the reply to each call; failNext takes precedence. */
  respondWith(responder: TwilioFakeResponder | undefined): this {
    this.responder = responder;
    return this;
  }

  /** Resolves with the first accepted message matching `predicate` (already received or arriving within timeoutMs). */
  waitFor(predicate: (message: FakeSmsMessage) => boolean = () => true, timeoutMs = 5_000): Promise<FakeSmsMessage> {
    return waitForRecord(this.messages, this.events, predicate, timeoutMs, () => {
      const seen = this.messages.map((m) => `${m.sid} to ${m.to}: ${JSON.stringify(m.body)}`);
      return (
        `TwilioFake.waitFor: no matching SMS within ${timeoutMs} ms (${this.messages.length} accepted` +
        `${seen.length ? `: ${seen.join('; ')}` : ''}; ${this.attempts.length} attempts)`
      );
    });
  }

  /**
   * Posts a delivery-status webhook for an accepted message to its StatusCallback URL (or `url`),
   * form-encoded and signed with X-Twilio-Signature exactly as Twilio does. Returns the HTTP status.
   */
  async sendStatusCallback(
    sid: string,
    status: 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read',
    options: { errorCode?: number; url?: string } = {},
  ): Promise<number> {
    const message = this.messages.find((m) => m.sid === sid);
    if (!message) throw new Error(`TwilioFake.sendStatusCallback: unknown message ${sid}`);
    const url = options.url ?? message.statusCallback;
    if (!url) throw new Error(`TwilioFake.sendStatusCallback: message ${sid} has no StatusCallback`);
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: message.sid,
      MessageStatus: status,
      SmsSid: message.sid,
      SmsStatus: status,
      To: message.to,
    };
    if (message.from) params.From = message.from;
    if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
    if (options.errorCode !== undefined) params.ErrorCode = String(options.errorCode);
    const signature = twilio.getExpectedTwilioSignature(this.authToken, url, params);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'X-Twilio-Signature': signature,
        'User-Agent': 'TwilioProxy/1.1',
      },
      body: new URLSearchParams(params).toString(),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /**
   * Posts an incoming-message webhook, as Twilio does when a patient texts `to`: form-encoded and
   * signed for `url`. `signFor` signs for another URL or other fields, to forge a request;
   * `signature: null` leaves the header out. Returns the HTTP status and the TwiML answer.
   */
  async sendIncomingMessage(
    url: string,
    message: { from: string; to: string; body: string; sid?: string },
    options: { signFor?: { url?: string; params?: Record<string, string> }; signature?: null } = {},
  ): Promise<{ status: number; body: string; sid: string }> {
    const sid = message.sid ?? `SM${randomBytes(16).toString('hex')}`;
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      Body: message.body,
      From: message.from,
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: String(countSegments(message.body)),
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: message.to,
    };
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'User-Agent': 'TwilioProxy/1.1',
    };
    if (options.signature !== null) {
      headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(
        this.authToken,
        options.signFor?.url ?? url,
        options.signFor?.params ?? params,
      );
    }
    const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    const body = await response.text();
    if (response.status === 200) {
      // Each <Message> of the TwiML answer goes back to the sender, from the number it wrote to.
      for (const [, text] of body.matchAll(/<Message[^>]*>([\s\S]*?)<\/Message>/g)) {
        const receivedAt = new Date();
        const reply = { accountSid: this.accountSid, to: message.from, from: message.to, body: text };
        this.replies.push({
          resource: this.resource(reply, `SM${randomBytes(16).toString('hex')}`, receivedAt, 'outbound-reply'),
          receivedAt,
        });
      }
    }
    return { status: response.status, body, sid };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const create = MESSAGES_PATH.exec(path);
    const fetchOne = MESSAGE_PATH.exec(path);
    if (!create && !fetchOne) {
      await readBody(req);
      return this.sendError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
    }

    if (!this.authenticated(req, (create ?? fetchOne)![1])) {
      await readBody(req);
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      return this.sendError(res, { status: 401, code: 20003, message: 'Authenticate' });
    }

    if (fetchOne) {
      await readBody(req);
      if (req.method !== 'GET') return this.sendError(res, { status: 405, code: 20004, message: 'Method not allowed' });
      const message = this.messages.find((m) => m.sid === fetchOne[2]);
      if (!message) return this.sendError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
      return this.sendJson(res, 200, message.resource);
    }

    if (req.method === 'GET') {
      await readBody(req);
      if (this.listsToFail > 0) {
        this.listsToFail--;
        return this.sendError(res, TwilioErrors.serviceUnavailable);
      }
      return this.sendJson(res, 200, this.listPage(new URL(req.url ?? '/', 'http://fake'), path));
    }
    if (req.method !== 'POST') {
      await readBody(req);
      return this.sendError(res, { status: 405, code: 20004, message: 'Method not allowed' });
    }
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const request: TwilioFakeRequest = {
      accountSid: create![1],
      to: params.To,
      from: params.From,
      messagingServiceSid: params.MessagingServiceSid,
      body: params.Body,
      statusCallback: params.StatusCallback,
      params,
      headers: req.headers,
    };

    const failure = this.scriptedFailures.shift() ?? (await this.responder?.(request)) ?? this.validate(request);
    if (failure) {
      this.attempts.push({ request, status: failure.status, code: failure.code, at: new Date() });
      return this.sendError(res, failure);
    }

    const message = this.accept(request);
    this.attempts.push({ request, status: 201, sid: message.sid, at: message.receivedAt });
    if (this.answersToLose > 0) {
      this.answersToLose--;
      res.socket?.destroy();
    } else this.sendJson(res, 201, message.resource);
    this.events.emit('message', message);
  }

  /** GET Messages.json: newest first, filtered by To like Twilio's list call; one page only. */
  private listPage(url: URL, path: string): Record<string, unknown> {
    const to = url.searchParams.get('To');
    const pageSize = Number(url.searchParams.get('PageSize') ?? 50);
    const matching = [...this.messages, ...this.replies]
      .filter((m) => !to || m.resource.to === to)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .slice(0, pageSize);
    return {
      messages: matching.map((m) => m.resource),
      end: Math.max(0, matching.length - 1),
      first_page_uri: `${path}?${url.searchParams.toString()}`,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri: `${path}?${url.searchParams.toString()}`,
    };
  }

  private authenticated(req: IncomingMessage, pathAccountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return colon > 0 && username === this.accountSid && password === this.authToken && pathAccountSid === this.accountSid;
  }

  /** The request-level checks Twilio does before queueing a message. */
  private validate(request: TwilioFakeRequest): TwilioErrorReply | undefined {
    if (!request.to) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
    if (!request.from && !request.messagingServiceSid) return { status: 400, code: 21603, message: "A 'From' phone number is required." };
    if (!request.body && !request.params.MediaUrl && !request.params.ContentSid)
      return { status: 400, code: 21602, message: 'Message body is required.' };
    if (request.body && request.body.length > 1600)
      return { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' };
    return undefined;
  }

  /** A message as Twilio's API shows it. */
  private resource(
    message: { accountSid: string; to: string; from?: string; messagingServiceSid?: string; body: string },
    sid: string,
    receivedAt: Date,
    direction: TwilioMessageResource['direction'],
  ): TwilioMessageResource {
    const uriBase = `/2010-04-01/Accounts/${message.accountSid}/Messages/${sid}`;
    return {
      account_sid: message.accountSid,
      api_version: '2010-04-01',
      body: message.body,
      date_created: rfc2822(receivedAt),
      date_sent: null,
      date_updated: rfc2822(receivedAt),
      direction,
      error_code: null,
      error_message: null,
      // Like Twilio: with only a Messaging Service the sender is picked later, so `from` is null
      // and the status is "accepted" rather than "queued".
      from: message.from ?? null,
      messaging_service_sid: message.messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(countSegments(message.body)),
      price: null,
      price_unit: 'USD',
      sid,
      status: message.from ? 'queued' : 'accepted',
      subresource_uris: { media: `${uriBase}/Media.json`, feedback: `${uriBase}/Feedback.json` },
      to: message.to,
      uri: `${uriBase}.json`,
    };
  }

  private accept(request: TwilioFakeRequest): FakeSmsMessage {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const receivedAt = new Date();
    const body = request.body ?? '';
    const resource = this.resource({ ...request, to: request.to!, body }, sid, receivedAt, 'outbound-api');
    const message: FakeSmsMessage = {
      accountSid: request.accountSid,
      to: request.to!,
      from: request.from,
      messagingServiceSid: request.messagingServiceSid,
      body,
      statusCallback: request.statusCallback,
      sid,
      receivedAt,
      resource,
    };
    this.messages.push(message);
    return message;
  }

  private sendError(res: ServerResponse, error: TwilioErrorReply): void {
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
    this.sendJson(res, error.status, {
      code: error.code,
      message: error.message,
      more_info: error.moreInfo ?? `https://www.twilio.com/docs/errors/${error.code}`,
      status: error.status,
    });
  }

  private sendJson(res: ServerResponse, status: number, payload: unknown): void {
    const json = JSON.stringify(payload);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      'Twilio-Request-Id': `RQ${randomBytes(16).toString('hex')}`,
    });
    res.end(json);
  }
}
