// Kefu's bytes at page load in a React or Vue app, against the script tag's loader (issue 30: "no
// more than the script tag's before intent"). The apps' tests (packages/react/src/lazy-loading.test.ts,
// test/node/vue-lazy-loading.test.ts) hold them to a budget; bench/frameworks.ts measures the same
// in Vite-built apps in Chromium.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');

const brotli = (text: string) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * What a page loads with `app` (its entry chunk and every chunk that imports statically), as an
 * app's bundler emits it — esbuild, minified, code splitting on, the framework external (it is the
 * page's, not Kefu's) — each chunk compressed as a server sends it (brotli, quality 11), summed.
 */
async function pageLoadBrotli(app: string, external: readonly string[]): Promise<number> {
  const { metafile, outputFiles } = await build({
    stdin: { contents: app, resolveDir: root, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    splitting: true,
    minify: true,
    // As Vite writes it: the launcher's Chinese and Arabic words as UTF-8, not \u escapes.
    charset: 'utf8',
    format: 'esm',
    outdir: resolve(root, 'out'),
    write: false,
    metafile: true,
    platform: 'browser',
    conditions: ['source'],
    target: 'es2022',
    tsconfig: resolve(root, 'tsconfig.json'),
    external: [...external],
    logLevel: 'error',
  });
  const loaded = outputsLoadedWith(metafile, 'out/stdin.js');
  const atLoad = outputFiles.filter((file) => loaded.has(`out/${file.path.slice(resolve(root, 'out').length + 1)}`));
  if (process.env.KEFU_PAGE_LOAD_BREAKDOWN) printBreakdown(atLoad, metafile);
  return atLoad.reduce((sum, file) => sum + brotli(file.text), 0);
}

/**
 * The outputs of an esbuild build that a page loads with `entry`: the entry and every output it
 * imports statically, transitively (a dynamic import waits for its moment).
 */
export function outputsLoadedWith(metafile: Metafile, entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (name: string) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const edge of metafile.outputs[name]!.imports)
      if (edge.kind === 'import-statement' && !edge.external) visit(edge.path);
  };
  visit(entry);
  return loaded;
}

/**
 * Where the bytes are (KEFU_PAGE_LOAD_BREAKDOWN=1 with a test that measures; the app alone, which
 * is subtracted, prints too): each chunk the page loads, brotli, and each module's minified bytes
 * in it, largest first. Brotli compresses a chunk as a whole, so a module's share of it is roughly
 * its share of the minified bytes.
 */
function printBreakdown(chunks: readonly OutputFile[], metafile: Metafile): void {
  for (const chunk of chunks) {
    const name = `out/${chunk.path.slice(resolve(root, 'out').length + 1)}`;
    console.log(`${name}: ${chunk.text.length} B minified, ${brotli(chunk.text)} B brotli`);
    const inputs = Object.entries(metafile.outputs[name]!.inputs).sort(
      ([, a], [, b]) => b.bytesInOutput - a.bytesInOutput,
    );
    for (const [input, { bytesInOutput }] of inputs) console.log(`  ${String(bytesInOutput).padStart(6)}  ${input}`);
  }
}

/**
 * Kefu's bytes at page load: the page's chunks with Kefu minus the same app's without it (`alone`:
 * the app with Kefu's lines taken out), brotli, as bench/frameworks.ts counts them.
 */
export async function kefuBytesAtLoad(app: {
  readonly withKefu: string;
  readonly alone: string;
  readonly external: readonly string[];
}): Promise<number> {
  const [withKefu, alone] = await Promise.all([
    pageLoadBrotli(app.withKefu, app.external),
    pageLoadBrotli(app.alone, app.external),
  ]);
  return withKefu - alone;
}

/**
 * The script tag's loader budget (size-budgets.json, checked by the build): what a page pays for
 * Kefu before the shopper's intent with the script tag, the goal for an app's page too. Read, not
 * copied, so the two cannot drift apart.
 */
export function loaderBudget(): number {
  const { entries } = JSON.parse(readFileSync(resolve(root, 'size-budgets.json'), 'utf8')) as {
    entries: { files: string[]; brotli: number }[];
  };
  const loader = entries.find((entry) => entry.files.includes('packages/loader/dist/kefu.js'));
  if (!loader) throw new Error('size-budgets.json has no budget for packages/loader/dist/kefu.js');
  return loader.brotli;
}
