#!/usr/bin/env node
// Regenerates the console's API types (apps/console/src/lib/api/schema.d.ts) from the OpenAPI
// document the built scheduler serves at /docs-json, so the console and the API cannot drift.
//   node scripts/console-api-types.mjs           write the file (after `npm run build`)
//   node scripts/console-api-types.mjs --check   exit 1 when the committed file differs
//   node scripts/console-api-types.mjs --url http://127.0.0.1:3000   from a scheduler already running
// The services run once, in one process on a throw-away embedded database (PGlite) with a queue
// prefix of their own; Redis must answer on REDIS_URL (default 127.0.0.1:6379), as for the tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'apps/console/src/lib/api/schema.d.ts');
const check = process.argv.includes('--check');
const urlAt = process.argv.indexOf('--url');
const runningScheduler = urlAt > 0 ? process.argv[urlAt + 1] : undefined;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function fetchDocument() {
  const [scheduler, notifier] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'carecadence-openapi-'));
  const child = spawn(process.execPath, [join(root, 'dist/apps/standalone/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      DATA_DIR: dataDir,
      SCHEDULER_PORT: String(scheduler),
      NOTIFIER_PORT: String(notifier),
      QUEUE_PREFIX: `{cc-openapi-${randomBytes(4).toString('hex')}}`,
      ADMIN_TOKEN: randomBytes(16).toString('hex'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    const deadline = Date.now() + 120_000; // a cold start takes 40 s on a busy 2-core machine
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the services exited with ${child.exitCode}:\n${stderr}`);
      const response = await fetch(`http://127.0.0.1:${scheduler}/docs-json`).catch(() => undefined);
      if (response?.ok) return await response.json();
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no OpenAPI document at /docs-json within two minutes:\n${stderr}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function fetchRunning(url) {
  const response = await fetch(new URL('/docs-json', url));
  if (!response.ok) throw new Error(`${url}/docs-json answered ${response.status}`);
  return response.json();
}

const document = runningScheduler ? await fetchRunning(runningScheduler) : await fetchDocument();
const header = "// Generated from the scheduler's OpenAPI document by scripts/console-api-types.mjs. Do not edit.\n";
const source = header + astToString(await openapiTS(document, { alphabetize: true }));
const options = { ...(await prettier.resolveConfig(target)), parser: 'typescript' };
const formatted = await prettier.format(source, options);

if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as drift
  }
  if (committed !== formatted) {
    console.error('apps/console/src/lib/api/schema.d.ts is not what the API describes: run `npm run build && npm run console:api-types`');
    process.exit(1);
  }
  console.log('console API types match the OpenAPI document');
} else {
  writeFileSync(target, formatted);
  console.log(`wrote ${target}`);
}
