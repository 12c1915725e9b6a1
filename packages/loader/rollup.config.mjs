// Two builds into dist/: the loader itself as an IIFE for a classic <script src> (kefu.js), and the
// widget it loads on intent as ES modules with shared chunks beside it (kefu-widget.js, chunks/,
// and workers/ for Web Workers).
import { basename, resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {
  cleanOutput,
  esbuildPlugin,
  failOnUnresolvedImport,
  minifyCssTemplates,
  minifyHtmlTemplates,
} from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;

/**
 * A Web Worker written the way bundlers know, `new URL('./faq-index-worker.js', import.meta.url)`
 * (any `./…-worker.js`), becomes a chunk in workers/ and the URL points at it, relative to the
 * chunk that starts it, so it works from any path the files are served from. It shares chunks with
 * the widget (the search index and the tokenizer are fetched once); it must never import an entry point
 * or a feature — those define elements, and a worker has no DOM — so the build fails if it does.
 */
function workerChunks() {
  const pattern = /new URL\((['"])(\.{1,2}\/[^'"]+-worker\.js)\1,\s*import\.meta\.url\)/g;
  const references = new Set();
  return {
    name: 'kefu-worker-chunks',
    async transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('-worker.js')) return null;
      let transformed = code;
      for (const [expression, , path] of code.matchAll(pattern)) {
        const resolved = await this.resolve(path, id);
        if (!resolved) this.error(`The worker ${path} (in ${id}) was not found`);
        const reference = this.emitFile({
          type: 'chunk',
          id: resolved.id,
          name: basename(path, '.js'),
          // Nothing else imports from the worker's chunk: rollup must not move shared code into it.
          preserveSignature: 'strict',
        });
        references.add(reference);
        transformed = transformed.replace(expression, `new URL(import.meta.ROLLUP_FILE_URL_${reference})`);
      }
      // map: null — only an expression changed, within its line: the source map stays right.
      return transformed === code ? null : { code: transformed, map: null };
    },
    generateBundle(_, bundle) {
      for (const reference of references) {
        const worker = bundle[this.getFileName(reference)];
        const seen = new Set();
        const visit = (fileName) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type !== 'chunk') return;
          if (chunk !== worker && (chunk.isEntry || chunk.isDynamicEntry))
            this.error(`The worker ${worker.fileName} imports ${fileName}, an entry point: workers have no DOM`);
          chunk.imports.forEach(visit);
        };
        visit(worker.fileName);
      }
    },
  };
}

/**
 * The six features in one chunk (features/kefu-features-*.js) instead of one each. The widget
 * imports every feature as soon as its shell has rendered and the page is idle (views.ts,
 * prefetchViews), so a shopper who shows intent downloads all six either way; as one file they
 * compress to 30.7 KB brotli instead of 36.6 KB, because brotli shares what they have in common
 * (Lit templates, form markup, the same words) only within a file. The cost: a tap on a feature
 * before that prefetch has finished waits for all six (decision 0003 has the figures); not for the
 * phone metadata, which the callback form imports dynamically. @kefu/elements keeps one dynamic
 * import per feature, so a storefront's own bundler still splits them as it sees fit; only this
 * build groups them.
 */
function oneFeaturesChunk() {
  const featuresId = '\0kefu-features';
  // Fixed, not gathered as the imports resolve: rollup may load the virtual module before it has
  // resolved all six imports, and a list gathered so far would leave features out.
  const definitions = ['faq', 'order-tracker', 'returns', 'chat', 'callback', 'survey'].map((feature) =>
    resolve(dir, `../elements/src/define/kefu-${feature}.ts`),
  );
  return {
    name: 'kefu-one-features-chunk',
    async resolveId(source, importer, options) {
      if (source === featuresId) return featuresId;
      if (!importer?.includes('/elements/src/components/widget/views.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && definitions.includes(resolved.id) ? featuresId : null;
    },
    load(id) {
      if (id !== featuresId) return null;
      return definitions.map((definition) => `import ${JSON.stringify(definition)};`).join('\n');
    },
  };
}

const plugins = () => [
  // "source" builds straight from the other packages' TypeScript; no "development": Lit ships its
  // production build.
  nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js'] }),
  minifyCssTemplates(),
  esbuildPlugin(),
  minifyHtmlTemplates(),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
];

export default [
  {
    input: resolve(dir, 'src/kefu.ts'),
    output: { file: resolve(dir, 'dist/kefu.js'), format: 'iife', sourcemap: true },
    // The first of the two builds empties dist/ (old chunk hashes would pile up otherwise).
    plugins: [cleanOutput(resolve(dir, 'dist')), ...plugins()],
    onwarn: failOnUnresolvedImport,
  },
  {
    input: { 'kefu-widget': resolve(dir, 'src/widget-entry.ts') },
    // The shell's code goes in kefu-widget.js itself (the features import what they share from
    // it), not behind a 99-byte facade: the loader's idle modulepreload then fetches the real
    // thing, and the first click costs one request less.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: resolve(dir, 'dist'),
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // The demo store (loaded only when no apiBase is set) goes in its own folder, with its own budget.
      // The six features (FAQ, orders, …) are one chunk in features/ (see oneFeaturesChunk).
      // Two third-party libraries the features need are chunks of their own in vendor/, each with its
      // budget: the HTML sanitizer (only where the browser has no Sanitizer API), phone metadata,
      // and the QR code of a return label (only when an approved return is shown).
      manualChunks(id) {
        if (id.includes('/node_modules/dompurify/')) return 'dompurify';
        if (id.includes('/node_modules/libphonenumber-js/')) return 'phone-numbers';
        if (id.includes('/node_modules/uqr/')) return 'qr-code';
        return undefined;
      },
      chunkFileNames: (chunk) => {
        if (['dompurify', 'phone-numbers', 'qr-code'].includes(chunk.name)) return 'vendor/[name]-[hash].js';
        if (chunk.name.endsWith('-worker')) return 'workers/[name]-[hash].js';
        if (chunk.moduleIds.some((id) => id.includes('/adapters/memory/'))) return 'demo/[name]-[hash].js';
        if (chunk.isDynamicEntry && chunk.facadeModuleId === '\0kefu-features')
          return 'features/kefu-features-[hash].js';
        return 'chunks/[name]-[hash].js';
      },
    },
    plugins: [workerChunks(), oneFeaturesChunk(), ...plugins()],
    onwarn: failOnUnresolvedImport,
  },
];
