import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoStoreConfig } from '@kefu/core/seed';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { createApp } from './app.js';
import { createServices } from './compose.js';
import { openMigratedEngine } from './db/database.js';
import { migrations } from './db/migrations/index.js';
import { type RunningServer } from './server.js';
import { startTestServer } from './routes/test-helpers.js';

describe('reference server over real HTTP on 127.0.0.1', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ port: 0, allowedOrigins: ['http://shop.test'] });
  });
  after(() => server.close());

  it('serves the demo store’s config at GET /v1/config', async () => {
    const response = await fetch(`${server.origin}/v1/config`);
    assert.equal(response.status, 200);
    // Plus what the server says of itself: it sends no e-mail, so the widget promises none.
    assert.deepEqual(await response.json(), { ...demoStoreConfig, mail: { sends: false } });
  });

  it('answers an unknown route with the contract’s error body', async () => {
    const response = await fetch(`${server.origin}/v1/nope`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'not_found');
    assert.match(body.error.message, /GET \/v1\/nope/);
  });

  it('keeps an idle keep-alive connection open longer than clients keep theirs', async () => {
    // One connection, two requests 6 s apart (Node's default would have closed it after 5 s, and
    // a client sending just then gets ECONNRESET). Raw HTTP/1.1, so nothing reconnects unseen.
    const { port } = new URL(server.origin);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const ask = async () => {
      const before = (received.match(/HTTP\/1\.1 200/g) ?? []).length;
      socket.write('GET /v1/config HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
      for (let waited = 0; (received.match(/HTTP\/1\.1 200/g) ?? []).length === before; waited += 20) {
        assert.ok(waited < 5000 && !socket.closed, `no answer on the kept connection:\n${received}`);
        await delay(20);
      }
    };
    await ask();
    await delay(6000);
    assert.equal(socket.closed, false, 'the server closed the idle connection');
    await ask();
    socket.destroy();
  });

  it('answers an address holding a NUL with 404 on every route, never a database error', async () => {
    // PostgreSQL refuses a NUL in text: each of these was a 500 there before it was refused up front.
    for (const [method, path] of [
      ['GET', '/v1/articles/%00'],
      ['GET', '/v1/articles?locale=en%00'],
      ['POST', '/agent/api/agents/%00/disable'],
      ['POST', '/admin/v1/returns/%00/received'],
      ['PUT', '/admin/v1/orders/SH%00-1'],
    ] as const) {
      const response = await fetch(`${server.origin}${path}`, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'not_found');
    }
  });

  it('allows CORS for configured storefront origins only', async () => {
    const allowed = await fetch(`${server.origin}/v1/config`, { headers: { origin: 'http://shop.test' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://shop.test');
    const other = await fetch(`${server.origin}/v1/config`, { headers: { origin: 'http://evil.test' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${server.origin}/v1/health`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('strict-transport-security'));
  });

  it('refuses bodies over the size limit with 413', async () => {
    const response = await fetch(`${server.origin}/v1/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(6 * 1024 * 1024) }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'payload_too_large');
  });
});

describe('operations: health, readiness and a graceful shutdown', () => {
  it('answers /health and /ready while up; /ready is 503 while closing, migrating or cut off', async () => {
    const server = await startTestServer({ port: 0 });
    const readiness = async (app: ReturnType<typeof createApp>['app']) => {
      const response = await app.request('/ready');
      return { status: response.status, body: (await response.json()) as { status: string } };
    };
    try {
      const health = await fetch(`${server.origin}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const ready = await fetch(`${server.origin}/ready`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });

      assert.deepEqual(await readiness(createApp(server.services, { closing: () => true }).app), {
        status: 503,
        body: { status: 'closing' },
      });
      // A database this code's newest migration has not reached (an older instance migrated it).
      const behind = await openMigratedEngine(':memory:');
      const newest = Math.max(...migrations.map((migration) => migration.id));
      await behind.db.deleteFrom('migrations').where('id', '=', newest).execute();
      const overBehind = createServices({ ...server.deps, engine: behind });
      const lagging = await readiness(createApp(overBehind).app);
      assert.equal(lagging.status, 503);
      assert.equal(lagging.body.status, 'migrations_pending');
      // A database that no longer answers.
      await overBehind.close();
      await behind.close();
      assert.deepEqual(await readiness(createApp(overBehind).app), {
        status: 503,
        body: { status: 'database_unreachable' },
      });
    } finally {
      await server.close();
    }
  });

  it('finishes a request in flight when it is told to stop, then stops', async () => {
    const server = await startTestServer({ port: 0 });
    const body = JSON.stringify({ kind: 'csat', score: 5, subject: { type: 'store', id: 'store' } });
    const half = Math.floor(body.length / 2);
    // A survey answer whose body arrives in two parts, the second after close() was called: the
    // shopper's request was accepted before the shutdown, so it gets its answer, not a reset.
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        `${server.origin}/v1/surveys/responses`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': crypto.randomUUID(),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, half));
      // Bounded: the headers and the first half reach the server, then the shutdown begins.
      setTimeout(() => {
        const closed = server.close();
        setTimeout(() => request.end(body.slice(half)), 100);
        closed.catch(reject);
      }, 200);
    });
    const { status, text } = await answer;
    assert.equal(status, 201, text);
    assert.match(text, /"id":"srv_/);
    // And it no longer takes connections.
    await assert.rejects(fetch(`${server.origin}/health`));
  });
});
