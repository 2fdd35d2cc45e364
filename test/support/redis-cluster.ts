import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { tempDir } from './services.js';

const run = promisify(execFile);

/**
 * Redis Cluster's own failure detection: a master unreachable this long is failed over to its
 * replica. Redis' default is 15 s; 5 s is a common production value and keeps the failover test
 * short. Nothing in carecadence is tuned to it.
 */
const NODE_TIMEOUT_MS = 5000;

interface ClusterNodeProcess {
  port: number;
  dir: string;
  child: ChildProcess;
}

/** A port free for Redis and for its cluster bus (the port + 10000). */
async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (port + 10000 <= 65535 && (await listenOnce(port + 10000).catch(() => 0)) === port + 10000) return port;
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

async function answers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  const reply = await client.connect().then(
    () => client.ping(),
    () => undefined,
  );
  client.disconnect();
  return reply === 'PONG';
}

/**
 * A local Redis Cluster for tests and the cluster benchmark: `redis-server --cluster-enabled yes`
 * on free ports, each in a temporary directory of its own, without persistence, joined by
 * `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`. Three masters and three
 * replicas by default. `stop()` kills every node and removes the directories.
 */
export class RedisCluster {
  readonly nodes: ClusterNodeProcess[] = [];

  constructor(readonly size = 6) {}

  /** REDIS_CLUSTER_NODES for the services: every node, so any may serve as the seed. */
  get nodesSetting(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  async start(): Promise<this> {
    for (let i = 0; i < this.size; i++) {
      const port = await freeClusterPort();
      const dir = tempDir('carecadence-cluster-');
      const child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(dir, 'nodes.conf'),
          '--cluster-node-timeout',
          String(NODE_TIMEOUT_MS),
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
          // A replica syncs at once rather than after 5 s of waiting for others to join in.
          '--repl-diskless-sync-delay',
          '0',
        ],
        { stdio: 'ignore' },
      );
      this.nodes.push({ port, dir, child });
    }
    const deadline = Date.now() + 15_000;
    for (const node of this.nodes) {
      while (!(await answers(node.port))) {
        if (node.child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${node.port}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await run(
      'redis-cli',
      ['--cluster', 'create', ...this.nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'],
      {
        timeout: 60_000,
      },
    );
    await this.waitForState('ok');
    await this.waitForReplicas();
    return this;
  }

  /**
   * Until every replica has its master's data: a replica that never synced refuses to take over
   * ("disconnected from master for longer than allowed").
   */
  async waitForReplicas(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const roles = await Promise.all(this.live().map((node) => this.command(node.port, 'INFO', 'replication').catch(() => '')));
      const replicas = roles.filter((info) => info.includes('role:slave'));
      if (replicas.length === this.live().length / 2 && replicas.every((info) => info.includes('master_link_status:up'))) return;
      if (Date.now() > deadline) throw new Error(`replicas did not sync: ${roles.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Until every live node says `cluster_state:<state>` and (for ok) every slot is served. */
  async waitForState(state: 'ok' | 'fail', timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const views = await Promise.all(this.live().map((node) => this.command(node.port, 'CLUSTER', 'INFO').catch(() => '')));
      if (views.every((info) => info.includes(`cluster_state:${state}`) && (state === 'fail' || info.includes('cluster_slots_ok:16384'))))
        return;
      if (Date.now() > deadline) throw new Error(`the cluster did not reach cluster_state:${state}: ${views.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The masters serving slots now, as a live node sees them. */
  async masters(): Promise<{ port: number; id: string; slots: string[] }[]> {
    const [first] = this.live();
    const client = new Redis({ port: first.port, host: '127.0.0.1' });
    try {
      const lines = String(await client.cluster('NODES'))
        .trim()
        .split('\n');
      return lines
        .map((line) => line.split(' '))
        .filter((fields) => fields[2].includes('master') && !fields[2].includes('fail') && fields.length > 8)
        .map((fields) => ({ id: fields[0], port: Number(/:(\d+)@/.exec(fields[1])![1]), slots: fields.slice(8) }));
    } finally {
      client.disconnect();
    }
  }

  /** The master that serves `key`'s slot now. */
  async masterOf(key: string): Promise<number> {
    const client = new Cluster([{ host: '127.0.0.1', port: this.live()[0].port }]);
    try {
      const slot = Number(await client.cluster('KEYSLOT', key));
      const owner = (await this.masters()).find((master) => master.slots.some((range) => inRange(range, slot)));
      if (!owner) throw new Error(`no master serves slot ${slot}`);
      return owner.port;
    } finally {
      client.disconnect();
    }
  }

  /** Keys matching `pattern` on each master, by port. */
  async keysPerMaster(pattern: string): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const master of await this.masters()) {
      const client = new Redis({ port: master.port, host: '127.0.0.1' });
      let cursor = '0';
      let n = 0;
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        n += keys.length;
      } while (cursor !== '0');
      client.disconnect();
      counts.set(master.port, n);
    }
    return counts;
  }

  /** `kill -9` of one node: no goodbye to the cluster, which must notice on its own. */
  async kill(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    if (!node || node.child.exitCode !== null) return;
    const exited = new Promise((resolve) => node.child.once('exit', resolve));
    node.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) {
      if (node.child.exitCode === null && node.child.signalCode === null) {
        const exited = new Promise((resolve) => node.child.once('exit', resolve));
        node.child.kill('SIGKILL');
        await exited;
      }
      rmSync(node.dir, { recursive: true, force: true });
    }
  }

  private live(): ClusterNodeProcess[] {
    return this.nodes.filter((node) => node.child.exitCode === null && node.child.signalCode === null);
  }

  private async command(port: number, name: string, ...args: string[]): Promise<string> {
    const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return String(await client.call(name, ...args));
    } finally {
      client.disconnect();
    }
  }
}

function inRange(range: string, slot: number): boolean {
  if (range.startsWith('[')) return false; // a slot being migrated
  const [from, to = from] = range.split('-').map(Number);
  return slot >= from && slot <= to;
}
