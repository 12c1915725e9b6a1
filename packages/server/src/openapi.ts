import type { OpenAPIHono } from '@hono/zod-openapi';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoStoreConfig } from '@kefu/core/seed';
import { API_INFO, createApp } from './app.js';
import { openMigratedEngine } from './db/database.js';
import { createDirectoryFileStore } from './files/directory-file-store.js';
import { createServices } from './compose.js';

/** The OpenAPI 3.1 document of everything registered on the /v1 app (REST and chat). */
export function openApiDocument(v1: OpenAPIHono) {
  return v1.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO, servers: [{ url: '/v1' }] });
}

/**
 * Builds a throwaway app over an in-memory database, only to read its routes (`v1`, and `admin`
 * for the admin API at /admin/v1, documented in the same document): what
 * docs/api/openapi.yaml is generated from (scripts/openapi.mjs) and checked against
 * (test/node/openapi.test.ts).
 */
export async function generateOpenApiDocument() {
  const engine = await openMigratedEngine(':memory:');
  const services = createServices({
    engine,
    config: demoStoreConfig,
    now: Date.now,
    identitySecret: 'openapi-generation-only',
    files: createDirectoryFileStore(join(tmpdir(), 'kefu-openapi-unused')),
    allowedOrigins: [],
    trustProxy: false,
  });
  try {
    const { v1, admin } = createApp(services);
    return { document: openApiDocument(v1), v1, admin };
  } finally {
    await services.close();
    await engine.close();
  }
}
