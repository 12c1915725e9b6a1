// The page alone: the same Vue app without Kefu.
import { createApp } from 'vue';
import StorePage from './store-page.vue';

createApp(StorePage).mount('#app');
