// The floor pipeline, run as its own process like a notifier: the least work any correct system
// must do per message. A BullMQ job names a row; one UPDATE claims it (scheduled → sending at its
// version); the message goes through the same SMTP server or Twilio fake, with the same SDKs; one
// UPDATE records the provider's id. Prepared statements, no reads, no checks, no rendering.
//
// Settings (environment): FLOOR_DATABASE_URL, REDIS_URL, QUEUE_PREFIX, FLOOR_CONCURRENCY, and the
// SMTP_URL / TWILIO_* of the providers. Prints "ready" once the worker runs; SIGTERM stops it.
import { Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { createTwilioClient } from '../libs/delivery/src/channels/sms/twilio-client.js';
import { FLOOR_QUEUE } from './lib/floor.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`floor pipeline: ${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: env('FLOOR_DATABASE_URL'), max: 10 });
  const mail = nodemailer.createTransport(env('SMTP_URL'));
  const twilio = createTwilioClient({
    accountSid: env('TWILIO_ACCOUNT_SID'),
    authToken: env('TWILIO_AUTH_TOKEN'),
    from: env('TWILIO_FROM'),
    apiUrl: env('TWILIO_API_URL'),
  });
  const redis = new URL(env('REDIS_URL'));
  const worker = new Worker(
    FLOOR_QUEUE,
    async (job) => {
      const { id, version } = job.data as { id: string; version: number };
      const claimed = await pool.query<{ channel: string; recipient: string }>({
        name: 'floor-claim',
        text: `update floor_messages set status = 'sending' where id = $1 and version = $2 and status = 'scheduled' returning channel, recipient`,
        values: [id, version],
      });
      const row = claimed.rows[0];
      if (!row) return;
      const providerMessageId =
        row.channel === 'email'
          ? (
              await mail.sendMail({
                from: 'Bench Clinic <care@bench.test>',
                to: row.recipient,
                subject: "Caring for yourself after today's visit",
                text: 'Hi, drink plenty of water today. Some soreness for a day or two is normal.\n\nWarm regards,\nBench Clinic\n',
              })
            ).messageId
          : (
              await twilio.messages.create({
                to: row.recipient,
                from: env('TWILIO_FROM'),
                body: 'Bench Clinic: drink plenty of water today.',
              })
            ).sid;
      await pool.query({
        name: 'floor-record',
        text: `update floor_messages set status = 'sent', provider_message_id = $2, sent_at = now() where id = $1`,
        values: [id, providerMessageId],
      });
    },
    {
      connection: { host: redis.hostname, port: Number(redis.port || 6379) },
      prefix: env('QUEUE_PREFIX'),
      concurrency: Number(env('FLOOR_CONCURRENCY')),
    },
  );
  await worker.waitUntilReady();
  console.log('ready');
  process.once('SIGTERM', () => {
    void (async () => {
      await worker.close();
      mail.close();
      await pool.end();
      process.exit(0);
    })();
  });
}

await main();
