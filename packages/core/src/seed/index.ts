export { demoStoreConfig } from './demo-store.js';
