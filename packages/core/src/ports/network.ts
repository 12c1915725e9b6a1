/** Whether the browser believes it is online, injected so tests can go offline on demand. */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

/**
 * navigator.onLine and the window's online/offline events. Where there is no window (a server
 * rendering the page), the network is taken as up and never changes: nothing is read or listened
 * to until a browser asks, so creating a client on a server is safe.
 */
export function browserNetworkStatus(target?: Window): NetworkStatus {
  const browser = () => target ?? (typeof window === 'undefined' ? undefined : window);
  return {
    isOnline: () => browser()?.navigator.onLine ?? true,
    subscribe(listener) {
      const events = browser();
      if (!events) return () => {};
      const online = () => listener(true);
      const offline = () => listener(false);
      events.addEventListener('online', online);
      events.addEventListener('offline', offline);
      return () => {
        events.removeEventListener('online', online);
        events.removeEventListener('offline', offline);
      };
    },
  };
}

/** A network status tests flip by hand. */
export function manualNetworkStatus(initiallyOnline = true): NetworkStatus & { set(online: boolean): void } {
  let online = initiallyOnline;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}
