import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { StoreConfig } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { createApp } from './app.js';
import { openMigratedEngine } from './db/database.js';
import { seedDemoStore, seedEmptyStore } from './db/seed.js';
import { starterSettings } from './settings/starter.js';
import { openLiveSettings, type LiveSettings } from './settings/live.js';
import type { StoreSettings } from './settings/schema.js';
import { createServices, type Services } from './compose.js';
import { seedDemoAgents } from './agents/demo-agents.js';
import { attachSockets } from './chat/socket.js';
import type { ServerDeps } from './deps.js';
import { openFileStore, type UploadStoreKind } from './files/file-store.js';
import type { LookupLimits } from './http/rate-limit.js';

export interface ServerOptions {
  /** Defaults to 127.0.0.1: the reference server is not exposed beyond this machine unless asked. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where the SQLite file and uploads live; omit for an in-memory database (tests). */
  readonly dataDir?: string;
  /**
   * The database, when not the SQLite file in `dataDir`: a `postgres://` URL (several instances on
   * one database; `KEFU_DATABASE_URL`), a SQLite file path, or `:memory:`.
   */
  readonly database?: string;
  /** The PostgreSQL pool's size per instance (`KEFU_DATABASE_MAX_CONNECTIONS`; 10). SQLite has none. */
  readonly databaseMaxConnections?: number;
  /**
   * The store's settings (what GET /v1/config serves): from its settings file (`KEFU_CONFIG`,
   * settings/file.ts). Default: the demo store's with `demo`, else the starter file's
   * (`kefu-server init`).
   */
  readonly config?: StoreConfig;
  /**
   * The settings file's settings (its configuration and allowed origins), over `config`. Whichever
   * is given is only the first value: once the database holds settings, its settings win (they are
   * edited in the console; decision 0018).
   */
  readonly settings?: StoreSettings;
  /** Where `settings` came from, for the database's `updated_by` of the first value (e.g. the file's path). */
  readonly settingsSource?: string;
  /**
   * Fill an empty database with the demo store, Maple & Moss: its orders, 84 help articles and two
   * demo agents (agents/demo-agents.ts; `kefu-server --demo`, `npm start`, the tests). Default
   * false: a store starts with no orders, no articles and no agents (its first start makes the
   * first admin's invite).
   */
  readonly demo?: boolean;
  /** Storefront origins allowed by CORS (KEFU_ALLOWED_ORIGINS), besides the settings' `allowedOrigins`. */
  readonly allowedOrigins?: readonly string[];
  readonly identitySecret?: string;
  /** The admin API's bootstrap key (`KEFU_ADMIN_KEY`), with every scope; none by default. */
  readonly adminKey?: string;
  readonly trustProxy?: boolean;
  /** Failed order lookups allowed; DEFAULT_LOOKUP_LIMITS when not given. */
  readonly lookupLimits?: LookupLimits;
  /** How long an agent counts as online after their instance last said so (`KEFU_PRESENCE_TTL_MS`; 30 s). */
  readonly presenceTtlMs?: number;
  /** Chat open outside business hours and with no agent online (`KEFU_CHAT_ALWAYS_OPEN=1`). Default false. */
  readonly chatAlwaysOpen?: boolean;
  /**
   * Where uploads' bytes are kept (`KEFU_UPLOAD_STORE`): `directory` (`uploadsDir`) or `database`
   * (every instance on it serves them). Default: `database` on PostgreSQL unless `uploadsDir` is
   * given, else `directory`.
   */
  readonly uploadStore?: UploadStoreKind;
  /** The uploads directory (`KEFU_UPLOADS_DIR`); default `<dataDir>/uploads`. */
  readonly uploadsDir?: string;
  /**
   * Webhooks (decision 0022): `allowPrivate` lets them reach loopback and private addresses
   * (`KEFU_WEBHOOKS_ALLOW_PRIVATE=1`; off by default, against SSRF); tests shorten the retry waits.
   */
  readonly webhooks?: ServerDeps['webhooks'];
  readonly now?: () => number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  readonly origin: string;
  readonly port: number;
  readonly deps: ServerDeps;
  /** What the server is made of (compose.ts); tests reach the services through it. */
  readonly services: Services;
  /** The store's settings: where they came from at start, and any change (settings/live.ts). */
  readonly settings: LiveSettings;
  /**
   * With no agent account yet: the path of a new invite link for the first admin
   * (`/agent/invite#<token>`, decision 0023). Each start makes a new one until someone accepts.
   */
  readonly firstAdminInvite?: string;
  close(): Promise<void>;
}

