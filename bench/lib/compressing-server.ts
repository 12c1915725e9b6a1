/**
 * A static server as a CDN serves a store's files: each text file precompressed (brotli quality 11,
 * gzip level 9) and sent in the encoding the request's Accept-Encoding prefers (brotli, then gzip,
 * then none), with `Vary: Accept-Encoding`. /v1/* goes to the reference server, its responses
 * compressed on the fly (brotli 5, gzip 6) as an API's server or CDN compresses dynamic JSON.
 * Listens on 127.0.0.1 only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg']);
const hopByHop = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

interface Variants {
  readonly type: string;
  readonly identity: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

/** The encoding a CDN picks for this Accept-Encoding among those it has: brotli, then gzip. */
export function negotiate(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [token = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (token) accepted.set(token, q ? Number(q.slice(2)) : 1);
  }
  const wanted = (encoding: string) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0;
  for (const encoding of ['br', 'gzip'] as const) if (available.includes(encoding) && wanted(encoding)) return encoding;
  return 'identity';
}

async function compress(body: Buffer, dynamic: boolean): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: dynamic ? 5 : constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: dynamic ? 6 : 9 }),
  ]);
  return { br, gzip: gz };
}

export interface CompressingServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves every file under `root` (read and compressed now: the files do not change while measured). */
export async function startCompressingServer(options: {
  readonly root: string;
  readonly apiOrigin?: string;
}): Promise<CompressingServer> {
  const root = resolve(options.root);
  const files = new Map<string, Variants>();
  await Promise.all(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        const extension = extname(path);
        const identity = readFileSync(path);
        const type = types[extension] ?? 'application/octet-stream';
        const compressed = compressible.has(extension) ? await compress(identity, false) : {};
        files.set(`/${relative(root, path).split(sep).join('/')}`, { type, identity, ...compressed });
      }),
  );

  function send(request: IncomingMessage, response: ServerResponse, variants: Variants) {
    const available: Encoding[] = variants.br && variants.gzip ? ['br', 'gzip'] : [];
    const encoding = negotiate(request.headers['accept-encoding'], available);
    const body = encoding === 'identity' ? variants.identity : (variants[encoding] ?? variants.identity);
    response.setHeader('Content-Type', variants.type);
    if (available.length) response.setHeader('Vary', 'Accept-Encoding');
    if (encoding !== 'identity') response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', body.length);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function proxy(request: IncomingMessage, response: ServerResponse, url: URL, apiOrigin: string) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !hopByHop.has(name)),
    ) as Record<string, string>;
    // fetch() decodes what the reference server sends: compress it again, as the store's edge does.
    delete headers['accept-encoding'];
    const upstream = await fetch(`${apiOrigin}${url.pathname}${url.search}`, {
      method: request.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const identity = Buffer.from(await upstream.arrayBuffer());
    response.statusCode = upstream.status;
    upstream.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) {
        response.setHeader(name, value);
      }
    });
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    const variants: Variants =
      identity.length > 0 && /json|text/.test(type)
        ? { type, identity, ...(await compress(identity, true)) }
        : { type, identity };
    send(request, response, variants);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const work =
      url.pathname.startsWith('/v1/') && options.apiOrigin
        ? proxy(request, response, url, options.apiOrigin)
        : Promise.resolve().then(() => {
            const variants = files.get(decodeURIComponent(url.pathname));
            if (!variants) {
              response.statusCode = 404;
              response.end('not found');
              return;
            }
            send(request, response, variants);
          });
    work.catch((error: unknown) => {
      if (!response.headersSent) response.statusCode = 502;
      response.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
