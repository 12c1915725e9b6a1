import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';

/** Chat under /v1: availability, conversations, messages, typing, read, close, transcript. */
export function registerChatRoutes(_v1: OpenAPIHono, _deps: ServerDeps): void {}
