// The demo store (the memory backend and its seed: 84 articles, orders, a simulated agent) in a
// store's app bundle (issue 30). createKefu reaches it by a dynamic import taken only when the app
// gives no apiBase and no backend, so an app talking to its server should never fetch it. But
// @kefu/core's main entry also re-exported createMemoryBackend: the memory backend was statically
// part of the entry every app imports, and bundlers put it with the code the app runs: Vite 8
// (Rolldown) merged it, with the seed, into the chunk holding the shared `domain` rules and
// KefuError, which the core chunk and the elements import statically; esbuild did the same. The
// React and Vue apps of the bench downloaded 40 KB (brotli) of demo store on the shopper's intent.
//
// Apps are built here as a store's developer builds them, from what the packages ship (dist/, as
// an installed package resolves): `npm run build` first. A chunk the app can load with an apiBase
// is any chunk reachable from its entry by static or dynamic import, except through the one
// dynamic import of the memory backend itself (taken only without an apiBase).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const clientModule = /\/packages\/core\/dist\/client\.js$/;
const memoryBackendModule = /\/packages\/core\/dist\/adapters\/memory\/memory-backend\.js$/;
/** The demo store's modules: the memory adapter and the seed data. */
const demoStoreModule = /\/packages\/core\/dist\/(adapters\/memory|seed)\//;

/** What a page does with the widget once it has a client, shared by the apps below. */
const showWidget = `
  const widget = document.createElement('kefu-widget');
  widget.client = client;
  document.body.append(widget);
`;

const apps = {
  /** A client on the store's server and the widget, imported as a plain app does. */
  'static imports, apiBase': `
    import { createKefu } from '@kefu/core';
    import '@kefu/elements/define/kefu-widget.js';
    const client = createKefu({ apiBase: '/v1' });
    ${showWidget}
  `,
  /** As the React and Vue wrappers do: the client and the widget imported when first needed. */
  'dynamic imports, apiBase': `
    document.addEventListener('pointerdown', async () => {
      const [{ createKefu }] = await Promise.all([
        import('@kefu/core'),
        import('@kefu/elements/define/kefu-widget.js'),
      ]);
      const client = createKefu({ apiBase: '/v1' });
      ${showWidget}
    }, { once: true });
  `,
  /** No server: the demo store answers. */
  'static imports, no apiBase': `
    import { createKefu } from '@kefu/core';
    import '@kefu/elements/define/kefu-widget.js';
    const client = createKefu();
    ${showWidget}
  `,
} as const;

type AppName = keyof typeof apps;

/** A bundle as a graph of chunks, whichever bundler made it. */
interface Chunk {
  readonly modules: readonly string[];
  readonly imports: readonly string[];
  readonly dynamicImports: readonly string[];
}
interface Bundle {
  readonly entry: string;
  readonly chunks: ReadonlyMap<string, Chunk>;
}