/** How long a shutdown waits for requests in flight before it ends their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;
/**
 * How long an idle keep-alive connection stays open. Node's default, 5 s, is shorter than what the
 * clients in front of a server keep theirs (a load balancer's 60 s; fetch's 4 s, late under load):
 * a client that sends on a connection the server is just closing gets ECONNRESET (the admin fuzz
 * test met it in CI), and a load balancer answers 502. Longer than the usual 60 s, as they advise.
 */
export const KEEP_ALIVE_MS = 65_000;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const engine = await openMigratedEngine(
    options.database ?? (options.dataDir ? join(options.dataDir, 'kefu.sqlite') : ':memory:'),
    options.databaseMaxConnections === undefined ? {} : { maxConnections: options.databaseMaxConnections },
  );
  const now = options.now ?? Date.now;
  const initial: StoreSettings = options.settings ?? {
    store: options.config ?? (options.demo ? demoStoreConfig : starterSettings().store),
    allowedOrigins: [],
  };
  const settings = await openLiveSettings(engine, initial, {
    initialSource:
      options.settingsSource ?? (options.settings || options.config ? 'the server options' : 'the starter settings'),
    now,
  }).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  if (options.demo) await seedDemoStore(engine, now(), settings.current().store);
  else await seedEmptyStore(engine);
  const environmentOrigins = options.allowedOrigins ?? [];
  const deps: ServerDeps = {
    engine,
    settings,
    // Read on use: a save in the console (here or on another instance) applies from the next request.
    get config() {
      return settings.current().store;
    },
    get allowedOrigins() {
      return [...new Set([...environmentOrigins, ...settings.current().allowedOrigins])];
    },
    now,
    identitySecret: options.identitySecret ?? randomBytes(32).toString('hex'),
    ...(options.adminKey ? { adminKey: options.adminKey } : {}),
    files: openFileStore(engine, {
      kind: options.uploadStore,
      dir: options.uploadsDir,
      defaultDir: join(options.dataDir ?? join(tmpdir(), `kefu-uploads-${process.pid}`), 'uploads'),
    }),
    trustProxy: options.trustProxy ?? false,
    ...(options.lookupLimits ? { lookupLimits: options.lookupLimits } : {}),
    ...(options.presenceTtlMs === undefined ? {} : { presenceTtlMs: options.presenceTtlMs }),
    chatAlwaysOpen: options.chatAlwaysOpen ?? false,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  };
  const services = createServices(deps);
  // Every instance sends the webhooks' queue; services.close() stops it before the database closes.
  services.webhooks.worker.start();
  if (options.demo) await seedDemoAgents(services.agents);
  const firstAdminToken = await services.agents.firstAdminInvite();
  let closing = false;
  const { app } = createApp(services, { closing: () => closing });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 }, (info: AddressInfo) => {
      const sockets = attachSockets(server as Server, services);
      (server as Server).keepAliveTimeout = KEEP_ALIVE_MS;
      // Larger than the keep-alive, or Node may end a kept connection while it waits for headers.
      (server as Server).headersTimeout = KEEP_ALIVE_MS + 1000;
      resolve({
        origin: `http://${host}:${info.port}`,
        port: info.port,
        deps,
        services,
        settings,
        ...(firstAdminToken === undefined ? {} : { firstAdminInvite: `/agent/invite#${firstAdminToken}` }),
        // Graceful: no new connections; idle keep-alive ones end now; a request in flight (its
        // transaction, its answer) finishes, for at most SHUTDOWN_GRACE_MS; then the rest end (a
        // client still sending a body that was already answered, a 413 say) and the database.
        close: () =>
          new Promise<void>((done, fail) => {
            closing = true;
            settings.close();
            sockets.close();
            const http = server as Server;
            http.close((error) => {
              // The chat's presence rows and LISTEN connection go before the database does.
              services
                .close()
                .then(() => engine.close())
                .then(() => (error ? fail(error) : done()), fail);
            });
            http.closeIdleConnections();
            void answered(SHUTDOWN_GRACE_MS).then(() => http.closeAllConnections());
          }),
      });
    });
    server.once('error', reject);
    // The requests not answered yet, which a shutdown lets finish.
    const unanswered = new Set<ServerResponse>();
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      unanswered.add(response);
      const forget = () => unanswered.delete(response);
      response.once('finish', forget).once('close', forget);
    });
    /** Resolves once every request in flight has its answer, or after `ms`. */
    async function answered(ms: number): Promise<void> {
      for (const deadline = Date.now() + ms; unanswered.size > 0 && Date.now() < deadline;) await delay(20);
    }
  });
}
