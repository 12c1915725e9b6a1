// The storefront's app, the same on the server (server.ts) and in the browser (client.ts), as a
// server-rendered Vue app is made: createSSRApp, then the plugin.
import { createSSRApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import Storefront from './storefront.vue';

export const createStorefront = () => createSSRApp(Storefront).use(createKefuPlugin({ apiBase: '/v1' }));
