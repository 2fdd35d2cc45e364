import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './services.js';

/**
 * A TCP proxy in front of a shared server (Redis, PostgreSQL) that a test can cut and restore,
 * so a service loses its dependency without anyone stopping the real one.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private stalled = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    if (!this.port) this.port = await freePort();
    const server = createServer((client) => {
      if (this.stalled) {
        // Accepted and never answered, like a server that hangs.
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => undefined);
        return;
      }
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  /** Drops every connection and refuses new ones until restore(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Connections stay open but nothing passes either way, and new ones are accepted and never
   * answered: a dependency that hangs rather than refuses. restore() ends it.
   */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  async restore(): Promise<void> {
    if (this.stalled) {
      // Clients reconnect through a proxy that forwards again.
      this.stalled = false;
      for (const socket of this.sockets) socket.destroy();
      return;
    }
    await this.start();
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
