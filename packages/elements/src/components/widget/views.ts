import type { KefuView } from '../../base/navigation.js';
import { loadPhoneNumbers } from '../callback/phone-numbers.js';

type FeatureView = Exclude<KefuView, 'home'>;

/**
 * Each feature's code, loaded the first time the shopper goes there (or prefetched when the page
 * is idle), so opening the panel costs only the shell.
 */
const featureLoaders: Record<FeatureView, () => Promise<unknown>> = {
  faq: () => import('../../define/kefu-faq.js'),
  orders: () => import('../../define/kefu-order-tracker.js'),
  returns: () => import('../../define/kefu-returns.js'),
  chat: () => import('../../define/kefu-chat.js'),
  callback: () => import('../../define/kefu-callback.js'),
  survey: () => import('../../define/kefu-survey.js'),
};

const loading = new Map<FeatureView, Promise<unknown>>();

/** Loads (once) the code of a view; home is part of the shell. */
export function loadView(view: KefuView): Promise<unknown> {
  if (view === 'home') return Promise.resolve();
  let promise = loading.get(view);
  if (!promise) {
    promise = featureLoaders[view]();
    // A failed load (offline, a deploy replaced the chunk) may be tried again.
    promise.catch(() => loading.delete(view));
    loading.set(view, promise);
  }
  return promise;
}

/** Runs `task` when the page has nothing better to do. */
function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 10_000 });
  else setTimeout(task, 2000);
}

/** Loads every feature while the page has nothing better to do. */
export function prefetchViews(): void {
  whenIdle(() => {
    for (const view of Object.keys(featureLoaders) as FeatureView[]) void loadView(view).catch(() => undefined);
  });
}

/**
 * The callback form's phone numbers (24 KB brotli), once the shopper has opened the panel and the
 * page is idle: later than the features, which come once the shell has rendered, so only a shopper
 * who opened the panel pays for them; early enough that "Call me back" shows its form at once, and
 * offline too once the panel was opened online.
 */
export function prefetchPhoneNumbers(): void {
  whenIdle(() => void loadPhoneNumbers().catch(() => undefined));
}
