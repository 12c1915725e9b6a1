import { signal, type Signal } from '@preact/signals-core';
import type { KefuClient } from '@kefu/core';

/**
 * The page's shared client, as @kefu/elements keeps it (`setSharedClient`/`sharedClient` in its
 * base/shared-client.ts): one signal on `globalThis` under a registered symbol, which every copy of
 * Kefu on a page finds. Read here rather than imported from `@kefu/elements`, whose entry module
 * re-exports every element: a bundler splitting the app's code then puts all seven elements in
 * the page's first chunk, even though each component imports its element when it renders.
 */
const sharedClientKey = Symbol.for('kefu.shared-client');

type Holder = { [sharedClientKey]?: Signal<KefuClient | undefined> };

function holder(): Signal<KefuClient | undefined> {
  const global = globalThis as Holder;
  return (global[sharedClientKey] ??= signal<KefuClient | undefined>(undefined));
}

export function setSharedClient(client: KefuClient | undefined): void {
  holder().value = client;
}

export function sharedClient(): KefuClient | undefined {
  return holder().value;
}
