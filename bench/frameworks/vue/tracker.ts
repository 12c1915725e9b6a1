// The page with Kefu and an inline order tracker: the plugin, then the tags in the app's template.
import { createApp } from 'vue';
import { createKefuPlugin } from '@kefu/vue';
import TrackerApp from './tracker-app.vue';

createApp(TrackerApp)
  .use(createKefuPlugin({ apiBase: '/v1' }))
  .mount('#app');
