// The Vue demo app: `npx vite --config demo/vue/vite.config.ts` in development (with the reference
// server on 8787, as `npm start` runs it), built by scripts/build.mjs into demo/dist/vue/.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const apiOrigin = process.env.KEFU_API_ORIGIN ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: import.meta.dirname,
  base: '/vue/',
  // kefu-* tags are custom elements, not Vue components (the documented setting; @kefu/vue exports
  // it as isKefuElement, but a config file is better off not importing the elements into Node).
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kefu-') } } })],
  // Lit's production build, as shoppers get it, also in development: its dev build prints a
  // "dev mode" warning that a store's developer would take for a fault of the demo.
  resolve: { conditions: ['module', 'browser', 'production'] },
  server: { host: '127.0.0.1', proxy: { '/v1': { target: apiOrigin, ws: true } } },
  build: { outDir: resolve(import.meta.dirname, '../dist/vue'), emptyOutDir: true },
});
