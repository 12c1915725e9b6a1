// The page alone, with a lazy route of its own: the same Vue app without Kefu.
import { createApp } from 'vue';
import StoreRoutes from './store-routes.vue';

createApp(StoreRoutes).mount('#app');
