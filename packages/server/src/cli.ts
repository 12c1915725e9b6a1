/**
 * `kefu-server`: runs the reference backend. Environment (docs/server.md has the table):
 *   PORT (8787), HOST (127.0.0.1), KEFU_DATA_DIR (./.kefu-data: the SQLite file and uploads),
 *   KEFU_DATABASE_URL (a `postgres://` URL: PostgreSQL instead of the SQLite file, for several
 *   instances on one database; docs/deploy.md), KEFU_DATABASE_MAX_CONNECTIONS (that pool's size per
 *   instance, 10), KEFU_ALLOWED_ORIGINS (comma-separated), KEFU_IDENTITY_SECRET (HS256 secret for
 *   identity tokens), KEFU_PUBLIC_URL (the address people open the console at, for invite links),
 *   KEFU_TRUST_PROXY (1 behind a
 *   reverse proxy that appends to X-Forwarded-For), KEFU_CHAT_ALWAYS_OPEN (1: chat takes
 *   conversations outside business hours and with no agent online; `npm start` sets it),
 *   KEFU_ORDER_LOOKUP_WAIT_MS (the wait after an order number's free tries, 30000; for test
 *   servers, so a test can sit it out), KEFU_PRESENCE_TTL_MS (how long an agent counts as online
 *   after their instance last said so, 30000; the same on every instance), KEFU_CONFIG (the
 *   store's settings file, JSON or YAML; settings/schema.ts), KEFU_ADMIN_KEY (the admin API's
 *   bootstrap key, every scope, never stored; 32 characters or more), KEFU_WEBHOOKS_ALLOW_PRIVATE
 *   (1: webhooks may be sent to loopback and private addresses; off by default).
 *
 * Arguments: `--config FILE` (the settings file, over KEFU_CONFIG), `--demo` (an empty database
 * gets the Maple & Moss demo store; without it the store starts with no orders and no articles),
 * and `kefu-server init [FILE]`, which writes a commented starter settings file and exits;
 * `kefu-server keys create --name N --scopes S,…`, `keys list` and `keys revoke ID` manage the admin
 * API's keys on the same database (admin/keys-command.ts); `kefu-server import orders FILE.ndjson`
 * (`-` for standard input) imports orders there (admin/import-orders.ts; exit 1 when lines were rejected);
 * `kefu-server agents add --email E --name N [--role admin|agent]` prints an agent's invite link,
 * `agents list` and `agents disable EMAIL` complete it (agents/agents-command.ts).
 *
 * A value that cannot be used stops the start with one line naming the variable (exit code 2),
 * before anything is opened.
 */
import { join, resolve } from 'node:path';
import { runImportArticlesCommand } from './admin/import-articles.js';
import { inviteLink, runAgentsCommand } from './agents/agents-command.js';
import { DEMO_AGENT_PASSWORD, DEMO_AGENTS } from './agents/demo-agents.js';
import { runImportOrdersCommand } from './admin/import-orders.js';
import { runKeysCommand } from './admin/keys-command.js';
import { CommandLineError, readCommandLine, type Command } from './command-line.js';
import { storeIsEmpty } from './db/seed.js';
import { readSettingsFile } from './settings/file.js';
import { SettingsError } from './settings/schema.js';
import { writeStarterSettings } from './settings/starter.js';
import { uploadStoreKinds, type UploadStoreKind } from './files/file-store.js';
import { DEFAULT_LOOKUP_LIMITS, type LookupLimits } from './http/rate-limit.js';
import { startServer, type ServerOptions } from './server.js';

/** A setting the operator has to fix; printed as one line, without a stack. */
class SettingError extends Error {}

function lookupLimits(firstWaitMs: string): LookupLimits {
  const wait = Number(firstWaitMs);
  if (!Number.isInteger(wait) || wait <= 0)
    throw new SettingError(`KEFU_ORDER_LOOKUP_WAIT_MS must be a whole number of ms, not "${firstWaitMs}".`);
  return { ...DEFAULT_LOOKUP_LIMITS, perOrderNumber: { ...DEFAULT_LOOKUP_LIMITS.perOrderNumber, firstWaitMs: wait } };
}

