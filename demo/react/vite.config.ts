// The React demo app: `npx vite --config demo/react/vite.config.ts` in development (with the
// reference server on 8787, as `npm start` runs it), built by scripts/build.mjs into demo/dist/react/.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiOrigin = process.env.KEFU_API_ORIGIN ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root: import.meta.dirname,
  base: '/react/',
  plugins: [react()],
  // Lit's production build, as shoppers get it, also in development: its dev build prints a
  // "dev mode" warning that a store's developer would take for a fault of the demo.
  resolve: { conditions: ['module', 'browser', 'production'] },
  server: { host: '127.0.0.1', proxy: { '/v1': { target: apiOrigin, ws: true } } },
  build: { outDir: resolve(import.meta.dirname, '../dist/react'), emptyOutDir: true },
});
