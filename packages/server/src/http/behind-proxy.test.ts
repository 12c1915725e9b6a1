// The server behind a reverse proxy (issue 21, "Proxies"), as docs/deploy.md sets it up with nginx:
// the proxy appends the client's address to X-Forwarded-For and forwards WebSocket upgrades. Two
// shoppers are two real client addresses: Linux answers on all of 127.0.0.0/8, so a request sent
// from 127.0.0.2 reaches the proxy from 127.0.0.2, and the proxy has nothing to be told.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { DEFAULT_ORDER_GUESS_LIMITS } from '@kefu/core/domain';
import type { ChatMessage, Conversation } from '@kefu/core';
import { startServer, type RunningServer } from '../server.js';
import { agentCookie } from '../routes/test-helpers.js';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres.js';
import { startReverseProxy, type ReverseProxy } from '../../../../test/support/reverse-proxy.js';

const ANA = '127.0.0.2';
const BEN = '127.0.0.3';
/** A Monday, 10:00 in Paris: inside the demo store's business hours, so a chat can start. */
const MONDAY_MORNING = Date.parse('2026-11-23T10:00:00+01:00');
/** Two failed lookups per client address, then 429; the order number's own limit out of the way. */
const lookupLimits = {
  perAddress: { max: 2, windowMs: 60_000 },
  perOrderNumber: { ...DEFAULT_ORDER_GUESS_LIMITS, tries: 100 },
};

