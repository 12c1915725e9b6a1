import { resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { esbuildPlugin, failOnUnresolvedImport, libraryConfig } from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;
export default [
  libraryConfig(dir, {
    input: [
      resolve(dir, 'src/index.ts'),
      // `@kefu/core/memory`: an entry of its own, so its exports survive whatever createKefu's
      // dynamic import of it uses.
      resolve(dir, 'src/adapters/memory/memory-backend.ts'),
      resolve(dir, 'src/seed/index.ts'),
      resolve(dir, 'src/domain/index.ts'),
    ],
  }),
  // The FAQ index worker as one self-contained file beside the module that starts it
  // (search/index-worker.js: `new URL('./faq-index-worker.js', import.meta.url)`). A bundler that
  // copies it as an asset (Vite, webpack) ships a worker that runs: the index and our tokenizer
  // are inside, no bare import is left to resolve. Built after the library, which empties dist/.
  {
    input: resolve(dir, 'src/search/faq-index-worker.ts'),
    output: { file: resolve(dir, 'dist/search/faq-index-worker.js'), format: 'es', sourcemap: true },
    plugins: [
      nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js'] }),
      esbuildPlugin(),
      terser({ ecma: 2022, module: true, format: { comments: false } }),
    ],
    onwarn: failOnUnresolvedImport,
  },
];
