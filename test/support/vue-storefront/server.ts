// The server's side: one fresh app per request, rendered to HTML (test/e2e/vue-hydration.test.ts).
import { renderToString } from 'vue/server-renderer';
import { createStorefront } from './app.js';

export const render = (): Promise<string> => renderToString(createStorefront());
