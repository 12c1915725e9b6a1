// The store's settings saved in the database and edited in the agent console (issue 22, part 2;
// decision 0018), on both engines: a save changes what the widget reads at GET /v1/config, a wrong
// one is refused naming the key and stores nothing, a restart keeps the saved settings over the
// file's, and on PostgreSQL a save through one instance is served by another.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { StoreConfig } from '@kefu/core';
import {
  engineNames,
  freshPostgresDatabase,
  usePostgresCluster,
  type EngineName,
} from '../db/both-engines.test-support.js';
import { agentCookie } from '../routes/test-helpers.js';
import { startServer, type RunningServer } from '../server.js';
import { starterSettings } from './starter.js';
import type { StoreSettings } from './schema.js';
import { SETTINGS_REFRESH_MS } from './live.js';

usePostgresCluster();

/** A store's settings file as the server was first started with: a tea house, not the starter's name. */
const fileSettings: StoreSettings = (() => {
  const starter = starterSettings();
  return {
    store: { ...starter.store, brand: { ...starter.store.brand, name: 'Tea House' } },
    allowedOrigins: ['https://tea.example'],
  };
})();

/** The settings as the console edits them: the file's shape. */
type FileShape = StoreConfig & { allowedOrigins: readonly string[] };
const asFile = (settings: StoreSettings): FileShape => ({ ...settings.store, allowedOrigins: settings.allowedOrigins });

interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

