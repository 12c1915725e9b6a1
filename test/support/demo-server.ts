import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
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
  /** Extra headers for every file served, e.g. Access-Control-Allow-Origin on a CDN-like host. */
  readonly headers?: Record<string, string>;
}

/**
 * Serves the built demo storefront on 127.0.0.1 the way a storefront's host would, forwarding
 * /v1/* to the reference server (same origin, as the demo's vite proxy does under `npm start`),
 * the chat's WebSocket upgrades included: the pages keep their relative `data-api-base="/v1"`.
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
    for (const [name, value] of Object.entries(options.headers ?? {})) response.setHeader(name, value);
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

  // A WebSocket under /v1 (the chat's stream): the upgrade request is replayed to the reference
  // server byte for byte, then both sockets are piped, as a reverse proxy does.
  const tunnels = new Set<Socket>();
  server.on('upgrade', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!options.apiOrigin || !url.pathname.startsWith('/v1/')) return client.destroy();
    const target = new URL(options.apiOrigin);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on('error', () => (socket === client ? upstream : client).destroy());
      socket.on('close', () => {
        tunnels.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => done());
      }),
  };
}
