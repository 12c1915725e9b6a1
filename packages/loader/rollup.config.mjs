// Two builds into dist/: the loader itself as an IIFE for a classic <script src> (kefu.js), and the
// widget it loads on intent as ES modules with shared chunks beside it (kefu-widget.js, chunks/).
import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import {
  cleanOutput,
  esbuildPlugin,
  failOnUnresolvedImport,
  minifyCssTemplates,
} from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;
const plugins = () => [
  // "source" builds straight from the other packages' TypeScript; no "development": Lit ships its
  // production build.
  nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js'] }),
  minifyCssTemplates(),
  esbuildPlugin(),
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
      // Each feature (FAQ, orders, …) is a chunk of its own in features/, loaded when the shopper goes there.
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
        if (chunk.moduleIds.some((id) => id.includes('/adapters/memory/'))) return 'demo/[name]-[hash].js';
        if (chunk.isDynamicEntry && chunk.facadeModuleId?.includes('/elements/src/define/'))
          return 'features/[name]-[hash].js';
        return 'chunks/[name]-[hash].js';
      },
    },
    plugins: plugins(),
    onwarn: failOnUnresolvedImport,
  },
];
