/**
 * Kefu's tags in a framework app, before the shopper wants them: the React and Vue wrappers render
 * the plain tags and hand them here. An inline element is there to be used, so its module and the
 * client load as it first appears (`defineWhenShown`); `<kefu-widget>` holds the light launcher
 * (launcher.ts), the same the script tag's loader draws, and none of the widget's code until
 * intent (`holdWidgetUntilIntent`): pointing at or focusing the launcher fetches that code,
 * pressing it (or the app calling `show()`) loads the widget, which upgrades the tag in place and
 * opens with focus inside, as the script tag's launcher does. Every byte here is paid for with the
 * page (docs/decisions/0014-light-launcher-in-frameworks.md says why, and how few).
 */
import type { KefuNavigateDetail } from '../base/navigation.js';
import type { KefuWidget } from '../components/widget/widget.js';
import { drawLauncher, launcherUnavailable, type LightLauncherOptions } from './launcher.js';

/** Makes the client the element will show (the provider's, the plugin's); settles once it is there. */
export type NeedClient = () => Promise<unknown>;

/** What runs on intent (opening the widget): a chunk of its own, not paid for with the page. */
const opening = () => import('./widget-opening.js');
const noop = () => {};

/**
 * As an uncaught error would be, without an unhandled rejection: the shopper's click has no caller.
 * The React and Vue wrappers report their failed loads with it too (one copy in an app's page).
 */
export function report(error: unknown): void {
  // Every browser Kefu supports has reportError; a server (where nothing should fail) may not.
  (globalThis.reportError ?? console.error)(error);
}

const loading = new Set<string>();

/**
 * Brings an inline element's tag to life (an order tracker on the order page is there for the
 * shopper to use, as the script tag's loader also judges): its module `load`, and the client, load
 * now. Once the element is defined, or loading, a tag needs only the client (an earlier page of a
 * single-page app, or another app, loaded the module; the element shows nothing without a client).
 * A failed load (the network) is tried again when a tag of it next appears.
 */
export function defineWhenShown(tagName: string, need: NeedClient, load: () => Promise<unknown>): void {
  if (customElements.get(tagName) || loading.has(tagName)) return void need().catch(report);
  loading.add(tagName);
  Promise.all([need(), load()]).catch((error: unknown) => {
    loading.delete(tagName);
    report(error);
  });
}

/**
 * Keeps `widget` (a `<kefu-widget>` tag not yet defined, in the page) light until the shopper's
 * intent; `need` makes the client, with the widget's import. The light launcher takes the
 * element's `position`, `label` and `locale` (else `locale`, the client's language to be: it does
 * not change language when the widget takes over); with a `hostLauncher` (the store's own button)
 * none is drawn, and pointing at that button fetches the code (the app's click calls `show()`, as
 * after load). A widget already defined (the shopper opened it on an earlier page of a single-page
 * app) is the widget at once and needs only the client; a tag already waiting, nothing.
 */
export function holdWidgetUntilIntent(widget: HTMLElement, need: NeedClient, locale?: string): void {
  if (customElements.get('kefu-widget')) return void need().catch(report);
  // The waiting prototype (below) is the tag's own until the upgrade: it has `show`, a plain tag not.
  if ('show' in widget) return;
  const set = widget as Partial<Pick<KefuWidget, 'open' | 'position' | 'label' | 'locale' | 'hostLauncher'>>;
  // What the app set before this ran is the tag's own property: the accessor below takes it over.
  let open = Boolean(set.open);
  delete set.open;
  const hostLauncher = set.hostLauncher;
  // The properties the app set (React's components), else the attributes (Vue renders these as such).
  const options: LightLauncherOptions = {
    // The launcher knows `start` (and its default, `end`): another value is the default.
    position: set.position ?? (widget.getAttribute('position') as LightLauncherOptions['position']),
    label: set.label ?? widget.getAttribute('label'),
    locale: set.locale ?? widget.getAttribute('locale') ?? locale,
  };
  /**
   * Opens the widget (widget-opening.ts). If its code cannot load, the launcher stops pretending
   * it can open: it says help is unavailable.
   */
  const show = (destination?: KefuNavigateDetail): Promise<void> =>
    opening()
      .then((module) => module.openWidget(widget, need, launcher, destination))
      .catch((error: unknown) => {
        if (launcher) launcherUnavailable(launcher, options);
        throw error;
      });
  const showReported = () => void show().catch(report);
  // The opening's chunk, then the client and the widget's class (no element defined, so the
  // launcher never changes under the pointer), so that the press waits for none of them. A
  // failure shows on the press, which tries again.
  const prefetch = () => void opening().then((module) => module.prefetch(need), noop);
  const launcher = hostLauncher
    ? undefined
    : drawLauncher(widget, options, (press) => (press ? showReported() : prefetch()));
  hostLauncher?.addEventListener('pointerenter', prefetch, { once: true });
  hostLauncher?.addEventListener('focus', prefetch, { once: true });
  /**
   * While the widget's code is not there, its tag answers what an app asks of the element through a
   * ref: `show()` loads the widget first, then opens it (the same promise resolves once open);
   * `hide()` has nothing to close; `focus()` focuses the launcher; `open = true` is `show()`. The
   * browser sets the element's own prototype when it upgrades the tag: nothing of this is left on
   * the upgraded widget (no own property shadows a method). Made here, not at import: server-side
   * renders import this module too, where there is no HTMLElement.
   */
  Object.setPrototypeOf(
    widget,
    Object.create(HTMLElement.prototype, {
      show: { value: show },
      hide: { value: async () => {} },
      focus: { value: (focus?: FocusOptions) => launcher?.shadowRoot?.querySelector('button')?.focus(focus) },
      open: {
        get: () => open,
        set: (value: boolean) => {
          if ((open = value)) showReported();
        },
      },
    }),
  );
  if (open) showReported();
}
