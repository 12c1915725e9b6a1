export { demoStoreConfig } from './demo-store.js';
export { demoArticles } from './articles.js';
export { createDemoOrders } from './orders.js';
export type { SeedOrder } from './types.js';
