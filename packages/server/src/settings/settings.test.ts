// A store's own settings file and a store without demo data, as an operator meets them: the
// `kefu-server` CLI run as a process (KEFU_CONFIG, --config, --demo, init), and the widget's core
// (createKefu) against the store it starts. docs/server.md, "Your store's settings".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createKefu, type StoreConfig } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { testDatabase } from '../routes/test-helpers.js';
import { StoreSettingsFileSchema } from './schema.js';
import { starterSettingsYaml } from './starter.js';

const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
// An absolute loader, so the CLI can run in a folder of its own (init writes there).
const tsx = import.meta.resolve('tsx');

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-settings-'));
  folders.push(dir);
  return dir;
}
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface CliRun {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
}

function spawnCli(args: readonly string[], env: Record<string, string> = {}, cwd = folder()): CliRun {
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, cli, ...args], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', KEFU_DATA_DIR: join(cwd, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

/** Runs the CLI until it exits (bounded): its exit code and what it printed. */
function runToExit(args: readonly string[], env: Record<string, string> = {}, cwd?: string) {
  const { child, output } = spawnCli(args, env, cwd);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ...output });
    }),
  );
}

interface StartedCli {
  readonly origin: string;
  readonly base: string;
  /** Everything printed so far, the start lines included. */
  readonly output: { stdout: string; stderr: string };
  stop(): Promise<void>;
}

/**
 * Starts the CLI and waits for its start lines (bounded); `stop` ends it with SIGTERM. On the
 * tests' database: SQLite in its data folder, or under the node-postgres suite a fresh PostgreSQL
 * database (KEFU_DATABASE_URL), so an empty store and the demo's seeding run on both engines.
 */
async function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<StartedCli> {
  const database = await testDatabase();
  const { child, output } = spawnCli(args, {
    ...(database === undefined ? {} : { KEFU_DATABASE_URL: database }),
    ...env,
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no start within 30 s: ${output.stdout} ${output.stderr}`)),
        30_000,
      );
      child.stdout!.on('data', () => {
        const match = /Kefu reference server: (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(output.stdout);
        // The console's line is the last one it prints at start.
        if (match?.[1] && output.stdout.includes('Agent console:')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output.stderr}`)));
    });
    return { origin, base: `${origin}/v1`, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return (await response.json()) as T;
};

