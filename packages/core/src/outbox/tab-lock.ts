import type { KeyValueStorage } from '../ports/storage.js';
import type { Clock } from '../ports/clock.js';

/** Runs `task` while no other tab of this origin runs a task under the same name. */
export type TabLock = <T>(task: () => Promise<T>) => Promise<T>;

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Web Locks where the browser has them: an exclusive lock per origin, released when the task ends
 * or the tab dies. Elsewhere, a lease in storage, taken in one IndexedDB transaction (atomic across
 * tabs) and expiring after 15 s should its tab die; in memory-only storage the lease is per tab,
 * and the server's idempotency keys are what keeps a second send harmless.
 */
export function createTabLock(
  name: string,
  options: { locks?: LockManagerLike | undefined; storage: KeyValueStorage; clock: Clock; tabId: string },
): TabLock {
  const locks = options.locks;
  if (locks) return (task) => locks.request(name, task);

  const leaseKey = `lease/${name}`;
  const leaseMs = 15_000;
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    // Within a tab, tasks run one after another; across tabs, the lease keeps them apart.
    const run = queue.then(async () => {
      for (;;) {
        // Take the lease if it is free, ours or stale (its tab died), in one atomic step.
        const lease = await options.storage.update<{ owner: string; until: number }>(leaseKey, (current) =>
          current && current.owner !== options.tabId && current.until >= options.clock.now()
            ? current
            : { owner: options.tabId, until: options.clock.now() + leaseMs },
        );
        if (lease.owner === options.tabId) break;
        await new Promise<void>((resolve) => options.clock.setTimeout(resolve, 250));
      }
      try {
        return await task();
      } finally {
        await options.storage.delete(leaseKey);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
}
