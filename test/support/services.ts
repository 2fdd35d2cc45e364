import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The repository: the nearest folder with a package.json, whether this file runs from source or from a build. */
export const ROOT = repositoryRoot(fileURLToPath(new URL('.', import.meta.url)));

function repositoryRoot(from: string): string {
  return existsSync(join(from, 'package.json')) || dirname(from) === from ? from : repositoryRoot(dirname(from));
}

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Ports handed out by this process, so two services of one test never get the same one. */
const handedOut = new Set<number>();

/**
 * A port nothing listens on, for a service a test starts. Taken below Linux's ephemeral range
 * (32768–60999): a port from that range (what `listen(0)` gives) can become, between this check and
 * the service's own listen, the local end of any outgoing connection, and the service then fails
 * with EADDRINUSE (seen in CI, on a notifier's port). Checked on every interface, as services listen.
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('freePort: no free port found between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

export function tempDir(prefix = 'carecadence-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A queue prefix of its own per test run, so runs never see each other's jobs. */
export function uniquePrefix(): string {
  return `{cc-test-${randomBytes(4).toString('hex')}}`;
}

/** Services still running when the test process ends are killed with it, whatever failed first. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export type Entry = 'scheduler' | 'notifier' | 'standalone';

/**
 * A built service (dist/…/main.js) running as a child process, exactly as a container runs it.
 * `build` names another build folder (the bench runs the services it built into dist-bench/).
 */
export class ServiceProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly entry: Entry,
    readonly env: Record<string, string>,
    readonly build = 'dist',
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  // Generous: on a shared 2-core machine under load a cold start (PGlite migrations included) takes 40 s.
  async start(readyUrl?: string, timeoutMs = 90_000): Promise<this> {
    // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the services a run starts.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, this.build, 'apps', this.entry, 'src/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.stdout.on('data', (chunk) => this.output.push(String(chunk)));
    child.stderr.on('data', (chunk) => this.output.push(String(chunk)));
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    if (readyUrl) await this.waitReady(readyUrl, timeoutMs);
    return this;
  }

  /** Resolves with the exit code; for services expected to stop on their own. */
  waitExit(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  private async waitReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited?.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`${this.entry} exited with ${exitCode}:\n${this.output.join('')}`);
      const ok = await fetch(url).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.entry} not ready at ${url} after ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    // Past the services' own 25 s shutdown budget (they exit 1 and say so), so their word is heard.
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    const code = await this.exited!;
    clearTimeout(timer);
    if (code !== 0 && signal === 'SIGTERM') {
      // The assertion on the code says only "null" or "1": the service's last lines say why.
      process.stderr.write(`${this.entry} stopped with ${code}; its last output:\n${this.output.join('').slice(-4000)}\n`);
    }
    return code;
  }
}

/** A fresh PostgreSQL database on the server of TEST_DATABASE_URL, dropped by `drop()`. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `carecadence_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Polls until `check` returns a value that is not undefined/false, or fails with the last value. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await check();
    if (last !== undefined && last !== false) return last as T;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
