import type { KefuView } from '../../base/navigation.js';
import type { KefuElement } from '../../base/kefu-element.js';
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

/** The element each view shows. */
const featureTags: Record<FeatureView, string> = {
  faq: 'kefu-faq',
  orders: 'kefu-order-tracker',
  returns: 'kefu-returns',
  chat: 'kefu-chat',
  callback: 'kefu-callback',
  survey: 'kefu-survey',
};

const loading = new Map<FeatureView, Promise<unknown>>();

/**
 * Loads (once) the code of a view; home is part of the shell. With a locale, also the view's
 * strings in it: an element renders nothing until its strings are there (no flash of English), so
 * a view shown before them has no field to take focus, and what the shopper goes on typing (home's
 * search box hands its text to the FAQ's) lands nowhere. With both loaded, the view renders and
 * takes focus in the same task as the switch.
 */
export async function loadView(view: KefuView, locale?: string): Promise<void> {
  if (view === 'home') return;
  let promise = loading.get(view);
  if (!promise) {
    promise = featureLoaders[view]();
    // A failed load (offline, a deploy replaced the chunk) may be tried again.
    promise.catch(() => loading.delete(view));
    loading.set(view, promise);
  }
  await promise;
  const element = customElements.get(featureTags[view]) as typeof KefuElement | undefined;
  // Never rejects: English stands in for strings that cannot be fetched.
  if (locale) await element?.catalogues?.load(locale);
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
