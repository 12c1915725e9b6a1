// The FAQ index worker in an app bundled by Vite (issue 30). A large help centre's index is built
// in a Web Worker, which runs only from a file of the page's origin: Kefu refuses any other URL
// (docs/security.md), a `data:` one included. @kefu/core used to name the worker's file as a plain
// asset, `new URL('./faq-index-worker.js', import.meta.url)`, which Vite inlines as a `data:` URL
// when it is under `build.assetsInlineLimit`: the index was then built on the main thread. Written
// as `new Worker(new URL(…, import.meta.url), …)`, Vite bundles it as a worker and always emits a
// file. These builds use what the package ships (dist/, as an app resolves it): `npm run build` first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';

const root = resolve(import.meta.dirname, '../..');
const coreDist = resolve(root, 'packages/core/dist/search');

/** An app that creates a client and searches its FAQ: the search engine, and the worker, come with it. */
const app = `
  import { createKefu } from '@kefu/core';
  const kefu = createKefu({ apiBase: '/v1' });
  kefu.faq.search('paddle');
`;

/** The app built by Vite in memory, resolving @kefu/core from node_modules as an app does. */
async function buildApp(assetsInlineLimit?: number) {
  const result = await build({
    root,
    configFile: false,
    envFile: false,
    publicDir: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'faq-app',
        resolveId: (id) => (id === 'faq-app' ? '\0faq-app' : null),
        load: (id) => (id === '\0faq-app' ? app : null),
      },
    ],
    build: {
      write: false,
      minify: false,
      ...(assetsInlineLimit === undefined ? {} : { assetsInlineLimit }),
      rollupOptions: { input: 'faq-app' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = outputs.flatMap(({ output }) => output);
  const code = files
    .filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
    .map((chunk) => chunk.code)
    .join('\n');
  return { fileNames: files.map((file) => file.fileName), code };
}

function assertWorkerIsAFile({ fileNames, code }: Awaited<ReturnType<typeof buildApp>>) {
  const workers = fileNames.filter((name) => /(^|\/)faq-index-worker[^/]*\.js$/.test(name));
  assert.equal(workers.length, 1, `one worker file among ${fileNames.join(', ')}`);
  const workerFile = workers[0]!.split('/').pop()!;
  assert.ok(code.includes(workerFile), `the app's code names ${workerFile}`);
  assert.doesNotMatch(code, /data:(text|application)\/javascript/, 'no script inlined as a data: URL');
}

describe('the FAQ index worker in an app built by Vite', () => {
  it('is what @kefu/core ships: one self-contained file, started the way bundlers know', () => {
    const starter = resolve(coreDist, 'index-worker.js');
    assert.ok(existsSync(starter), 'packages/core/dist is missing: run `npm run build` first');
    assert.match(
      readFileSync(starter, 'utf8'),
      /\bnew Worker\(new URL\((['"])\.\/faq-index-worker\.js\1, import\.meta\.url\), \{ type: (['"])module\2/,
    );
    // Self-contained: a bundler that copies it as it is (webpack's `new URL()` asset) ships a worker that runs.
    assert.doesNotMatch(readFileSync(resolve(coreDist, 'faq-index-worker.js'), 'utf8'), /^\s*import\b|\bimport\(/m);
  });

  it('is a file of the app at the default assetsInlineLimit', async () => {
    assertWorkerIsAFile(await buildApp());
  });

  it('is a file of the app, not a data: URL, even where Vite inlines assets of its size', async () => {
    assertWorkerIsAFile(await buildApp(100_000));
  });
});
