import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { openApiPath, renderOpenApiYaml } from '../../scripts/openapi.mjs';
import { generateOpenApiDocument } from '../../packages/server/src/openapi.js';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** "GET /orders/{id}" for every operation of the document. */
function documentedRoutes(paths: object): Set<string> {
  return new Set(
    Object.entries(paths as Record<string, Partial<Record<string, unknown>>>).flatMap(([path, item]) =>
      methods.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
}

describe('docs/api/openapi.yaml', () => {
  it('is what `npm run openapi` generates from the server’s routes', async () => {
    const committed = readFileSync(openApiPath, 'utf8');
    const fresh = await renderOpenApiYaml();
    assert.ok(
      committed === fresh,
      'docs/api/openapi.yaml is out of date: run `npm run openapi` and commit the result.',
    );
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = parse(readFileSync(openApiPath, 'utf8')) as Parameters<typeof validate>[0];
    const result = await validate(document);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
    assert.equal(result.specification, 'OpenAPI');
    assert.match(String((document as { openapi?: string }).openapi), /^3\.1\./);
  });

  it('documents every route registered on the /v1 app and the admin API, and no route that is not', async () => {
    const { document, v1, admin } = await generateOpenApiDocument();
    const routesOf = (app: typeof v1, prefix: string) =>
      app.routes
        // Middleware (app.use) is registered for every method; it is not an operation.
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method.toUpperCase()} ${prefix}${route.path.replaceAll(/:(\w+)/g, '{$1}')}`);
    const registered = new Set([...routesOf(v1, ''), ...routesOf(admin, '/admin/v1')]);
    const documented = documentedRoutes(document.paths ?? {});
    assert.ok(registered.size > 0 && documented.size > 0);
    const undocumented = [...registered].filter((route) => !documented.has(route));
    const unserved = [...documented].filter((route) => !registered.has(route));
    assert.deepEqual(undocumented, [], 'registered on /v1 but missing from the OpenAPI document');
    assert.deepEqual(unserved, [], 'in the OpenAPI document but not registered on /v1');
  });
});