const lookup = (base: string, orderNumber: string, email: string) =>
  fetch(`${base}/orders/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber, email }),
  }).then((response) => response.status);

/** A tea shop in Shanghai that writes Chinese first: nothing like Maple & Moss. */
const teaHouse: StoreConfig = {
  brand: { name: 'Lotus Tea House 莲花茶馆', color: '#7a3b2e', logoUrl: 'https://tea.example/logo.svg' },
  locales: ['zh-CN', 'en'],
  businessHours: {
    timezone: 'Asia/Shanghai',
    weekly: [
      { weekday: 1, opens: '10:00', closes: '21:00' },
      { weekday: 2, opens: '10:00', closes: '21:00' },
      { weekday: 3, opens: '10:00', closes: '21:00' },
      { weekday: 6, opens: '09:30', closes: '12:00' },
      { weekday: 6, opens: '13:00', closes: '18:00' },
    ],
    holidays: ['2027-02-06', '2027-02-07'],
  },
  channels: { faq: true, orders: true, returns: true, chat: true, callback: true, surveys: false },
  contact: {
    email: 'kefu@tea.example',
    phone: {
      number: '+86 21 5555 0100',
      hours: { timezone: 'Asia/Shanghai', weekly: [{ weekday: 1, opens: '10:00', closes: '12:00' }], holidays: [] },
    },
  },
  returnPolicy: {
    windowDays: 7,
    reasons: [
      { code: 'damaged', labels: { 'zh-CN': '到货破损', en: 'Arrived damaged' }, requiresPhoto: true },
      { code: 'stale', labels: { 'zh-CN': '茶叶不新鲜', en: 'Not fresh' }, requiresPhoto: false },
      { code: 'wrong_item', labels: { 'zh-CN': '发错商品' }, requiresPhoto: true },
    ],
    reasonsByCategory: { tea: ['damaged', 'stale', 'wrong_item'], teaware: ['damaged', 'wrong_item'] },
    defaultReasons: ['damaged'],
    resolutions: ['refund', 'store_credit'],
    photos: { maxCount: 3, maxBytes: 2_097_152, types: ['image/jpeg', 'image/png'] },
  },
  callbacks: { slotMinutes: 15, leadMinutes: 240, daysAhead: 3 },
  surveys: { triggers: [{ on: 'chat_closed', kind: 'nps', delaySeconds: 5 }], cooldownDays: 60 },
  orderNumbers: { prefix: 'LT', suffix: '' },
};

/** The same store as an operator would write it in YAML: unquoted times and dates, comments, flow lists. */
const teaHouseYaml = `# Lotus Tea House
brand:
  name: Lotus Tea House 莲花茶馆
  color: '#7a3b2e'
  logoUrl: https://tea.example/logo.svg
locales: [zh-CN, en]   # Chinese first: the default
businessHours:
  timezone: Asia/Shanghai
  weekly:
    - { weekday: 1, opens: 10:00, closes: 21:00 }
    - { weekday: 2, opens: 10:00, closes: 21:00 }
    - { weekday: 3, opens: 10:00, closes: 21:00 }
    - { weekday: 6, opens: 09:30, closes: 12:00 }
    - { weekday: 6, opens: 13:00, closes: 18:00 }
  holidays: [2027-02-06, 2027-02-07]
channels: { faq: true, orders: true, returns: true, chat: true, callback: true, surveys: false }
contact:
  email: kefu@tea.example
  phone:
    number: +86 21 5555 0100
    hours:
      timezone: Asia/Shanghai
      weekly: [{ weekday: 1, opens: 10:00, closes: 12:00 }]
      holidays: []
returnPolicy:
  windowDays: 7
  reasons:
    - code: damaged
      labels: { zh-CN: 到货破损, en: Arrived damaged }
      requiresPhoto: true
    - code: stale
      labels: { zh-CN: 茶叶不新鲜, en: Not fresh }
      requiresPhoto: false
    - code: wrong_item
      labels: { zh-CN: 发错商品 }
      requiresPhoto: true
  reasonsByCategory:
    tea: [damaged, stale, wrong_item]
    teaware: [damaged, wrong_item]
  defaultReasons: [damaged]
  resolutions: [refund, store_credit]
  photos: { maxCount: 3, maxBytes: 2097152, types: [image/jpeg, image/png] }
callbacks: { slotMinutes: 15, leadMinutes: 240, daysAhead: 3 }
surveys:
  triggers: [{ on: chat_closed, kind: nps, delaySeconds: 5 }]
  cooldownDays: 60
orderNumbers: { prefix: LT, suffix: '' }
allowedOrigins: [https://tea.example]
`;

describe('a store’s settings file', { concurrency: true }, () => {
  for (const format of ['YAML', 'JSON'] as const) {
    it(`serves a store that is not Maple & Moss from ${format}, exactly as the file says`, async () => {
      const dir = folder();
      const file = join(dir, format === 'YAML' ? 'tea.yaml' : 'tea.json');
      writeFileSync(
        file,
        format === 'YAML' ? teaHouseYaml : JSON.stringify({ ...teaHouse, allowedOrigins: ['https://tea.example'] }),
      );
      // KEFU_CONFIG for one, --config for the other: both are how an operator names the file.
      const server = await startCli(
        format === 'YAML' ? [] : ['--config', file],
        format === 'YAML' ? { KEFU_CONFIG: file } : {},
      );
      try {
        // Plus what the server says of itself, which no file sets: it sends no e-mail.
        assert.deepEqual(await getJson(`${server.base}/config`), { ...teaHouse, mail: { sends: false } });
        assert.match(
          server.output.stdout,
          new RegExp(`Store settings: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        );
      } finally {
        await server.stop();
      }
    });
  }

  it('adds the file’s storefront origins to KEFU_ALLOWED_ORIGINS, and allows no other', async () => {
    const file = join(folder(), 'tea.yaml');
    writeFileSync(file, teaHouseYaml);
    const server = await startCli([], { KEFU_CONFIG: file, KEFU_ALLOWED_ORIGINS: 'https://staging.tea.example' });
    try {
      const allowed = async (origin: string) =>
        (await fetch(`${server.base}/config`, { headers: { origin } })).headers.get('access-control-allow-origin');
      assert.equal(await allowed('https://tea.example'), 'https://tea.example');
      assert.equal(await allowed('https://staging.tea.example'), 'https://staging.tea.example');
      assert.equal(await allowed('https://elsewhere.example'), null);
    } finally {
      await server.stop();
    }
  });
});