function assertBuiltFromDist(bundle: Bundle) {
  const modules = [...bundle.chunks.values()].flatMap((chunk) => chunk.modules);
  assert.ok(
    existsSync(resolve(root, 'packages/core/dist/index.js')),
    'packages/core/dist is missing: run `npm run build` first',
  );
  assert.ok(
    modules.some((id) => id.includes('/packages/core/dist/')),
    "the app bundles @kefu/core's dist (otherwise this test would prove nothing)",
  );
  const fromSource = modules.filter((id) => /\/packages\/[^/]+\/src\//.test(id));
  assert.deepEqual(fromSource, [], "the app bundles the packages' dist, not their sources");
}

async function buildWithVite(app: string): Promise<Bundle> {
  const id = '\0kefu-app';
  const result = await viteBuild({
    root,
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'kefu-app',
        resolveId: (source) => (source === 'kefu-app' ? id : null),
        load: (source) => (source === id ? app : null),
      },
    ],
    build: { write: false, minify: false, rolldownOptions: { input: 'kefu-app' } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs
    .flatMap(({ output }) => output)
    .filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  assert.ok(entry, 'the build has an entry chunk');
  return {
    entry: entry.fileName,
    chunks: new Map(
      chunks.map((chunk) => [
        chunk.fileName,
        { modules: chunk.moduleIds, imports: chunk.imports, dynamicImports: chunk.dynamicImports },
      ]),
    ),
  };
}

async function buildWithEsbuild(app: string): Promise<Bundle> {
  const { metafile } = await esbuild({
    stdin: { contents: app, resolveDir: root, sourcefile: 'kefu-app.js', loader: 'js' },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: resolve(root, 'kefu-app-out'),
    write: false,
    metafile: true,
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  const chunks = new Map<string, Chunk>(
    Object.entries(metafile.outputs)
      .filter(([name]) => name.endsWith('.js'))
      .map(([name, output]) => [
        name,
        {
          modules: Object.keys(output.inputs).map((input) => resolve(root, input)),
          imports: output.imports.filter((edge) => edge.kind === 'import-statement').map((edge) => edge.path),
          dynamicImports: output.imports.filter((edge) => edge.kind === 'dynamic-import').map((edge) => edge.path),
        },
      ]),
  );
  // Chunks for dynamic imports have an entryPoint too; the app's own is the one built from its source (stdin).
  const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === 'kefu-app.js')?.[0];
  assert.ok(entry, 'the build has an entry chunk');
  return { entry, chunks };
}

/**
 * The chunks an app with an apiBase can load: every chunk its entry reaches by static or dynamic
 * import, except by createKefu's dynamic import of the memory backend (from the chunk holding
 * core's client.js to the chunk holding memory-backend.js), which runs only without an apiBase.
 * A static import of that chunk is followed: it loads whatever the app does.
 */
function loadableWithApiBase(bundle: Bundle): string[] {
  const holds = (name: string, module: RegExp) =>
    (bundle.chunks.get(name)?.modules ?? []).some((id) => module.test(id));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const chunk = bundle.chunks.get(name);
    assert.ok(chunk, `the bundle emits ${name}`);
    chunk.imports.forEach(visit);
    const fromClient = holds(name, clientModule);
    chunk.dynamicImports.filter((target) => !(fromClient && holds(target, memoryBackendModule))).forEach(visit);
  };
  visit(bundle.entry);
  return [...seen];
}

function demoStoreIn(bundle: Bundle, names: readonly string[]) {
  return names.flatMap((name) =>
    (bundle.chunks.get(name)?.modules ?? [])
      .filter((id) => demoStoreModule.test(id))
      .map((id) => `${name}: ${id.slice(id.indexOf('/packages/') + 1)}`),
  );
}

const bundlers = { 'Vite 8 (Rolldown)': buildWithVite, esbuild: buildWithEsbuild } as const;

for (const [bundlerName, build] of Object.entries(bundlers)) {
  describe(`the demo store in an app built by ${bundlerName}`, () => {
    for (const appName of ['static imports, apiBase', 'dynamic imports, apiBase'] as const satisfies AppName[]) {
      it(`is never fetched by an app with an apiBase (${appName.split(',')[0]})`, async () => {
        const bundle = await build(apps[appName]);
        assertBuiltFromDist(bundle);
        const loadable = loadableWithApiBase(bundle);
        assert.ok(loadable.length > 1, 'the app loads the widget and the client from chunks of their own');
        assert.deepEqual(demoStoreIn(bundle, loadable), [], 'no chunk the app can load holds the demo store');
      });
    }

    it('is one chunk of its own for an app without an apiBase, loaded when the backend is first used', async () => {
      const bundle = await build(apps['static imports, no apiBase']);
      assertBuiltFromDist(bundle);
      const loadable = loadableWithApiBase(bundle);
      assert.deepEqual(demoStoreIn(bundle, loadable), [], 'nothing of the demo store loads before it is needed');
      // The memory backend's own chunk: reached only by the dynamic import, and holding the seed.
      const memoryChunks = [...bundle.chunks].filter(([, chunk]) =>
        chunk.modules.some((id) => memoryBackendModule.test(id)),
      );
      assert.equal(memoryChunks.length, 1, 'the memory backend is in one chunk');
      const [memoryChunk, { modules }] = memoryChunks[0]!;
      assert.ok(!loadable.includes(memoryChunk), 'that chunk is not loaded with the rest of the app');
      assert.ok(
        [...bundle.chunks.values()].some((chunk) => chunk.dynamicImports.includes(memoryChunk)),
        'the app imports it dynamically',
      );
      assert.ok(
        modules.some((id) => /\/packages\/core\/dist\/seed\//.test(id)),
        'the demo store comes whole with it (the seed included)',
      );
    });
  });
}
