/**
 * What the plugin needs once its client is needed (decision 0014): @kefu/core to make it, and the
 * page's shared client with its signals to share it. The plugin imports it then, not with the
 * page; `useKefu()`, which is synchronous, imports it statically.
 */
export { createKefu } from '@kefu/core';
export { setSharedClient, sharedClient } from '@kefu/elements/shared-client.js';