describe('a settings file with mistakes stops the start, naming each key', { concurrency: true }, () => {
  const broken: Array<[string, string, string, readonly RegExp[]]> = [
    [
      'a word for a number, a misspelt key, an unknown timezone and a reason that does not exist',
      'store.yaml',
      teaHouseYaml
        .replace('windowDays: 7', 'windowDays: thirty')
        .replace("  color: '#7a3b2e'", "  colour: '#7a3b2e'")
        .replace('timezone: Asia/Shanghai\n  weekly', 'timezone: Asia/Shangai\n  weekly'),
      [
        /^kefu-server: \S+store\.yaml: returnPolicy\.windowDays: must be a whole number of days from 1 to 365, not "thirty"$/m,
        /^kefu-server: \S+store\.yaml: brand\.colour: is not a setting \(did you mean "color"\?\)$/m,
        /^kefu-server: \S+store\.yaml: brand\.color: is missing: it must be a colour/m,
        /^kefu-server: \S+store\.yaml: businessHours\.timezone: must be an IANA timezone, e\.g\. "Europe\/Paris" or "Asia\/Shanghai", not "Asia\/Shangai"$/m,
      ],
    ],
    [
      // Checked once the shapes are right: the codes a category lists must be the store's reasons.
      'a category that lists a reason the store does not have',
      'store.yaml',
      teaHouseYaml.replace('teaware: [damaged, wrong_item]', 'teaware: [damaged, chipped]'),
      [
        /^kefu-server: \S+: returnPolicy\.reasonsByCategory\.teaware\[1\]: "chipped" is not one of returnPolicy\.reasons' codes/m,
      ],
    ],
    [
      // The server says whether it sends e-mail (GET /v1/config's `mail`): a store cannot promise it.
      'a file that says the store sends e-mail',
      'store.yaml',
      `${teaHouseYaml}mail: { sends: true }\n`,
      [/^kefu-server: \S+store\.yaml: mail: is not a setting /m],
    ],
    [
      'an unquoted colour, which YAML reads as a comment',
      'store.yaml',
      teaHouseYaml.replace("color: '#7a3b2e'", 'color: #7a3b2e'),
      [
        /^kefu-server: \S+: brand\.color: must be a colour .*, not null \(in YAML, quote a value that starts with "#"\)$/m,
      ],
    ],
    [
      'a language tag not written as the widget compares it',
      'store.yaml',
      teaHouseYaml.replace('locales: [zh-CN, en]', 'locales: [zh_cn, en]'),
      [/^kefu-server: \S+: locales\[0\]: must be a BCP 47 language tag in canonical form/m],
    ],
    [
      'broken YAML',
      'store.yaml',
      'brand:\n  name: [Lotus\nlocales: [en]\n',
      [/^kefu-server: \S+store\.yaml: line \d+, column \d+: is not valid YAML: /m],
    ],
    [
      'broken JSON',
      'store.json',
      '{ "brand": { "name": "Lotus", } }',
      [/^kefu-server: \S+store\.json: is not valid JSON: /m],
    ],
    [
      'a file that is not there',
      'missing.yaml',
      '',
      [/^kefu-server: \S+missing\.yaml: no such file \(kefu-server init writes a starter file\)$/m],
    ],
  ];
  for (const [what, name, text, messages] of broken) {
    it(`refuses ${what}, with exit code 2 and nothing started`, async () => {
      const dir = folder();
      if (text) writeFileSync(join(dir, name), text);
      const { code, stdout, stderr } = await runToExit([], { KEFU_CONFIG: join(dir, name) });
      assert.equal(code, 2, stderr);
      for (const message of messages) assert.match(stderr, message);
      for (const line of stderr.trim().split('\n'))
        assert.match(line, /^kefu-server: /, `one line per problem: ${stderr}`);
      assert.equal(stdout, '', 'no server was started');
    });
  }

  it('refuses a default language that some return reason has no label in', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ ...teaHouse, locales: ['en', 'zh-CN'] }));
    const { code, stderr } = await runToExit(['--config', join(dir, 'store.json')]);
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      /^kefu-server: \S+: returnPolicy\.reasons\[2\]\.labels: has no label for "en", the default locale/m,
    );
  });
});