/** A failed order lookup sent from `from` through `origin`, with any extra headers; its status. */
function guess(origin: string, from: string, headers: Record<string, string> = {}): Promise<number> {
  const body = JSON.stringify({ orderNumber: `MM-${9000 + Math.floor(Math.random() * 900)}`, email: 'x@example.com' });
  return new Promise((resolve, reject) => {
    const outgoing = request(`${origin}/v1/orders/lookup`, {
      method: 'POST',
      localAddress: from,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
    });
    outgoing.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

async function behindProxy(trustProxy: boolean): Promise<{ server: RunningServer; proxy: ReverseProxy }> {
  const server = await startServer({ port: 0, demo: true, trustProxy, lookupLimits });
  const proxy = await startReverseProxy({ upstreams: [server.origin] });
  return { server, proxy };
}

describe('order lookups behind a proxy that appends to X-Forwarded-For', () => {
  describe('with KEFU_TRUST_PROXY=1', () => {
    let server: RunningServer;
    let proxy: ReverseProxy;
    before(async () => ({ server, proxy } = await behindProxy(true)));
    after(async () => {
      await proxy.close();
      await server.close();
    });

    it('gives each shopper their own budget of failed lookups', async () => {
      assert.deepEqual([await guess(proxy.origin, ANA), await guess(proxy.origin, ANA)], [404, 404]);
      assert.equal(await guess(proxy.origin, ANA), 429, 'Ana has spent hers');
      assert.equal(await guess(proxy.origin, BEN), 404, 'Ben has not: he is another client, not the proxy');
    });

    it('does not let a shopper escape the budget by sending an X-Forwarded-For of their own', async () => {
      for (const forged of ['198.51.100.7', `198.51.100.8, ${BEN}`, '']) {
        const headers: Record<string, string> = forged ? { 'x-forwarded-for': forged } : {};
        assert.equal(await guess(proxy.origin, ANA, headers), 429, `forged "${forged}"`);
      }
      assert.equal(await guess(proxy.origin, BEN), 404, 'Ben still has one try left');
    });
  });

  describe('without it', () => {
    let server: RunningServer;
    let proxy: ReverseProxy;
    before(async () => ({ server, proxy } = await behindProxy(false)));
    after(async () => {
      await proxy.close();
      await server.close();
    });

    it('counts every shopper as the proxy, one budget for all', async () => {
      assert.deepEqual([await guess(proxy.origin, ANA), await guess(proxy.origin, BEN)], [404, 404]);
      assert.equal(await guess(proxy.origin, BEN, { 'x-forwarded-for': '198.51.100.9' }), 429);
      assert.equal(await guess(proxy.origin, '127.0.0.4'), 429, 'a third shopper shares it too');
    });
  });
});

/** Every JSON frame a socket received, with a bounded wait for one. */
class Frames {
  readonly all: Array<Record<string, unknown>> = [];
  readonly opened: Promise<void>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.all.push(JSON.parse(data.toString()) as Record<string, unknown>));
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  async waitFor(test: (frame: Record<string, unknown>) => boolean, what: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all.find(test);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.all)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * A shopper starts a chat and opens its stream, an agent signs in and opens the console's feed, all
 * through `proxy`; the shopper's message reaches the feed and the agent's reply reaches the stream.
 * Sockets are closed by the caller (`sockets`).
 */
async function chatBothWays(proxy: ReverseProxy, sockets: WebSocket[]): Promise<void> {
  const open = (path: string, headers: Record<string, string> = {}) => {
    const frames = new Frames(new WebSocket(`ws://127.0.0.1:${proxy.port}${path}`, { headers }));
    sockets.push(frames.socket);
    return frames;
  };
  const started = await fetch(`${proxy.origin}/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' }),
  });
  assert.equal(started.status, 201);
  const conversation = (await started.json()) as Conversation;

  // The browser's way: Origin is the page's, the proxy's own host, which the proxy passes on as Host.
  const stream = open(`/v1/conversations/${conversation.id}/stream`, { origin: proxy.origin });
  await stream.opened;
  stream.socket.send(JSON.stringify({ type: 'auth', token: conversation.token }));
  await stream.waitFor((frame) => frame.type === 'subscribed', 'the stream subscribed');

  const cookie = await agentCookie(proxy.origin);
  const feed = open('/agent/socket', { cookie, origin: proxy.origin });
  await feed.opened;
  await feed.waitFor((frame) => frame.type === 'hello', 'the console greeted');

  const sent = await fetch(`${proxy.origin}/v1/conversations/${conversation.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` },
    body: JSON.stringify({ clientId: crypto.randomUUID(), text: 'Where is my parcel?' }),
  });
  assert.equal(sent.status, 201);
  const message = (await sent.json()) as ChatMessage;
  await feed.waitFor(
    (frame) => frame.type === 'event' && (frame.event as { message?: ChatMessage }).message?.id === message.id,
    'the shopper’s message in the console',
  );

  const accepted = await fetch(`${proxy.origin}/agent/api/conversations/${conversation.id}/accept`, {
    method: 'POST',
    headers: { cookie },
  });
  assert.equal(accepted.status, 200);
  const replied = await fetch(`${proxy.origin}/agent/api/conversations/${conversation.id}/messages`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: crypto.randomUUID(), text: 'It is on its way.' }),
  });
  assert.equal(replied.status, 201);
  const reply = (await replied.json()) as ChatMessage;
  await stream.waitFor(
    (frame) => frame.type === 'message' && (frame.message as ChatMessage).id === reply.id,
    'the agent’s reply on the shopper’s stream',
  );
}

describe('chat sockets through the proxy', () => {
  let server: RunningServer;
  let proxy: ReverseProxy;
  const sockets: WebSocket[] = [];
  before(async () => {
    server = await startServer({
      port: 0,
      demo: true,
      trustProxy: true,
      now: () => MONDAY_MORNING,
    });
    proxy = await startReverseProxy({ upstreams: [server.origin] });
  });
  after(async () => {
    for (const socket of sockets) socket.terminate();
    await proxy.close();
    await server.close();
  });

  it('carries a shopper’s stream and the agent console’s feed both ways', async () => {
    await chatBothWays(proxy, sockets);
    assert.equal(proxy.served[0], 7, 'every request and both upgrades went through the proxy');
  });

  it('passes on the server’s refusal of an upgrade', async () => {
    const feed = new Frames(
      new WebSocket(`ws://127.0.0.1:${proxy.port}/agent/socket`, { headers: { origin: proxy.origin } }),
    );
    sockets.push(feed.socket);
    await assert.rejects(feed.opened, /upgrade 401/);
  });
});

describe('two instances on one PostgreSQL database behind the proxy', () => {
  let cluster: PostgresCluster;
  let instances: RunningServer[] = [];
  let proxy: ReverseProxy;
  const sockets: WebSocket[] = [];
  before(async () => {
    cluster = await startPostgres();
    const options = {
      port: 0,
      demo: true,
      database: cluster.url,
      trustProxy: true,
      now: () => MONDAY_MORNING,
    };
    instances = await Promise.all([startServer(options), startServer(options)]);
    // The shopper's traffic on instance A, the console's on instance B.
    proxy = await startReverseProxy({
      upstreams: instances.map((instance) => instance.origin),
      pick: (request) => (request.url?.startsWith('/agent') ? 1 : 0),
    });
  });
  after(async () => {
    for (const socket of sockets) socket.terminate();
    await proxy?.close();
    await Promise.all(instances.map((instance) => instance.close()));
    await cluster?.stop();
  });

  it('lets a shopper on one instance and an agent on the other chat live, both ways', async () => {
    await chatBothWays(proxy, sockets);
    assert.deepEqual(proxy.served, [3, 4], 'the shopper’s 3 calls on A, the agent’s 4 on B');
  });
});

describe('the test proxy itself', () => {
  it('skips an upstream that refuses the connection, as proxy_next_upstream error does', async () => {
    const [live, gone] = [await startServer({ port: 0, demo: true }), await startServer({ port: 0, demo: true })];
    await gone.close();
    const proxy = await startReverseProxy({ upstreams: [gone.origin, live.origin] });
    try {
      for (let round = 0; round < 4; round += 1) {
        const ready = await fetch(`${proxy.origin}/ready`);
        assert.equal(ready.status, 200, `round ${round}`);
        const lookup = await fetch(`${proxy.origin}/v1/orders/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' }),
        });
        assert.equal(lookup.status, 200, 'a body reaches the next upstream whole');
      }
      assert.deepEqual(proxy.served, [0, 8]);
    } finally {
      await proxy.close();
      await live.close();
    }
  });
});