/**
 * A PostgreSQL connection URL as `pg` reads it: postgres:// or postgresql://, a host (or a
 * `?host=/socket/dir`). What is wrong is said without echoing the URL, which may hold a password.
 */
function databaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError(
      'KEFU_DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database (unset it for SQLite in KEFU_DATA_DIR).',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new SettingError(
      `KEFU_DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}// (unset it for SQLite in KEFU_DATA_DIR).`,
    );
  if (url.hostname === '' && !url.searchParams.get('host'))
    throw new SettingError('KEFU_DATABASE_URL names no host: postgres://user:password@host:5432/database.');
  return value;
}

function poolSize(value: string): number {
  const size = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(size) || size < 1 || size > 1000)
    throw new SettingError(`KEFU_DATABASE_MAX_CONNECTIONS must be a whole number from 1 to 1000, not "${value}".`);
  return size;
}

/** KEFU_UPLOAD_STORE and KEFU_UPLOADS_DIR: where uploads' bytes go (files/file-store.ts). */
function uploadOptions(env: NodeJS.ProcessEnv): Pick<ServerOptions, 'uploadStore' | 'uploadsDir'> {
  const store = env.KEFU_UPLOAD_STORE?.trim() || undefined;
  const dir = env.KEFU_UPLOADS_DIR?.trim() || undefined;
  if (store !== undefined && !(uploadStoreKinds as readonly string[]).includes(store))
    throw new SettingError(`KEFU_UPLOAD_STORE must be directory or database, not "${store}".`);
  if (store === 'database' && dir !== undefined)
    throw new SettingError(
      'KEFU_UPLOADS_DIR names a directory, but KEFU_UPLOAD_STORE=database keeps uploads in the database.',
    );
  return {
    ...(store === undefined ? {} : { uploadStore: store as UploadStoreKind }),
    ...(dir === undefined ? {} : { uploadsDir: resolve(dir) }),
  };
}

function presenceTtl(value: string): number {
  const ms = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || ms < 3000 || ms > 3_600_000)
    throw new SettingError(`KEFU_PRESENCE_TTL_MS must be a whole number of ms from 3000 to 3600000, not "${value}".`);
  return ms;
}

/** The bootstrap key opens every admin route: at least 32 characters, so it cannot be guessed either. */
function adminKey(value: string): string {
  if (value.length < 32)
    throw new SettingError('KEFU_ADMIN_KEY must be at least 32 characters (e.g. openssl rand -base64 32).');
  return value;
}

function port(value: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || number > 65_535)
    throw new SettingError(`PORT must be a port number (0–65535), not "${value}".`);
  return number;
}