describe('kefu-server init', { concurrency: true }, () => {
  it('writes a commented starter file that a server starts with, and never overwrites one', async () => {
    const dir = folder();
    const wrote = await runToExit(['init'], {}, dir);
    assert.equal(wrote.code, 0, wrote.stderr);
    const file = join(dir, 'kefu.config.yaml');
    const text = readFileSync(file, 'utf8');
    assert.equal(text, starterSettingsYaml);
    assert.match(wrote.stdout, /KEFU_CONFIG=kefu\.config\.yaml/);

    writeFileSync(file, `${text}# my edits\n`);
    const again = await runToExit(['init'], {}, dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /kefu\.config\.yaml exists already; init does not overwrite it/);
    assert.equal(readFileSync(file, 'utf8'), `${text}# my edits\n`, 'the file is as it was');

    const server = await startCli([], { KEFU_CONFIG: file });
    try {
      const config = await getJson<StoreConfig>(`${server.base}/config`);
      assert.equal(config.brand.name, 'Your Store');
      assert.deepEqual(config.locales, ['en']);
    } finally {
      await server.stop();
    }
  });

  it('explains every setting in the starter file', () => {
    /** Every key of the file's schema, nested ones included. */
    const keys = (schema: z.ZodType): string[] => {
      while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
      if (schema instanceof z.ZodArray) return keys(schema.element as z.ZodType);
      if (schema instanceof z.ZodRecord) return keys(schema.valueType as z.ZodType);
      if (!(schema instanceof z.ZodObject)) return [];
      return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => [key, ...keys(inner)]);
    };
    const all = new Set(keys(StoreSettingsFileSchema));
    assert.ok(all.size > 40, `the schema's keys: ${all.size}`);
    for (const key of all)
      assert.match(starterSettingsYaml, new RegExp(`\\b${key}\\b`), `${key} is in the starter file`);
  });
});

