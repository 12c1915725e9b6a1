import { Hono } from 'hono';
import type { StoreConfig } from '@kefu/core';

export function configRoutes(config: StoreConfig) {
  return new Hono().get('/config', (c) => {
    // Config changes rarely; let the widget's cache and any CDN reuse it for a minute.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(config);
  });
}
