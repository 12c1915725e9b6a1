// Helpers for the server's node:test suites: an API-only server with custom options, JSON
// requests, identity tokens and a clock tests can move. Not used by the server itself.
import { serve } from '@hono/node-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sign } from 'hono/jwt';
import { demoStoreConfig } from '@kefu/core/seed';
import { after, before } from 'node:test';
import { openMigratedEngine } from '../db/database.js';
import { freshPostgresDatabase } from '../db/both-engines.test-support.js';
import { seedDemoStore } from '../db/seed.js';
import { openFileStore } from '../files/file-store.js';
import { startServer, type RunningServer, type ServerOptions } from '../server.js';
import type { ServerDeps } from '../deps.js';
import { ApiError, errorBody, sendError } from '../errors.js';
import { createApiRoutes } from './index.js';
import { createServices, type Services } from '../compose.js';
import type { LookupLimits } from '../http/rate-limit.js';
import type { AgentRole } from '../agents/agents.js';
import { DEMO_AGENT_PASSWORD, DEMO_AGENTS } from '../agents/demo-agents.js';

export const IDENTITY_SECRET = 'test-identity-secret-0123456789abcdef';

/** A clock the tests move; starts at the real time so the demo orders' dates make sense. */
export function testClock(start = Date.now()) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/**
 * The database the server tests run on: the embedded SQLite (the default, as `npm start`), or,
 * with `KEFU_TEST_DATABASE=postgres` (the `node-postgres` suite of `npm test`), a new database in
 * this process's PostgreSQL cluster — one per `dataDir`, so a test that restarts a server on the
 * same data folder finds its data again, as it would in the SQLite file.
 */
const postgresByDataDir = new Map<string, Promise<string>>();
export async function testDatabase(dataDir?: string): Promise<string | undefined> {
  const choice = process.env.KEFU_TEST_DATABASE ?? 'sqlite';
  if (choice === 'sqlite') return undefined;
  if (choice !== 'postgres') throw new Error(`KEFU_TEST_DATABASE is sqlite or postgres, not "${choice}".`);
  if (dataDir === undefined) return freshPostgresDatabase();
  let url = postgresByDataDir.get(dataDir);
  if (!url) {
    url = freshPostgresDatabase();
    postgresByDataDir.set(dataDir, url);
  }
  return url;
}

/**
 * startServer on the tests' database (see testDatabase), with the demo store (Maple & Moss) the
 * tests are written against unless `demo: false` says otherwise.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  const database = options.database ?? (await testDatabase(options.dataDir));
  return startServer({ demo: true, ...options, ...(database === undefined ? {} : { database }) });
}

/**
 * A reference server in a process of its own (a second instance, or one a test kills with
 * SIGKILL), started with `options` (the demo store unless `demo: false`) and `env` added to this
 * process's environment.
 */
export async function startServerProcess(
  options: ServerOptions,
  env: Record<string, string> = {},
): Promise<{ base: string; child: ChildProcess }> {
  const script = `const { startServer } = await import(${JSON.stringify(serverModule)});
    const server = await startServer(${JSON.stringify({ port: 0, demo: true, ...options })});
    console.log(server.origin);`;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    // stdio 'pipe' for stdout: it is there.
    createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
  });
  return { base: `${origin}/v1`, child };
}

const serverModule = new URL('../server.ts', import.meta.url).pathname;

/** What a command-line run printed, and how it exited (null: killed at the bound). */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `kefu-server ARGS` in a process of its own, run to its exit, as an operator runs it: the CLI's
 * source through tsx unless `script` names another (the built `dist/cli.js` runs as it is), with
 * `env` and PATH for its whole environment, `stdin` as its standard input. Killed after two
 * minutes: a command that hangs fails its test (code null), not the whole run.
 */
