import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// Headers that describe one connection, not the request; fetch refuses some of them outright.
const hopByHopHeaders = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export interface DemoServerOptions {
  /** The built demo (demo/dist). */
  readonly root: string;
  /** Where /v1/* is forwarded: the reference server's origin. */
  readonly apiOrigin?: string;
  /** Extra headers for HTML responses, e.g. a Content-Security-Policy. */
  readonly htmlHeaders?: Record<string, string>;
}

/**
 * Serves the built demo storefront on 127.0.0.1 the way a storefront's host would, forwarding
 * /v1/* to the reference server (same origin, as the demo's vite proxy does in development).
 */
export async function startDemoServer(options: DemoServerOptions) {
  const root = resolve(options.root);
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/v1/') && options.apiOrigin) return proxy(request, response, url);
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) return notFound(response);
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) return notFound(response);
    const type = types[extname(file)] ?? 'application/octet-stream';
    response.setHeader('Content-Type', type);
    if (type.startsWith('text/html')) {
      for (const [name, value] of Object.entries(options.htmlHeaders ?? {})) response.setHeader(name, value);
    }
    response.end(body);
  }

  async function proxy(request: IncomingMessage, response: ServerResponse, url: URL) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name, value]) => typeof value === 'string' && !hopByHopHeaders.has(name),
      ),
    ) as Record<string, string>;
    const upstream = await fetch(`${options.apiOrigin}${url.pathname}${url.search}`, {
      method: request.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    response.statusCode = upstream.status;
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'content-length') response.setHeader(name, value);
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  }

  function notFound(response: ServerResponse) {
    response.statusCode = 404;
    response.end('not found');
  }

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
