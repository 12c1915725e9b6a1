import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';

/** The agent console at /agent and its API at /agent/api. */
export function registerConsole(_app: OpenAPIHono, _deps: ServerDeps): void {}
