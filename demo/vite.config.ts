import { cpSync, existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { createServer, defineConfig, type Plugin, type ViteDevServer } from 'vite';

const loaderDist = resolve(import.meta.dirname, '../packages/loader/dist');
const apiOrigin = process.env.KEFU_API_ORIGIN ?? 'http://127.0.0.1:8787';

/**
 * The demo loads Kefu exactly as a storefront does: a classic <script src="/kefu/kefu.js">. In
 * development /kefu/* is served from the loader's build; a demo build copies it into dist/kefu/.
 */
function kefuLoader(): Plugin {
  return {
    name: 'kefu-loader',
    configureServer(server) {
      server.middlewares.use('/kefu', (req, res, next) => {
        const file = join(loaderDist, (req.url ?? '/').split('?')[0] ?? '/');
        if (!file.startsWith(loaderDist) || !existsSync(file)) return next();
        res.setHeader('Content-Type', extname(file) === '.map' ? 'application/json' : 'text/javascript');
        res.end(readFileSync(file));
      });
    },
    closeBundle() {
      if (!existsSync(join(loaderDist, 'kefu.js'))) throw new Error('Build the loader first: npm run build');
      cpSync(loaderDist, resolve(import.meta.dirname, 'dist/kefu'), { recursive: true });
    },
  };
}

/**
 * The React and Vue apps under /react/ and /vue/ of the same dev server, each run by its own vite
 * config (its own framework plugin), so the footer's links work under `npm start` as in a build.
 * They run in middleware mode behind this server: one port, one /v1 proxy (this one's).
 */
function frameworkApps(): Plugin {
  return {
    name: 'kefu-framework-apps',
    apply: 'serve',
    async configureServer(server) {
      const apps: { base: string; vite: ViteDevServer }[] = [];
      for (const app of ['react', 'vue']) {
        const vite = await createServer({
          configFile: resolve(import.meta.dirname, `${app}/vite.config.ts`),
          // HMR over this server's port (each app answers its own base), not a port of its own.
          server: { middlewareMode: true, hmr: { server: server.httpServer ?? undefined } },
          // Each app pre-bundles its own dependencies: a shared cache would mark the other's stale.
          cacheDir: resolve(import.meta.dirname, `../node_modules/.vite-demo-${app}`),
          clearScreen: false,
        });
        apps.push({ base: `/${app}/`, vite });
      }
      server.middlewares.use((request, response, next) => {
        const url = request.url ?? '/';
        const app = apps.find(({ base }) => url.startsWith(base) || url === base.slice(0, -1));
        if (!app) return next();
        if (url === app.base.slice(0, -1)) request.url = app.base;
        app.vite.middlewares(request, response, next);
      });
      server.httpServer?.once('close', () => void Promise.all(apps.map(({ vite }) => vite.close())));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [kefuLoader(), frameworkApps()],
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEMO_PORT ?? 5173),
    // ws: the chat's live stream is a WebSocket under /v1 too.
    proxy: { '/v1': { target: apiOrigin, ws: true } },
  },
  preview: { host: '127.0.0.1', proxy: { '/v1': { target: apiOrigin, ws: true } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Plain HTML pages, each loading Kefu through the script tag.
    rollupOptions: {
      input: Object.fromEntries(
        ['index', 'product', 'cart', 'order', 'help'].map((page) => [
          page,
          resolve(import.meta.dirname, `${page}.html`),
        ]),
      ),
    },
  },
});