async function request<T>(
  server: RunningServer,
  method: 'GET' | 'PUT',
  path: string,
  options: { cookie?: string; body?: unknown; origin?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.origin) headers.origin = options.origin;
  const response = await fetch(`${server.origin}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const signIn = (server: RunningServer, name: string) => agentCookie(server, { name, role: 'admin' });

/** What the widget reads, less what the server says of itself (no e-mail sent), which no save changes. */
async function storeConfig(server: RunningServer): Promise<StoreConfig> {
  const { mail, ...store } = (await request<StoreConfig>(server, 'GET', '/v1/config')).body;
  assert.deepEqual(mail, { sends: false });
  return store;
}

type Saved = { settings: FileShape; updatedAt: number; updatedBy: string };
type Refusal = { error: { code: string; fields?: Record<string, string> } };

for (const engineName of engineNames) {
  describe(`the store's settings in the console, on ${engineName}`, () => {
    let folder: string;
    let database: string;
    let server: RunningServer;
    let cookie: string;
    const start = (name: EngineName = engineName) =>
      startServer({
        port: 0,
        database: name === 'SQLite' ? join(folder, 'kefu.sqlite') : database,
        settings: fileSettings,
        settingsSource: 'tea.yaml',
        uploadsDir: join(folder, 'uploads'),
      });

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'kefu-settings-'));
      database = engineName === 'PostgreSQL' ? await freshPostgresDatabase() : '';
      server = await start();
      cookie = await signIn(server, 'Mei');
    });
    after(async () => {
      await server?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('stores the file’s settings as the first value, and the console shows them', async () => {
      assert.equal(server.settings.start.from, 'initial');
      const shown = await request<Saved>(server, 'GET', '/agent/api/settings', { cookie });
      assert.equal(shown.status, 200);
      assert.deepEqual(shown.body.settings, asFile(fileSettings));
      assert.equal(shown.body.updatedBy, 'tea.yaml');
      assert.deepEqual(await storeConfig(server), fileSettings.store);
    });

    it('refuses a save without a signed-in agent, or from another site', async () => {
      const body = asFile(fileSettings);
      assert.equal((await request(server, 'PUT', '/agent/api/settings', { body })).status, 401);
      const foreign = await request(server, 'PUT', '/agent/api/settings', {
        cookie,
        body,
        origin: 'https://evil.example',
      });
      assert.equal(foreign.status, 403);
    });

    it('refuses a wrong save naming each key, and stores nothing', async () => {
      const wrong = {
        ...asFile(fileSettings),
        colour: '#ff0000',
        brand: { ...fileSettings.store.brand, name: 'Should not be kept' },
        returnPolicy: { ...fileSettings.store.returnPolicy, windowDays: 'thirty' },
      };
      const refused = await request<Refusal>(server, 'PUT', '/agent/api/settings', { cookie, body: wrong });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.code, 'validation_failed');
      const fields = refused.body.error.fields ?? {};
      assert.match(fields['returnPolicy.windowDays'] ?? '', /whole number of days/);
      assert.match(fields.colour ?? '', /is not a setting/);
      assert.deepEqual(await storeConfig(server), fileSettings.store, 'the widget still reads the old settings');
      const shown = await request<Saved>(server, 'GET', '/agent/api/settings', { cookie });
      assert.equal(shown.body.updatedBy, 'tea.yaml', 'nothing was saved');
      assert.deepEqual(shown.body.settings, asFile(fileSettings));
    });

    it('serves a save through the console at GET /v1/config, at once', async () => {
      const edited = {
        ...asFile(fileSettings),
        brand: { ...fileSettings.store.brand, name: 'Tea House & Co' },
        returnPolicy: { ...fileSettings.store.returnPolicy, windowDays: 45 },
      };
      const saved = await request<Saved>(server, 'PUT', '/agent/api/settings', { cookie, body: edited });
      assert.equal(saved.status, 200);
      assert.equal(saved.body.updatedBy, 'Mei');
      const config = await storeConfig(server);
      assert.equal(config.brand.name, 'Tea House & Co');
      assert.equal(config.returnPolicy.windowDays, 45);
      const { allowedOrigins: _origins, ...store } = edited;
      assert.deepEqual(config, store);
    });

    it('has the services use a save: call-back slots take the new length at once', async () => {
      const from = new Date().toISOString().slice(0, 10);
      const lengths = async () => {
        const answer = await request<{ slots: { start: string; end: string }[] }>(
          server,
          'GET',
          `/v1/callbacks/slots?from=${from}&days=7`,
        );
        assert.equal(answer.status, 200);
        assert.ok(answer.body.slots.length > 0, 'a week of weekdays has slots');
        return new Set(answer.body.slots.map((slot) => (Date.parse(slot.end) - Date.parse(slot.start)) / 60_000));
      };
      assert.deepEqual(await lengths(), new Set([fileSettings.store.callbacks.slotMinutes]));
      const current = asFile(server.settings.current());
      const edited = { ...current, callbacks: { ...current.callbacks, slotMinutes: 60 } };
      assert.notEqual(fileSettings.store.callbacks.slotMinutes, 60);
      assert.equal((await request(server, 'PUT', '/agent/api/settings', { cookie, body: edited })).status, 200);
      assert.deepEqual(await lengths(), new Set([60]));
    });

    it('keeps the saved settings over the file’s after a restart', async () => {
      await server.close();
      server = await start();
      assert.equal(server.settings.start.from, 'database');
      assert.equal(server.settings.start.initialIgnored, true, 'the file differs from what is saved');
      const config = await storeConfig(server);
      assert.equal(config.brand.name, 'Tea House & Co');
      assert.equal(config.returnPolicy.windowDays, 45);
      cookie = await signIn(server, 'Mei');
      assert.equal((await request<Saved>(server, 'GET', '/agent/api/settings', { cookie })).body.updatedBy, 'Mei');
    });

    if (engineName === 'PostgreSQL')
      it('serves a save through one instance from another on the same database', async () => {
        const other = await start();
        try {
          assert.equal((await storeConfig(other)).brand.name, 'Tea House & Co');
          const edited = {
            ...asFile(server.settings.current()),
            brand: { ...fileSettings.store.brand, name: 'Tea Two' },
          };
          const saved = await request<Saved>(server, 'PUT', '/agent/api/settings', { cookie, body: edited });
          assert.equal(saved.status, 200);
          // The other instance re-reads the settings every SETTINGS_REFRESH_MS: a bounded wait.
          let seen = '';
          for (const deadline = Date.now() + SETTINGS_REFRESH_MS * 5; Date.now() < deadline; await delay(100)) {
            seen = (await storeConfig(other)).brand.name;
            if (seen === 'Tea Two') break;
          }
          assert.equal(seen, 'Tea Two');
        } finally {
          await other.close();
        }
      });
  });
}
