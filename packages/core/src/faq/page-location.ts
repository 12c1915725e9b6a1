/**
 * The page's path, followed across single-page-app navigation without polling: the Navigation API
 * (`currententrychange` fires for pushState, replaceState, back and forward) where the browser has
 * it, else `popstate` plus a one-time wrapper around `history.pushState`/`replaceState` that
 * announces itself with a `kefu-locationchange` event on `window`.
 */
export interface PageLocation {
  /** The current path, e.g. "/products/linen-shirt". */
  path(): string;
  /** Calls `listener` after every navigation until `signal` is aborted. */
  subscribe(listener: () => void, signal: AbortSignal): void;
}

const changeEvent = 'kefu-locationchange';
const wrapped = Symbol.for('kefu.history-wrapped');

interface NavigationLike extends EventTarget {
  readonly currentEntry: unknown;
}

function wrapHistory(target: Window): void {
  const history = target.history as History & { [wrapped]?: true };
  if (history[wrapped]) return;
  history[wrapped] = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      target.dispatchEvent(new Event(changeEvent));
    };
  }
}

export function browserPageLocation(target: Window = window): PageLocation {
  return {
    path: () => target.location.pathname,
    subscribe(listener, signal) {
      const navigation = (target as Window & { navigation?: NavigationLike }).navigation;
      if (navigation && 'currentEntry' in navigation) {
        navigation.addEventListener('currententrychange', listener, { signal });
        return;
      }
      wrapHistory(target);
      target.addEventListener('popstate', listener, { signal });
      target.addEventListener(changeEvent, listener, { signal });
    },
  };
}

/** A location a test or a server-side host controls. */
export function manualPageLocation(initial = '/'): PageLocation & { go(path: string): void } {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    path: () => current,
    subscribe(listener, signal) {
      listeners.add(listener);
      signal.addEventListener('abort', () => listeners.delete(listener));
    },
    go(path) {
      current = path;
      for (const listener of listeners) listener();
    },
  };
}
