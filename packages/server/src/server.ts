import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { StoreConfig } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { createApp } from './app.js';
import { openMigratedEngine } from './db/database.js';
import { seedDemoStore } from './db/seed.js';
import { attachSockets } from './chat/socket.js';
import type { ServerDeps } from './deps.js';
import type { LookupLimits } from './http/rate-limit.js';

export interface ServerOptions {
  /** Defaults to 127.0.0.1: the reference server is not exposed beyond this machine unless asked. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where the SQLite file and uploads live; omit for an in-memory database (tests). */
  readonly dataDir?: string;
  readonly config?: StoreConfig;
  readonly allowedOrigins?: readonly string[];
  readonly identitySecret?: string;
  readonly agentPassword?: string;
  readonly trustProxy?: boolean;
  /** Failed order lookups allowed; DEFAULT_LOOKUP_LIMITS when not given. */
  readonly lookupLimits?: LookupLimits;
  readonly now?: () => number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly origin: string;
  readonly port: number;
  readonly deps: ServerDeps;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const engine = await openMigratedEngine(options.dataDir ? join(options.dataDir, 'kefu.sqlite') : ':memory:');
  const config = options.config ?? demoStoreConfig;
  const now = options.now ?? Date.now;
  await seedDemoStore(engine, now(), config);
  const deps: ServerDeps = {
    engine,
    db: engine.sqlite,
    config,
    now,
    identitySecret: options.identitySecret ?? randomBytes(32).toString('hex'),
    agentPassword: options.agentPassword ?? randomBytes(9).toString('base64url'),
    uploadsDir: join(options.dataDir ?? join(tmpdir(), `kefu-uploads-${process.pid}`), 'uploads'),
    allowedOrigins: options.allowedOrigins ?? [],
    trustProxy: options.trustProxy ?? false,
    ...(options.lookupLimits ? { lookupLimits: options.lookupLimits } : {}),
  };
  const { app } = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 }, (info: AddressInfo) => {
      const sockets = attachSockets(server as Server, deps);
      resolve({
        origin: `http://${host}:${info.port}`,
        port: info.port,
        deps,
        close: () =>
          new Promise<void>((done, fail) => {
            sockets.close();
            server.close((error) => {
              engine.close().then(() => (error ? fail(error) : done()), fail);
            });
            // Keep-alive sockets would hold close() open; nobody is waiting on them any more.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
