// A real SMTP server on 127.0.0.1 for tests: nodemailer talks actual SMTP to it, each message
// is parsed with mailparser and recorded. Recipients can be refused (permanent/transient errors)
// and the reply to DATA can be held open so a test can observe a message mid-send.
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { waitForRecord } from './wait-for-record.js';

export interface SinkEnvelope {
  /** MAIL FROM address ('' for the null sender). */
  from: string;
  /** Accepted RCPT TO addresses. */
  to: string[];
}

export interface SinkMessage {
  envelope: SinkEnvelope;
  subject?: string;
  text?: string;
  /** false when the message has no HTML part (mailparser's convention). */
  html?: string | false;
  /** Parsed headers keyed by lower-case name (mailparser's Map). */
  headers: ParsedMail['headers'];
  messageId?: string;
  /** The message exactly as received after DATA (dot-unstuffed). */
  raw: string;
  receivedAt: Date;
  /** Everything else mailparser produced (from/to address objects, attachments, ...). */
  parsed: ParsedMail;
}

/** An SMTP reply to send instead of success. */
export interface SmtpReply {
  code: number;
  message: string;
}

/**
 * Decides about one RCPT TO: true → 550 "user unknown", an SmtpReply → that reply
 * (e.g. 450 for a temporary failure), false/undefined → accept.
 */
export type RecipientRule = (address: string, session: SMTPServerSession) => boolean | SmtpReply | undefined | void;

/**
 * Runs after a message has been fully received and parsed, before the DATA reply. The reply
 * waits until the returned promise settles: resolve → 250 (message recorded), reject → the
 * error's `responseCode` (default 451) and message, nothing recorded.
 */
export type DataHold = (message: SinkMessage) => Promise<unknown> | void;

/** Handle returned by holdNextData(). */
export interface DataGate {
  /** Resolves with the held message once its DATA has been received. */
  readonly reached: Promise<SinkMessage>;
  /** Lets the server answer 250. */
  release(): void;
  /** Answers with an error reply instead (default 451 temporary failure). */
  fail(reply?: SmtpReply): void;
}

export interface SmtpSinkOptions {
  /** Hostname announced in the greeting. */
  name?: string;
}

