import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { demoStoreConfig } from '@kefu/core/seed';
import { startServer, type RunningServer } from './server.js';

describe('reference server over real HTTP on 127.0.0.1', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, allowedOrigins: ['http://shop.test'] });
  });
  after(() => server.close());

  it('serves the demo store’s config at GET /v1/config', async () => {
    const response = await fetch(`${server.origin}/v1/config`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), demoStoreConfig);
  });

  it('answers an unknown route with the contract’s error body', async () => {
    const response = await fetch(`${server.origin}/v1/nope`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'not_found');
    assert.match(body.error.message, /GET \/v1\/nope/);
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
