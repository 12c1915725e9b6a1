// A small reverse proxy for tests, doing what docs/deploy/nginx.conf asks of nginx: requests and
// WebSocket upgrades go to one of several upstream origins (round robin, or `pick`), the client's
// address is appended to X-Forwarded-For ($proxy_add_x_forwarded_for), the Host header is kept
// (`proxy_set_header Host $host`), and an upstream that refuses the connection is skipped for the
// next one (`proxy_next_upstream error`). Bodies stream both ways; nothing is buffered.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ReverseProxyOptions {
  /** Upstream origins, e.g. `http://127.0.0.1:8787`. */
  readonly upstreams: readonly string[];
  /** Which upstream (an index into `upstreams`) a request tries first; round robin when not given. */
  readonly pick?: (request: IncomingMessage) => number;
}

export interface ReverseProxy {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly port: number;
  /** How many requests and upgrades each upstream answered, by index. */
  readonly served: number[];
  /** Stops listening and ends every connection, proxied sockets included. */
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): a proxy does not pass them on. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
]);

export async function startReverseProxy(options: ReverseProxyOptions): Promise<ReverseProxy> {
  if (options.upstreams.length === 0) throw new Error('A reverse proxy needs at least one upstream.');
  const upstreams = options.upstreams.map((origin) => new URL(origin));
  const served = upstreams.map(() => 0);
  const sockets = new Set<Duplex>();
  let next = 0;

  /** The upstreams to try, in order: the picked (or next round-robin) one first, then the others. */
  function order(request: IncomingMessage): number[] {
    const first = options.pick ? options.pick(request) : next++ % upstreams.length;
    return upstreams.map((_upstream, index) => (first + index) % upstreams.length);
  }

  function forwardedHeaders(request: IncomingMessage, keep: (name: string) => boolean): IncomingHttpHeaders {
    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (keep(name)) headers[name] = value;
    const client = request.socket.remoteAddress ?? 'unknown';
    const earlier = request.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = earlier ? `${String(earlier)}, ${client}` : client;
    return headers;
  }

  /** Connection refused (or reset before an answer): nginx's `error`, worth the next upstream. */
  const isConnectError = (error: NodeJS.ErrnoException) =>
    error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.code === 'EHOSTUNREACH';

  const server = createServer((request, response) => {
    const candidates = order(request);
    // The body is piped only once the upstream has accepted the connection, so a refused one has
    // read none of it and the next upstream gets it whole, still streamed.
    const attempt = (tried: number): void => {
      const index = candidates[tried]!;
      const upstream = upstreams[index]!;
      const outgoing = httpRequest({
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: forwardedHeaders(request, (name) => !hopByHop.has(name)),
        agent: false,
      });
      let connected = false;
      outgoing.once('socket', (socket: Socket) =>
        socket.once('connect', () => {
          connected = true;
          request.pipe(outgoing);
        }),
      );
      outgoing.once('response', (answer) => {
        served[index]! += 1;
        const headers: IncomingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (!hopByHop.has(name)) headers[name] = value;
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
        answer.pipe(response);
        response.once('close', () => answer.destroy());
      });
      outgoing.once('error', (error: NodeJS.ErrnoException) => {
        if (!connected && isConnectError(error) && tried + 1 < candidates.length) return attempt(tried + 1);
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway');
        else response.destroy();
      });
    };
    attempt(0);
  });

  // A WebSocket: the upgrade request goes upstream as it came (its Upgrade and Connection headers
  // are the point), then the two sockets are piped to each other.
  server.on('upgrade', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const candidates = order(request);
    const attempt = (tried: number): void => {
      const index = candidates[tried]!;
      const upstream = upstreams[index]!;
      const outgoing = httpRequest({
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: {
          ...forwardedHeaders(request, (name) => !hopByHop.has(name)),
          connection: 'Upgrade',
          upgrade: String(request.headers.upgrade ?? 'websocket'),
        },
        agent: false,
      });
      outgoing.once('upgrade', (answer, upstreamSocket: Socket, upstreamHead: Buffer) => {
        served[index]! += 1;
        sockets.add(upstreamSocket);
        upstreamSocket.once('close', () => sockets.delete(upstreamSocket));
        upstreamSocket.on('error', () => client.destroy());
        const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${answer.statusMessage ?? 'Switching Protocols'}`];
        for (let i = 0; i < answer.rawHeaders.length; i += 2)
          lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
        client.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (upstreamHead.length > 0) client.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.pipe(client).pipe(upstreamSocket);
        client.once('close', () => upstreamSocket.destroy());
        upstreamSocket.once('close', () => client.destroy());
      });
      // The upstream refused the upgrade (401, 403, 404…): the client gets that answer as it was.
      outgoing.once('response', (answer) => {
        served[index]! += 1;
        const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}`, 'Connection: close'];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          const name = answer.rawHeaders[i]!;
          if (!hopByHop.has(name.toLowerCase())) lines.push(`${name}: ${answer.rawHeaders[i + 1]}`);
        }
        client.write(`${lines.join('\r\n')}\r\n\r\n`);
        answer.pipe(client);
      });
      outgoing.once('error', (error: NodeJS.ErrnoException) => {
        if (isConnectError(error) && tried + 1 < candidates.length) return attempt(tried + 1);
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      });
      outgoing.end();
    };
    attempt(0);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
