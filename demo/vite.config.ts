import { cpSync, existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: import.meta.dirname,
  plugins: [kefuLoader()],
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
