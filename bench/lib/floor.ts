import { Queue } from 'bullmq';
import pg from 'pg';
import { startBaseline } from './bench-process.js';

export const FLOOR_QUEUE = 'floor';

const FLOOR_TABLE = `
  create table if not exists floor_messages (
    id uuid primary key default gen_random_uuid(),
    version integer not null default 1,
    status text not null default 'scheduled',
    channel text not null,
    recipient text not null,
    send_at timestamptz not null,
    provider_message_id text,
    sent_at timestamptz
  )`;

/** Rows for the floor pipeline, the same recipients and due times as a carecadence run gets. */
export async function plantFloor(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  messages: { channel: 'email' | 'sms'; recipient: string; sendAt: Date }[],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const url = new URL(redisUrl);
  const queue = new Queue(FLOOR_QUEUE, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix });
  try {
    await client.query(FLOOR_TABLE);
    for (let i = 0; i < messages.length; i += 5000) {
      const chunk = messages.slice(i, i + 5000);
      const { rows } = await client.query<{ id: string; send_at: Date }>(
        `insert into floor_messages (channel, recipient, send_at)
         select * from unnest($1::text[], $2::text[], $3::timestamptz[]) returning id, send_at`,
        [chunk.map((m) => m.channel), chunk.map((m) => m.recipient), chunk.map((m) => m.sendAt.toISOString())],
      );
      const now = Date.now();
      await queue.addBulk(
        rows.map((row) => ({
          name: 'send',
          data: { id: row.id, version: 1 },
          opts: { jobId: `floor-${row.id}-v1`, delay: Math.max(0, row.send_at.getTime() - now), removeOnComplete: true },
        })),
      );
    }
  } finally {
    await queue.close();
    await client.end();
  }
}

/** The floor pipeline in a process of its own (see floor-pipeline.ts), ready when this resolves. */
export function startFloor(env: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  return startBaseline('floor-pipeline.js', env);
}
