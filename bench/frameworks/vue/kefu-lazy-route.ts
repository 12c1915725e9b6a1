// The page with Kefu (as kefu.ts) in an app with a lazy route of its own.
import { createApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import KefuLazyRouteApp from './kefu-lazy-route-app.vue';

createApp(KefuLazyRouteApp)
  .use(createKefuPlugin({ apiBase: '/v1' }))
  .mount('#app');
