// A client module for React Server Components frameworks, as the provider that imports it.
'use client';

/**
 * What a provider runs once its client is needed (decision 0014), with what it needs: @kefu/core
 * to make the client, and the page's shared client (with its signals) to share it. Imported then,
 * not with the page.
 */
import { createKefu } from '@kefu/core';
import { setSharedClient, sharedClient } from '@kefu/elements/shared-client.js';
import type { ClientToMake } from './kefu-provider.js';

export { setSharedClient, sharedClient };

/**
 * Makes the provider's client, once, unless the provider is gone, and gives it to the provider.
 * An element reads the shared client when it connects, which may be before any effect of the
 * provider runs: it is the page's client now, unless the page has one already.
 */
export function makeClient(toMake: ClientToMake): void {
  if (toMake.client || toMake.disposed) return;
  const client = (toMake.client = createKefu(toMake.options));
  if (!sharedClient()) setSharedClient(client);
  toMake.made(client);
}