describe('a plain start: the store’s own settings, no demo data', () => {
  let server: StartedCli;
  before(async () => {
    server = await startCli([]);
  });
  after(() => server.stop());

  it('has no orders and no articles, and says how to load data', async () => {
    assert.match(
      server.output.stdout,
      /^The store is empty \(no orders, no help articles\): kefu-server --demo .*docs\/server\.md/m,
    );
    const config = await getJson<StoreConfig>(`${server.base}/config`);
    assert.equal(config.brand.name, 'Your Store');
    assert.notEqual(config.brand.name, demoStoreConfig.brand.name);
    for (const locale of ['en', 'zh-CN']) {
      const sync = await getJson<{ articles: unknown[] }>(`${server.base}/articles?locale=${locale}`);
      assert.deepEqual(sync.articles, []);
    }
    assert.equal(await lookup(server.base, 'MM-1004', 'ana.garcia@example.com'), 404);
  });

  it('gives the widget’s core sensible empty states: no errors, no articles, no order', async () => {
    const client = createKefu({ apiBase: server.base, locale: 'en' });
    try {
      await client.config.load();
      assert.equal(client.config.state.value.status, 'ready');
      assert.equal(client.config.state.value.data?.brand.name, 'Your Store');

      await client.faq.sync();
      assert.deepEqual(client.faq.articles.value, { ...client.faq.articles.value, status: 'ready', data: [] });
      assert.deepEqual(client.faq.categories.value, []);
      await client.faq.loadIndex();
      assert.equal(client.faq.index.value.status, 'ready');
      assert.deepEqual(client.faq.search('return'), []);

      await client.chat.loadAvailability();
      assert.equal(client.chat.availability.value.status, 'ready', JSON.stringify(client.chat.availability.value));

      await client.callback.loadSlots();
      assert.equal(client.callback.slots.value.status, 'ready', JSON.stringify(client.callback.slots.value));

      assert.equal(await client.orders.lookup({ orderNumber: '1001', email: 'someone@example.com' }), undefined);
      const order = client.orders.current.value;
      assert.equal(order.status, 'error');
      assert.equal(order.error?.code, 'not_found');
    } finally {
      client.dispose();
    }
  });
});

describe('kefu-server --demo', () => {
  it('fills an empty store with Maple & Moss: its settings, orders and help centre', async () => {
    const server = await startCli(['--demo']);
    try {
      assert.doesNotMatch(server.output.stdout, /The store is empty/);
      assert.deepEqual(await getJson(`${server.base}/config`), { ...demoStoreConfig, mail: { sends: false } });
      assert.equal(await lookup(server.base, 'MM-1004', 'ana.garcia@example.com'), 200);
      const sync = await getJson<{ articles: unknown[] }>(`${server.base}/articles?locale=en`);
      assert.ok(sync.articles.length > 0);
    } finally {
      await server.stop();
    }
  });
});

describe('the settings file after the first start (decision 0018, part 2)', () => {
  it('keeps the database’s settings when the file changes, and the start warns about the file', async () => {
    const dir = folder();
    const file = join(dir, 'tea.json');
    writeFileSync(file, JSON.stringify(teaHouse));
    // One database for both starts: the data folder's SQLite file, or one PostgreSQL database.
    const database = await testDatabase(dir);
    const env = {
      KEFU_CONFIG: file,
      KEFU_DATA_DIR: join(dir, 'data'),
      ...(database === undefined ? {} : { KEFU_DATABASE_URL: database }),
    };
    const first = await startCli([], env);
    try {
      assert.match(first.output.stdout, /Store settings: .*tea\.json, now saved in the database/);
      assert.doesNotMatch(first.output.stderr, /warning/);
    } finally {
      await first.stop();
    }

    writeFileSync(file, JSON.stringify({ ...teaHouse, brand: { ...teaHouse.brand, name: 'Renamed in the file' } }));
    const second = await startCli([], env);
    try {
      assert.equal((await getJson<StoreConfig>(`${second.base}/config`)).brand.name, teaHouse.brand.name);
      assert.match(second.output.stdout, /Store settings: the database's, saved \S+ by .*tea\.json/);
      // stderr is its own pipe: give its line a moment to arrive (bounded).
      for (let tries = 0; tries < 50 && !second.output.stderr.includes('warning'); tries += 1) await delay(100);
      assert.match(second.output.stderr, /warning: .*tea\.json differs from the settings saved in the database/);
    } finally {
      await second.stop();
    }
  });
});
