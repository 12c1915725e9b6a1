import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MailCapability, StoreConfig } from '@kefu/core';
import { jsonContent, serve } from './define.js';
import { StoreConfigSchema } from './schemas.js';

const getConfig = createRoute({
  method: 'get',
  path: '/config',
  tags: ['Configuration'],
  summary: 'The store: brand, locales, business hours, channels, return policy, callbacks, surveys',
  responses: { 200: jsonContent(StoreConfigSchema, 'The store configuration') },
});

/**
 * What the widget may promise by e-mail. The server says it, from its own mail setup, and no
 * settings file can: a store cannot switch on a promise the server cannot keep (decision 0025).
 * This server has no mail transport yet (issue 23), so it sends none.
 */
const noMail: MailCapability = { sends: false };

/** `config()` is the store's settings as they are now (they can change while the server runs). */
export function registerConfigRoute(api: OpenAPIHono, config: () => StoreConfig, mail = noMail): void {
  serve(api, getConfig, (c) => {
    // Config changes rarely; let the widget's cache and any CDN reuse it for a minute. A change
    // saved in the console reaches shoppers within that minute plus the widget's own five-minute
    // cache of it (decision 0018).
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ ...config(), mail }, 200);
  });
}
