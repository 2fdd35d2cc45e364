import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Without SMTP or Twilio settings, messages are written to DATA_DIR/outbox instead of sent, so the
 * product runs on a laptop and every message can still be read.
 */
export async function writeToOutbox(dataDir: string, channel: 'email' | 'sms', name: string, content: string | Buffer): Promise<string> {
  const folder = join(dataDir, 'outbox', channel);
  await mkdir(folder, { recursive: true });
  const file = join(folder, name);
  await writeFile(file, content);
  return file;
}
