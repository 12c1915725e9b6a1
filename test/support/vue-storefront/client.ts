// The browser's side: the same app hydrates the HTML the server sent (mount on server-rendered
// markup is hydration, synchronous); the attribute tells the test that it has run.
import { createStorefront } from './app.js';

createStorefront().mount('#app');
document.body.dataset.hydrated = 'true';
