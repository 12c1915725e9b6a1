/**
 * Builds the framework benchmark's pages into DEST (`node --import tsx bench/frameworks/build.ts
 * DEST`; bench/frameworks.ts runs it under the shared build lock): a React and a Vue app, each with
 * Kefu, with Kefu and an inline order tracker, and without Kefu (the page alone), and the same app
 * with a lazy route of its own with Kefu and without, built by Vite as a store's developer builds them, and the same store page as plain HTML with the script tag (and the
 * tracker) or without. Prints what it built as JSON.
 *
 * Its own Node, without `--conditions=source` (which `npm run bench` runs with): the apps import
 * @kefu/react, @kefu/vue, @kefu/core and @kefu/elements through the workspace links and get each
 * package's dist, as an installed package resolves. The build fails if any module of a package's
 * src/ ends up in a bundle.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, version as viteVersion, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { storeHtml } from './store.js';

const here = import.meta.dirname;
const repo = resolve(here, '../..');
const destination = process.argv[2];
if (!destination) throw new Error('usage: build.ts DEST');

export interface BuiltPage {
  /** Where it is served under the bench's server: `/${name}/${page}`. */
  readonly name: string;
  readonly page: string;
  /** What the build emitted (paths under its folder), for results.json. */
  readonly files: string[];
  /** For each script it emitted (its path as served), what it holds: packages, Kefu's by folder. */
  readonly contents: Record<string, string[]>;
}

export interface BuildReport {
  readonly vite: string;
  readonly pages: BuiltPage[];
  /** Packages whose dist is older than their src: measured anyway, said in the report. */
  readonly staleDist: string[];
}

/** Newest modification time under `dir`, or 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const staleDist = ['core', 'elements', 'react', 'vue', 'loader'].filter((name) => {
  const dist = newest(resolve(repo, 'packages', name, 'dist'));
  if (dist === 0) throw new Error(`packages/${name}/dist is missing: run \`kefu-run build\` first`);
  return newest(resolve(repo, 'packages', name, 'src')) > dist;
});

/**
 * What a module is, to say what a chunk holds: `@kefu/elements/components/faq` (Kefu's by folder),
 * `react-dom`, or `app` (the benchmark's own page).
 */
function origin(id: string): string {
  const kefu = /\/packages\/([^/]+)\/dist\/(.+)$/.exec(id);
  if (kefu) {
    const folders = (kefu[2] ?? '').split('/').slice(0, -1);
    return [`@kefu/${kefu[1]}`, ...folders.slice(0, 2)].join('/');
  }
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (dependency) return dependency[1] ?? id;
  return id.includes('/bench/frameworks/') ? 'app' : id.replace(/^\0/, '');
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const pages: BuiltPage[] = [];

for (const framework of ['react', 'vue'] as const) {
  // `-lazy-route`: the same app with a lazy route of its own (Vite's module-preload helper is then
  // the app's, with Kefu or without).
  for (const variant of ['kefu', 'tracker', 'bare', 'kefu-lazy-route', 'bare-lazy-route'] as const) {
    const name = `${framework}-${variant}`;
    const root = resolve(here, framework);
    const outDir = join(destination, name);
    const result = await build({
      root,
      base: `/${name}/`,
      configFile: false,
      logLevel: 'warn',
      plugins:
        framework === 'react'
          ? [react()]
          : [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kefu-') } } })],
      build: {
        outDir,
        emptyOutDir: true,
        reportCompressedSize: false,
        rolldownOptions: { input: resolve(root, `${variant}.html`) },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
    const moduleIds = chunks.flatMap((chunk) => chunk.moduleIds);
    const fromSource = moduleIds.filter((id) => /\/packages\/[^/]+\/src\//.test(id));
    if (!variant.startsWith('bare') && !moduleIds.some((id) => /\/packages\/[^/]+\/dist\//.test(id))) {
      throw new Error(`${name} bundled nothing from the packages' dist: the check below would prove nothing`);
    }
    if (fromSource.length > 0) {
      throw new Error(`${name} bundled package sources, not their dist: ${fromSource.slice(0, 3).join(', ')}`);
    }
    // The two apps differ in one thing, the app's own dynamic import, which is what puts Vite's
    // module-preload helper into its entry chunk: check it, or the rows would not mean what they say.
    const entry = chunks.find((chunk) => chunk.isEntry);
    const helperInEntry = (entry?.moduleIds ?? []).some((id) => origin(id) === 'vite/preload-helper.js');
    if (variant === 'bare' && helperInEntry) {
      throw new Error(`${name}: Vite's preload helper is in the app alone; its row is no longer "Kefu pays for it"`);
    }
    if (variant === 'bare-lazy-route' && !helperInEntry) {
      throw new Error(`${name}: Vite's preload helper is not in the app's entry chunk despite its lazy route`);
    }
    const contents = Object.fromEntries(
      chunks.map((chunk) => [`/${name}/${chunk.fileName}`, [...new Set(chunk.moduleIds.map(origin))].sort()]),
    );
    pages.push({ name, page: `${variant}.html`, files: files(outDir), contents });
  }
}

// The script tag: the loader's dist folder, as a store copies it under /kefu/, and the page.
const scriptTag = join(destination, 'script-tag');
mkdirSync(scriptTag, { recursive: true });
cpSync(resolve(repo, 'packages/loader/dist'), join(scriptTag, 'kefu'), {
  recursive: true,
  filter: (source) => !source.endsWith('.map'),
});
const page = (tag: string) =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Linen &amp; Clay</title><link rel="icon" href="data:,"></head>\n<body>${storeHtml()}${tag}</body>\n</html>\n`;
const tag = '<script src="/script-tag/kefu/kefu.js" data-api-base="/v1" async></script>';
writeFileSync(join(scriptTag, 'kefu.html'), page(tag));
writeFileSync(join(scriptTag, 'tracker.html'), page(`<kefu-order-tracker></kefu-order-tracker>${tag}`));
writeFileSync(join(scriptTag, 'bare.html'), page(''));
for (const variant of ['kefu', 'tracker', 'bare']) {
  pages.push({ name: 'script-tag', page: `${variant}.html`, files: [], contents: {} });
}

const report: BuildReport = { vite: viteVersion, pages, staleDist };
process.stdout.write(JSON.stringify(report));
