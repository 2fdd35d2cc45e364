import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';

/** Another live process holds DATA_DIR; `holder` is its process id when it could say. */
export class DataDirInUse extends Error {
  constructor(readonly holder: number | undefined) {
    super(holder ? `in use by process ${holder}` : 'in use by another process');
  }
}

const SOCKET_NAME = 'pglite.sock';
// sun_path holds 108 bytes on Linux, 104 on macOS.
const MAX_SOCKET_PATH = 100;
// A holder frozen mid-answer still holds the directory; this long without its pid means "in use".
const PROBE_TIMEOUT_MS = 1_000;
// Long enough for a process that found the same stale socket to have removed ours (see below).
const SETTLE_MS = 100;

/**
 * Where the lock socket is bound: `pglite.sock` in DATA_DIR, by the shorter of its absolute and
 * relative paths; a directory too deep for a socket path falls back to a name derived from the
 * directory's real path (Linux abstract namespace, Windows named pipe), which the kernel also
 * frees when the process dies.
 */
function socketAddress(dataDir: string): { address: string; file?: string } {
  const file = join(dataDir, SOCKET_NAME);
  const name = `carecadence-pglite-${createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 32)}`;
  if (process.platform === 'win32') return { address: `\\\\?\\pipe\\${name}` };
  const shortest = [file, relative(process.cwd(), file)].sort((a, b) => a.length - b.length)[0];
  if (Buffer.byteLength(shortest) <= MAX_SOCKET_PATH) return { address: shortest, file };
  return { address: `\0${name}` };
}

function listen(address: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    // Whoever connects learns who holds the directory, for the refusal message.
    const server = createServer((socket) => socket.end(String(process.pid)));
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error)));
    server.listen(address, () => resolve(server));
  });
}

/** The live holder's pid (0 when it does not say), or undefined when nobody listens: the socket is stale. */
function probe(address: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection(address);
    let answer = '';
    const done = (value: number | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(Number(answer) || 0));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('end', () => done(Number(answer) || 0));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? undefined : 0));
  });
}

const inode = (file: string) => {
  try {
    return statSync(file).ino;
  } catch {
    return undefined;
  }
};

/**
 * Holds DATA_DIR for this process, or throws DataDirInUse. Embedded PGlite serves one process:
 * a second one on the same files would corrupt them.
 *
 * The lock is a Unix domain socket this process listens on. The kernel closes it when the process
 * dies, however it dies (`kill -9` included, before the process is even reaped), so a socket file
 * nobody answers on is stale and is replaced; a PID file could not tell a dead holder from a new,
 * unrelated process given the same id after a container restart.
 */
export async function lockDataDir(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  // The PID file earlier versions left behind means nothing now.
  rmSync(join(dataDir, 'pglite.lock'), { force: true });
  const { address, file } = socketAddress(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    const server = await listen(address);
    if (!server) {
      const holder = await probe(address);
      if (holder !== undefined) throw new DataDirInUse(holder || undefined);
      if (file) rmSync(file, { force: true });
      continue;
    }
    server.unref();
    if (!file) return;
    // Two processes that found the same stale socket may both replace it; the one whose socket
    // file is gone after a moment lost the race and must not go on.
    const mine = inode(file);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    // (Not closed: closing a Unix socket server unlinks the path, which is now the winner's.)
    if (inode(file) !== mine) throw new DataDirInUse(await probe(address));
    process.once('exit', () => {
      if (inode(file) === mine) unlinkSync(file);
    });
    return;
  }
  throw new DataDirInUse(undefined);
}