function smtpError(reply: SmtpReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export class SmtpSink {
  /** Accepted messages, oldest first. */
  readonly messages: SinkMessage[] = [];

  private server: SMTPServer | undefined;
  private port = 0;
  private readonly events = new EventEmitter();
  private recipientRule: RecipientRule | undefined;
  private dataHold: DataHold | undefined;
  /** Holds not yet settled, so stop() can let their connections finish. */
  private readonly pendingHolds = new Set<(reply?: SmtpReply) => void>();

  constructor(private readonly options: SmtpSinkOptions = {}) {
    this.events.setMaxListeners(0);
  }

  /** Connection URL for nodemailer.createTransport, e.g. smtp://127.0.0.1:2525. */
  get url(): string {
    if (!this.server) throw new Error('SmtpSink is not started');
    return `smtp://127.0.0.1:${this.port}`;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get listeningPort(): number {
    if (!this.server) throw new Error('SmtpSink is not started');
    return this.port;
  }

  async start(): Promise<this> {
    if (this.server) return this;
    const server = new SMTPServer({
      name: this.options.name ?? 'smtp-sink.test',
      // Plain SMTP only: no STARTTLS offered (so nodemailer does not try to upgrade),
      // AUTH accepted but not required.
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      // No reverse DNS lookup per connection: nothing to learn about 127.0.0.1, and no resolver dependency.
      disableReverseLookup: true,
      // Without this, close() waits up to 30 s for clients that keep a connection open.
      closeTimeout: 200,
      onRcptTo: (address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const verdict = this.recipientRule?.(address.address, session);
        if (verdict === true) {
          return callback(smtpError({ code: 550, message: `5.1.1 <${address.address}>: Recipient address rejected: User unknown` }));
        }
        if (verdict && typeof verdict === 'object') return callback(smtpError(verdict));
        callback();
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      },
    });
    // Connection-level errors (client hang-ups) must not crash the test process.
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Let held transactions end (with 421) instead of leaving them hanging.
    for (const settle of [...this.pendingHolds]) settle({ code: 421, message: 'Server shutting down' });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets recorded messages and clears rejectRecipient/holdData rules. Pending holds end with 451 (nothing recorded). */
  reset(): void {
    this.messages.length = 0;
    this.recipientRule = undefined;
    this.dataHold = undefined;
    for (const settle of [...this.pendingHolds]) settle({ code: 451, message: '4.3.0 Sink reset, try again later' });
  }

  /** Refuses RCPT TO for addresses the rule flags (see RecipientRule); undefined removes the rule. */
  rejectRecipient(rule: RecipientRule | undefined): this {
    this.recipientRule = rule;
    return this;
  }

  /** Delays every DATA reply on `hold` (see DataHold); undefined removes it. */
  holdData(hold: DataHold | undefined): this {
    this.dataHold = hold;
    return this;
  }

  /** Holds the DATA reply of the next message only, until the returned gate is released or failed. */
  holdNextData(): DataGate {
    let reach!: (message: SinkMessage) => void;
    let settle!: (reply?: SmtpReply) => void;
    const reached = new Promise<SinkMessage>((resolve) => (reach = resolve));
    const decided = new Promise<SmtpReply | undefined>((resolve) => (settle = resolve));
    let used = false;
    const previous = this.dataHold;
    const hold: DataHold = async (message) => {
      if (used) return previous?.(message);
      used = true;
      if (this.dataHold === hold) this.dataHold = previous;
      reach(message);
      const reply = await decided;
      if (reply) throw smtpError(reply);
    };
    this.dataHold = hold;
    return {
      reached,
      release: () => settle(),
      fail: (reply = { code: 451, message: '4.3.0 Temporary failure, try again later' }) => settle(reply),
    };
  }

  /** Resolves with the first accepted message matching `predicate` (already received or arriving within timeoutMs). */
  waitFor(predicate: (message: SinkMessage) => boolean = () => true, timeoutMs = 5_000): Promise<SinkMessage> {
    return waitForRecord(this.messages, this.events, predicate, timeoutMs, () => {
      const seen = this.messages.map((m) => `${JSON.stringify(m.subject)} to ${m.envelope.to.join(',')}`);
      return `SmtpSink.waitFor: no matching email within ${timeoutMs} ms (${this.messages.length} received${seen.length ? `: ${seen.join('; ')}` : ''})`;
    });
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const raw = await readStream(stream);
    const parsed = await simpleParser(raw);
    const mailFrom = session.envelope.mailFrom;
    const message: SinkMessage = {
      envelope: {
        from: mailFrom ? mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      },
      subject: parsed.subject,
      text: parsed.text,
      html: parsed.html,
      headers: parsed.headers,
      messageId: parsed.messageId,
      raw: raw.toString('utf8'),
      receivedAt: new Date(),
      parsed,
    };

    const hold = this.dataHold;
    if (hold) {
      // Track the hold so stop()/reset() can end it; whichever settles first wins.
      const outcome = await new Promise<SmtpReply | undefined>((resolve) => {
        const settle = (reply?: SmtpReply) => {
          this.pendingHolds.delete(settle);
          resolve(reply);
        };
        this.pendingHolds.add(settle);
        Promise.resolve()
          .then(() => hold(message))
          .then(
            () => settle(),
            (err: unknown) => {
              const responseCode = (err as { responseCode?: unknown } | null)?.responseCode;
              settle({
                code: typeof responseCode === 'number' ? responseCode : 451,
                message: err instanceof Error ? err.message : String(err),
              });
            },
          );
      });
      if (outcome) throw smtpError(outcome);
    }

    this.messages.push(message);
    this.events.emit('message', message);
  }
}
