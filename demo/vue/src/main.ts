import { createApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import App from './app.vue';

// ?backend=memory: the built-in demo store, no server (as on the storefront's pages).
const backendFree = new URLSearchParams(location.search).get('backend') === 'memory';

createApp(App)
  .use(createKefuPlugin(backendFree ? {} : { apiBase: '/v1' }))
  .mount('#app');
