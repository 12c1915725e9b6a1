// The console's API keys and webhooks routes (/agent/api/keys, /agent/api/webhooks): an admin's
// screens. An agent who is not an admin is refused (403), and a key made by an admin is the
// same key `kefu-server keys` and /admin/v1 know.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../server.js';
import { agentCookie, startTestServer } from '../routes/test-helpers.js';

describe('the console’s API keys and webhooks routes', () => {
  let server: RunningServer;
  let adminCookie: string;
  let agentOnlyCookie: string;
  before(async () => {
    server = await startTestServer({ port: 0 });
    adminCookie = await agentCookie(server, { name: 'Ada', role: 'admin' });
    agentOnlyCookie = await agentCookie(server, { name: 'Bo', role: 'agent' });
  });
  after(() => server.close());

  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.origin}/agent/api${path}`, {
      method,
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  it('refuses an agent who is not an admin, on every route of both screens', async () => {
    for (const [method, path] of [
      ['GET', '/keys'],
      ['POST', '/keys'],
      ['DELETE', '/keys/key_1'],
      ['GET', '/webhooks'],
      ['POST', '/webhooks'],
      ['DELETE', '/webhooks/wh_1'],
      ['GET', '/webhooks/wh_1/deliveries'],
      ['POST', '/webhooks/wh_1/deliveries/whd_1/redeliver'],
    ] as const) {
      const answer = await call(agentOnlyCookie, method, path, method === 'POST' ? {} : undefined);
      assert.equal(answer.status, 403, `${method} ${path}`);
    }
    assert.equal((await call('', 'GET', '/keys')).status, 401);
  });

  it('lets an admin make a key that /admin/v1 accepts, name the refused fields, and revoke it', async () => {
    const refused = await call(adminCookie, 'POST', '/keys', { name: ' ', scopes: ['orders:write', 'admin'] });
    assert.equal(refused.status, 422);
    assert.ok((refused.body.error as { fields: Record<string, string> }).fields.scopes);
    const made = await call(adminCookie, 'POST', '/keys', { name: 'reports', scopes: ['read'] });
    assert.equal(made.status, 201);
    const { key, info } = made.body as { key: string; info: { id: string } };
    const listed = await call(adminCookie, 'GET', '/keys');
    assert.deepEqual(
      (listed.body.keys as { id: string; scopes: string[] }[]).map((entry) => [entry.id, entry.scopes]),
      [[info.id, ['read']]],
    );
    assert.ok(!JSON.stringify(listed.body).includes(key), 'the key itself is never listed');
    const admin = (bearer: string) =>
      fetch(`${server.origin}/admin/v1/webhooks`, { headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await admin(key)).status, 403, 'a read key is a key, without webhooks:write');
    assert.equal((await call(adminCookie, 'DELETE', `/keys/${info.id}`)).status, 204);
    assert.equal((await admin(key)).status, 401);
    assert.equal((await call(adminCookie, 'DELETE', '/keys/key_unknown')).status, 404);
    // The audit log shows who made and revoked it.
    const { entries } = await server.services.audit.list({ action: 'key.created' });
    assert.equal(entries[0]?.actor.name, 'Ada');
    assert.equal(entries[0]?.subject.id, info.id);
    assert.equal((await server.services.audit.list({ action: 'key.revoked' })).entries[0]?.actor.name, 'Ada');
  });

  it('lets an admin add and remove a webhook, refusing a private address here', async () => {
    const refused = await call(adminCookie, 'POST', '/webhooks', {
      url: 'http://127.0.0.1:9/hooks',
      events: ['return.created'],
    });
    assert.equal(refused.status, 422);
    assert.ok((refused.body.error as { fields: Record<string, string> }).fields.url);
    const added = await call(adminCookie, 'POST', '/webhooks', {
      url: 'https://shop.example/hooks',
      events: ['return.created'],
    });
    assert.equal(added.status, 201);
    assert.match(String(added.body.secret), /^whsec_/);
    const listed = await call(adminCookie, 'GET', '/webhooks');
    assert.equal((listed.body.webhooks as unknown[]).length, 1);
    assert.ok(!JSON.stringify(listed.body).includes(String(added.body.secret)));
    assert.deepEqual((await call(adminCookie, 'GET', `/webhooks/${String(added.body.id)}/deliveries`)).body, {
      deliveries: [],
    });
    assert.equal((await call(adminCookie, 'DELETE', `/webhooks/${String(added.body.id)}`)).status, 204);
    assert.equal((await call(adminCookie, 'DELETE', `/webhooks/${String(added.body.id)}`)).status, 404);
  });
});
