// Issue 22: "Every admin route rejects a missing, wrong, revoked or under-scoped key with the same
// documented errors." Every route of /admin/v1 in the OpenAPI document, not a sample: a route added
// without the key check, or checking another scope than its summary says, fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import type { RunningServer } from '../server.js';
import { adminSender, startTestServer } from '../routes/test-helpers.js';
import { adminScopes, type AdminScope } from './keys.js';

const BOOTSTRAP_KEY = 'every-route-refusals-bootstrap-key-0123456789';

interface DocumentedRoute {
  readonly method: string;
  readonly path: string;
  /** The scope its summary names: "(scope orders:write)". */
  readonly scope: AdminScope;
  readonly documented: readonly string[];
}

function documentedAdminRoutes(): DocumentedRoute[] {
  const document = parse(readFileSync(new URL('../../../../docs/api/openapi.yaml', import.meta.url), 'utf8')) as {
    paths: Record<string, Record<string, { summary: string; responses: Record<string, unknown> }>>;
  };
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/admin/v1/')) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const scope = /\(scope ([a-z:]+)\)/.exec(operation.summary)?.[1];
      assert.ok(
        scope && (adminScopes as readonly string[]).includes(scope),
        `${method} ${path}: its summary names a scope`,
      );
      routes.push({
        method: method.toUpperCase(),
        // Any value will do for a parameter: the key is checked before the route looks anything up.
        path: path.replace('/admin/v1', '').replace(/\{[^}]+\}/g, 'x-1'),
        scope: scope as AdminScope,
        documented: Object.keys(operation.responses),
      });
    }
  }
  return routes;
}

describe('every admin route, as the OpenAPI document lists them', () => {
  let server: RunningServer;
  let revokedKey: string;
  /** For each scope, a key with every other scope. */
  const lacking = new Map<AdminScope, string>();
  const send = adminSender<{ error?: { code: string; scope?: string } }>(
    () => `${server.origin}/admin/v1`,
    BOOTSTRAP_KEY,
  );
  const routes = documentedAdminRoutes();
  /** An empty object for the routes that take a body; none for GET and DELETE. */
  const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

  before(async () => {
    server = await startTestServer({ port: 0, demo: false, adminKey: BOOTSTRAP_KEY });
    const { keys } = server.services.admin;
    const revoked = await keys.create('revoked', [...adminScopes]);
    await keys.revoke(revoked.info.id);
    revokedKey = revoked.key;
    for (const scope of adminScopes)
      lacking.set(
        scope,
        (
          await keys.create(
            `all but ${scope}`,
            adminScopes.filter((other) => other !== scope),
          )
        ).key,
      );
  });
  after(() => server.close());

  it('lists every area of the admin API, each route naming its scope', () => {
    const areas = new Set(routes.map((route) => route.path.split('/')[1]));
    assert.deepEqual([...areas].sort(), ['articles', 'orders', 'returns', 'webhooks']);
    for (const route of routes)
      assert.deepEqual(
        ['401', '403'].filter((status) => !route.documented.includes(status)),
        [],
        `${route.method} ${route.path} documents 401 and 403`,
      );
  });

  it('answers no key, a wrong key and a revoked key with the same 401, byte for byte, on every route', async () => {
    const first = await send(routes[0]!.method, routes[0]!.path, bodyFor(routes[0]!.method), '');
    assert.equal(first.status, 401);
    assert.equal(first.body.error?.code, 'unauthorized');
    for (const { method, path } of routes) {
      for (const key of ['', `kfk_${'A'.repeat(43)}`, revokedKey, BOOTSTRAP_KEY.slice(0, -1)]) {
        const answer = await send(method, path, bodyFor(method), key);
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.equal(answer.text, first.text, `${method} ${path}: the same bytes`);
        assert.equal(answer.headers.get('www-authenticate'), first.headers.get('www-authenticate'));
      }
    }
  });

  it('answers a key without the route’s scope with 403 naming that scope, on every route', async () => {
    for (const { method, path, scope } of routes) {
      const answer = await send(method, path, bodyFor(method), lacking.get(scope));
      assert.equal(answer.status, 403, `${method} ${path} (${scope}): ${answer.text}`);
      assert.equal(answer.body.error?.code, 'forbidden');
      assert.equal(answer.body.error?.scope, scope, `${method} ${path}`);
    }
  });
});
