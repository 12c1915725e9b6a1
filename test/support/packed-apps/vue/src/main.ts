import { createApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import App from './app.vue';

createApp(App)
  .use(createKefuPlugin({ apiBase: '/v1' }))
  .mount('#app');
