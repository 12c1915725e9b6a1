import type { KeyValueStorage } from '../ports/storage.js';
import type { Clock } from '../ports/clock.js';

/** Runs `task` while no other tab of this origin runs a task under the same name. */
export type TabLock = <T>(task: () => Promise<T>) => Promise<T>;

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Web Locks where the browser has them: an exclusive lock per origin, released when the task ends
 * or the tab dies. Elsewhere, a lease written to storage (not atomic across tabs, so two tabs can
 * still overlap rarely; the server's idempotency keys are the backstop that keeps that harmless).
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
      for (let tries = 0; ; tries += 1) {
        const lease = await options.storage.get<{ owner: string; until: number }>(leaseKey);
        if (!lease || lease.owner === options.tabId || lease.until < options.clock.now() || tries >= 40) break;
        await new Promise<void>((resolve) => options.clock.setTimeout(resolve, 250));
      }
      await options.storage.set(leaseKey, { owner: options.tabId, until: options.clock.now() + leaseMs });
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