export async function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string; script?: string } = {},
): Promise<CliRun> {
  const script = options.script ?? cliModule;
  const loader = script.endsWith('.ts') ? ['--conditions=source', '--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, script, ...args], {
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Standard input ends after `stdin` (at once without it), as a file redirected to the command;
  // a command that exits without reading it is not this helper's failure.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  // 'close', not 'exit': by then all of its output has been read.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The environment that points the CLI at a server's database: its data folder, and PostgreSQL's URL when set. */
export function cliDatabaseEnv(dataDir: string, database: string | undefined): Record<string, string> {
  return { KEFU_DATA_DIR: dataDir, ...(database ? { KEFU_DATABASE_URL: database } : {}) };
}

const cliModule = new URL('../cli.ts', import.meta.url).pathname;

export interface ApiOptions {
  /** Failed order lookups allowed per client address and per (address, order number) (DEFAULT_LOOKUP_LIMITS). */
  readonly limits?: LookupLimits;
  /**
   * Take the client address for rate limits from X-Forwarded-For (its last entry). Only behind a
   * reverse proxy that sets it; otherwise anyone could pick their own address. Default false.
   */
  readonly trustProxy?: boolean;
}

/** The password of the accounts `agentCookie` makes (the demo's agents have DEMO_AGENT_PASSWORD). */
export const TEST_AGENT_PASSWORD = 'test-agent-password-42';

/**
 * An agent signed in to the console over HTTP, as its sign-in form does: the session cookie
 * (`name=value`) for later calls and sockets. The demo's agents (Mei, the admin, by default; Lin)
 * sign in with the demo password on any demo server, in this process or another (`target` an
 * origin). On a server in this process (`target` a RunningServer) any other name gets an account
 * first (`<name>.<role>@agents.test`), and a demo agent missing from a server without the demo too.
 * `via`: sign in through this origin instead (a reverse proxy in front of `target`).
 */
export async function agentCookie(
  target: RunningServer | string,
  who: { readonly name?: string; readonly role?: AgentRole; readonly via?: string } = {},
): Promise<string> {
  const name = who.name ?? 'Mei';
  const demo = DEMO_AGENTS.find((agent) => agent.name === name && (who.role ?? agent.role) === agent.role);
  const account = demo
    ? { ...demo, password: DEMO_AGENT_PASSWORD }
    : {
        email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${who.role ?? 'agent'}@agents.test`,
        name,
        role: who.role ?? 'agent',
        password: TEST_AGENT_PASSWORD,
      };
  if (typeof target !== 'string' && !(await target.services.agents.find(account.email)))
    await target.services.agents.create(account);
  else if (typeof target === 'string' && !demo)
    throw new Error(`agentCookie: only the demo's agents can sign in to a server in another process, not ${name}`);
  const origin = who.via ?? (typeof target === 'string' ? target : target.origin);
  const response = await fetch(`${origin}/agent/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (response.status !== 200) throw new Error(`console sign-in answered ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

export interface ApiServer {
  readonly base: string;
  readonly deps: ServerDeps;
  readonly services: Services;
  close(): Promise<void>;
}

/**
 * The REST routes alone (no chat, no console) on 127.0.0.1, answering errors as app.ts does, for
 * tests that need options the full app does not take, such as other rate limits.
 */
export async function startApiServer(
  options: ApiOptions & { readonly now?: () => number; readonly dataDir?: string } = {},
): Promise<ApiServer> {
  const engine = await openMigratedEngine(
    (await testDatabase(options.dataDir)) ?? (options.dataDir ? join(options.dataDir, 'kefu.sqlite') : ':memory:'),
  );
  const now = options.now ?? Date.now;
  await seedDemoStore(engine, now(), demoStoreConfig);
  const deps: ServerDeps = {
    engine,
    config: demoStoreConfig,
    now,
    identitySecret: IDENTITY_SECRET,
    files: openFileStore(engine, {
      defaultDir: join(options.dataDir ?? join(tmpdir(), `kefu-test-uploads-${process.pid}`), 'uploads'),
    }),
    allowedOrigins: [],
    trustProxy: options.trustProxy ?? false,
    ...(options.limits ? { lookupLimits: options.limits } : {}),
  };
  const services = createServices(deps);
  const app = new OpenAPIHono();
  app.route('/v1', createApiRoutes(services, deps));
  app.notFound((c) => c.json(errorBody('not_found', 'No route.'), 404));
  app.onError((error, c) =>
    error instanceof ApiError ? sendError(c, error) : c.json(errorBody('internal', error.message), 500),
  );
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        base: `http://127.0.0.1:${info.port}/v1`,
        deps,
        services,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              void services
                .close()
                .then(() => engine.close())
                .then(done);
            });
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

export interface JsonAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: T;
}

/** One request with an optional JSON body; answers status, headers, raw text and parsed body. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; key?: string; headers?: Record<string, string> } = {},
): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : null) as T };
}

/** An answer of the admin API: its body parsed, or `{}` when it is not JSON (the assertions that read it fail). */
export interface AdminAnswer<Body> {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  readonly body: Body;
}

/**
 * The admin API (/admin/v1, at `base()` once the server is up) as a store's developer calls it:
 * `send(method, path, body?, key?, raw?)` with `key` as the Bearer key (`defaultKey` unless given;
 * '' sends none) and `raw` as the body's very text when a test wants one JSON cannot write.
 */
export function adminSender<Body>(base: () => string, defaultKey: string) {
  return async (method: string, path: string, body?: unknown, key = defaultKey, raw?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== '') headers.authorization = `Bearer ${key}`;
    const response = await fetch(`${base()}${path}`, {
      method,
      headers,
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed = {} as Body;
    try {
      parsed = JSON.parse(text) as Body;
    } catch {
      // A non-JSON answer fails the assertions that read it.
    }
    return { status: response.status, text, headers: response.headers, body: parsed } satisfies AdminAnswer<Body>;
  };
}

/** The error body's parts, for assertions. */
export function errorOf(answer: JsonAnswer): { code: string; message: string; fields?: Record<string, string> } {
  return (answer.body as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
}

/** An identity token as a store would sign it for its signed-in shopper. */
export function identityToken(customerId: string, options: { expiresAt?: number; secret?: string } = {}) {
  const exp = Math.floor((options.expiresAt ?? Date.now() + 3_600_000) / 1000);
  return sign({ sub: customerId, exp }, options.secret ?? IDENTITY_SECRET, 'HS256');
}

/** A 1×1 transparent PNG, byte for byte. */
export const tinyPng = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
  0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

/** `%PDF-1.7` and a little more: what a PDF's bytes start with. */
export const tinyPdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** POST /uploads with a `file` part, and `purpose` and `conversationId` parts when given. */
export async function uploadFile(
  base: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: {
    token?: string;
    key?: string;
    name?: string;
    type?: string;
    purpose?: string;
    conversationId?: string;
  } = {},
): Promise<JsonAnswer> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: options.type ?? 'image/png' }), options.name ?? 'photo.png');
  if (options.purpose !== undefined) form.append('purpose', options.purpose);
  if (options.conversationId !== undefined) form.append('conversationId', options.conversationId);
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const response = await fetch(`${base}/uploads`, { method: 'POST', headers, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

/**
 * A reference server for the enclosing describe block: started on a free port of 127.0.0.1 before
 * its tests, closed after them. `api.base` is its /v1 URL, `api.server` the running server.
 */
export function serverForSuite(options: ServerOptions = {}) {
  let running: RunningServer | undefined;
  before(async () => {
    running = await startTestServer({ port: 0, ...options });
  });
  after(() => running?.close());
  return {
    get server(): RunningServer {
      if (!running) throw new Error('the server starts in before()');
      return running;
    },
    get base(): string {
      return `${this.server.origin}/v1`;
    },
  };
}
