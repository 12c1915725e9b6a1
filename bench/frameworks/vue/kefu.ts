// The page with Kefu: docs/vue.md's setup (the plugin, then <kefu-widget> in the app's template).
import { createApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import KefuApp from './kefu-app.vue';

createApp(KefuApp)
  .use(createKefuPlugin({ apiBase: '/v1' }))
  .mount('#app');