function optionsFromEnvironment(env: NodeJS.ProcessEnv): ServerOptions {
  const database = env.KEFU_DATABASE_URL?.trim() ? databaseUrl(env.KEFU_DATABASE_URL.trim()) : undefined;
  const maxConnections = env.KEFU_DATABASE_MAX_CONNECTIONS?.trim()
    ? poolSize(env.KEFU_DATABASE_MAX_CONNECTIONS)
    : undefined;
  if (maxConnections !== undefined && database === undefined)
    throw new SettingError(
      'KEFU_DATABASE_MAX_CONNECTIONS sizes the PostgreSQL pool, but KEFU_DATABASE_URL is not set (SQLite has no pool).',
    );
  return {
    port: port(env.PORT ?? '8787'),
    host: env.HOST ?? '127.0.0.1',
    allowedOrigins: (env.KEFU_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    // With PostgreSQL the data folder still holds the uploads: a directory every instance mounts.
    dataDir: resolve(env.KEFU_DATA_DIR ?? '.kefu-data'),
    ...(database === undefined ? {} : { database }),
    ...(maxConnections === undefined ? {} : { databaseMaxConnections: maxConnections }),
    ...uploadOptions(env),
    ...(env.KEFU_IDENTITY_SECRET ? { identitySecret: env.KEFU_IDENTITY_SECRET } : {}),
    ...(env.KEFU_ADMIN_KEY?.trim() ? { adminKey: adminKey(env.KEFU_ADMIN_KEY.trim()) } : {}),
    trustProxy: env.KEFU_TRUST_PROXY === '1',
    chatAlwaysOpen: env.KEFU_CHAT_ALWAYS_OPEN === '1',
    // Webhooks may reach loopback and private addresses only when asked (SSRF, decision 0022).
    ...(env.KEFU_WEBHOOKS_ALLOW_PRIVATE === '1' ? { webhooks: { allowPrivate: true } } : {}),
    ...(env.KEFU_ORDER_LOOKUP_WAIT_MS ? { lookupLimits: lookupLimits(env.KEFU_ORDER_LOOKUP_WAIT_MS) } : {}),
    ...(env.KEFU_PRESENCE_TTL_MS?.trim() ? { presenceTtlMs: presenceTtl(env.KEFU_PRESENCE_TTL_MS) } : {}),
  };
}

/**
 * The store's settings file (`--config`, else KEFU_CONFIG) over `options`: its configuration, and
 * its allowed origins added to KEFU_ALLOWED_ORIGINS' (decision 0018), as the first value of the
 * settings the database keeps. `--demo` seeds the demo store.
 */
function withSettingsFile(options: ServerOptions, command: Command & { name: 'start' }, env: NodeJS.ProcessEnv) {
  const file = command.config ?? (env.KEFU_CONFIG?.trim() || undefined);
  if (file === undefined) return { ...options, demo: command.demo };
  const settings = readSettingsFile(resolve(file));
  return { ...options, settings, settingsSource: resolve(file), demo: command.demo, settingsFile: resolve(file) };
}

/** `kefu-server init [FILE]`: the commented starter settings, never over an existing file. */
function init(path: string): void {
  try {
    writeStarterSettings(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new SettingError(`${path} exists already; init does not overwrite it (name another file).`);
    throw new SettingError(`cannot write ${path}: ${(error as Error).message}`);
  }
  console.log(`Wrote ${path}: your store's settings, each one explained. Edit it, then start the server with`);
  console.log(`  KEFU_CONFIG=${path} kefu-server     (or: kefu-server --config ${path})`);
}

let options: ServerOptions & { readonly settingsFile?: string };
try {
  const command = readCommandLine(process.argv.slice(2));
  if (command.name === 'init') {
    init(command.path);
    process.exit(0);
  }
  if (command.name === 'import-orders') {
    // Like keys: on the server's database. The settings file only counts while the database has none.
    const environment = optionsFromEnvironment(process.env);
    const target = environment.database ?? join(environment.dataDir ?? resolve('.kefu-data'), 'kefu.sqlite');
    const settingsFile = command.config ?? (process.env.KEFU_CONFIG?.trim() || undefined);
    const io = { stdin: process.stdin, print: console.log, printError: console.error, progress: process.stderr };
    process.exit(
      await runImportOrdersCommand(command, target, io, settingsFile === undefined ? undefined : resolve(settingsFile)),
    );
  }
  if (command.name === 'import-articles') {
    // On the server's database, like keys; the settings file counts only while the database has none.
    const environment = optionsFromEnvironment(process.env);
    const target = environment.database ?? join(environment.dataDir ?? resolve('.kefu-data'), 'kefu.sqlite');
    const settingsFile = command.config ?? (process.env.KEFU_CONFIG?.trim() || undefined);
    process.exit(
      await runImportArticlesCommand(command, target, settingsFile === undefined ? undefined : resolve(settingsFile)),
    );
  }
  if (command.name === 'agents') {
    const environment = optionsFromEnvironment(process.env);
    const target = environment.database ?? join(environment.dataDir ?? resolve('.kefu-data'), 'kefu.sqlite');
    process.exit(await runAgentsCommand(command, target, process.env.KEFU_PUBLIC_URL?.trim() || undefined));
  }
  if (command.name === 'keys') {
    // On the database the server uses: KEFU_DATABASE_URL, else the SQLite file in KEFU_DATA_DIR.
    const environment = optionsFromEnvironment(process.env);
    const target = environment.database ?? join(environment.dataDir ?? resolve('.kefu-data'), 'kefu.sqlite');
    process.exit(await runKeysCommand(command, target));
  }
  options = withSettingsFile(optionsFromEnvironment(process.env), command, process.env);
} catch (error) {
  if (error instanceof SettingsError) {
    // One line per problem, each naming its key.
    for (const problem of error.problems) console.error(`kefu-server: ${error.source}: ${problem}`);
    process.exit(2);
  }
  if (!(error instanceof SettingError || error instanceof CommandLineError)) throw error;
  console.error(`kefu-server: ${error.message}`);
  process.exit(2);
}

let server;
try {
  server = await startServer(options);
} catch (error) {
  // The database's settings no longer pass this version's checks: say which keys, as for a file.
  if (!(error instanceof SettingsError)) throw error;
  for (const problem of error.problems) console.error(`kefu-server: ${error.source}: ${problem}`);
  process.exit(2);
}
console.log(`Kefu reference server: ${server.origin}/v1 (${options.database ? 'PostgreSQL' : 'SQLite'})`);
// The file (or the starter's or demo's settings) is the first value; after that the database's
// settings, edited in the agent console, win (decision 0018).
const initialSettings =
  options.settingsFile ??
  (options.demo
    ? 'the demo store’s'
    : 'the starter’s (kefu-server init writes them to a file to edit; KEFU_CONFIG reads it)');
const saved = server.settings.saved();
console.log(
  server.settings.start.from === 'initial'
    ? `Store settings: ${initialSettings}, now saved in the database (edit them in the agent console)`
    : `Store settings: the database's, saved ${new Date(saved.updatedAt).toISOString()} by ${saved.updatedBy} (edit them in the agent console)`,
);
if (options.settingsFile && server.settings.start.initialIgnored)
  console.warn(
    `kefu-server: warning: ${options.settingsFile} differs from the settings saved in the database, which apply; the file is only the first value (decision 0018).`,
  );
server.settings.onChange(({ updatedBy }) => console.log(`Store settings: changed by ${updatedBy}; they apply now.`));
if (!options.demo && (await storeIsEmpty(server.deps.engine)))
  console.log(
    'The store is empty (no orders, no help articles): kefu-server --demo fills an empty database with the demo store to try Kefu; loading your own is in docs/server.md ("Your store\'s settings").',
  );
// Agents sign in with their own accounts (decision 0023). With none yet, the first admin's invite
// link, new at each start until someone accepts it; with the demo, its two demo accounts.
console.log(`Agent console: ${server.origin}/agent`);
if (server.firstAdminInvite !== undefined)
  console.log(
    `No agent accounts yet. Open this link to become the first admin (it works once, for 72 hours): ${inviteLink(
      server.firstAdminInvite,
      process.env.KEFU_PUBLIC_URL?.trim() || server.origin,
    )}`,
  );
else if (options.demo && (await server.services.agents.find(DEMO_AGENTS[0]?.email ?? ''))?.status === 'active')
  console.log(
    `Demo agent accounts (for trying Kefu only): ${DEMO_AGENTS.map((agent) => `${agent.email} (${agent.role})`).join(', ')} — password: ${DEMO_AGENT_PASSWORD}`,
  );
else console.log('Agents sign in with their own accounts (kefu-server agents list shows them).');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
