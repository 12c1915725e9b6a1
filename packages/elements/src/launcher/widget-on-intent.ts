/**
 * `<kefu-widget>` in a framework app, before the shopper wants it: the React and Vue wrappers
 * render the plain tag and hand it here. Until intent it holds the light launcher (launcher.ts),
 * the same the script tag's loader draws, and none of the widget's code; pointing at or focusing
 * the launcher fetches that code, pressing it (or the app calling `show()`) loads the widget, which
 * upgrades the tag in place and opens with focus inside, as the script tag's launcher does.
 * docs/decisions/0014-light-launcher-in-frameworks.md says why.
 */
import type { KefuNavigateDetail } from '../base/navigation.js';
import type { KefuWidget } from '../components/widget/widget.js';
import { drawLauncher, launcherUnavailable, type LightLauncherOptions } from './launcher.js';
import type { Waiting as Opening } from './widget-opening.js';

/** What a widget's tag holds while it waits: its launcher, and what the app set before the code came. */
interface Waiting extends Opening {
  readonly launcherOptions: LightLauncherOptions;
}

export interface WidgetOnIntentOptions {
  /**
   * Runs with the widget's import, on intent: the wrappers make the page's client here, so that
   * the panel opens on it. The widget opens once both have settled.
   */
  readonly prepare?: () => Promise<unknown>;
  /**
   * The language of the client the widget will use (the provider's or the plugin's option): the
   * launcher speaks it unless the tag has a `locale` of its own, so it does not change language
   * when the widget takes over.
   */
  readonly locale?: string | undefined;
}

const waiting = new WeakMap<HTMLElement, Waiting>();

/** The widget's class and everything it needs, fetched and run; no element is defined by it. */
const fetchWidget = () => import('../components/widget/widget.js');
/** What runs on intent (opening the widget): a chunk of its own, not paid for with the page. */
const opening = () => import('./widget-opening.js');

/**
 * Opens the widget (widget-opening.ts). If its code cannot load, the launcher stops pretending it
 * can open: it says help is unavailable.
 */
const openWidget = (widget: HTMLElement, destination?: KefuNavigateDetail): Promise<void> => {
  const state = waiting.get(widget);
  return opening()
    .then((module) => module.openWidget(widget, state, destination))
    .catch((error: unknown) => {
      if (state?.launcher) launcherUnavailable(state.launcher, state.launcherOptions);
      throw error;
    });
};

/**
 * While the widget's code is not there, its tag answers what an app asks of the element through a
 * ref: `show()` loads the widget first, then opens it (the same promise resolves once open);
 * `hide()` has nothing to close; `focus()` focuses the launcher; `open = true` is `show()`. The
 * tag's prototype is this one until the browser upgrades it, which sets the element's own
 * prototype: nothing of it is left on the upgraded widget (no own property shadows a method).
 */
let waitingPrototype: object | undefined;
// Made on first use: this module is imported by server-side renders too, where there is no HTMLElement.
const prototypeForWaiting = (): object =>
  (waitingPrototype ??= Object.create(HTMLElement.prototype, {
    show: {
      value(this: HTMLElement, destination?: KefuNavigateDetail): Promise<void> {
        return openWidget(this, destination);
      },
    },
    hide: { value: () => Promise.resolve() },
    focus: {
      value(this: HTMLElement, options?: FocusOptions): void {
        waiting.get(this)?.launcher?.shadowRoot?.querySelector('button')?.focus(options);
      },
    },
    open: {
      get(this: HTMLElement): boolean {
        return waiting.get(this)?.open ?? false;
      },
      set(this: HTMLElement, open: boolean) {
        const state = waiting.get(this);
        if (state) state.open = open;
        if (open) openWidget(this).catch(report);
      },
    },
  }));

/**
 * Keeps `widget` (a `<kefu-widget>` tag not yet defined, in the page) light until the shopper's
 * intent. Does nothing once the widget is defined, or for a tag already waiting. The light launcher takes the element's
 * `position`, `label` and `locale`; with a `hostLauncher` (the store's own button) none is drawn,
 * and pointing at that button fetches the code (the app's click calls `show()`, as after load).
 */
export function holdWidgetUntilIntent(widget: HTMLElement, options: WidgetOnIntentOptions = {}): void {
  if (customElements.get('kefu-widget') || waiting.has(widget)) return;
  const set = widget as Partial<Pick<KefuWidget, 'open' | 'position' | 'label' | 'locale' | 'hostLauncher'>>;
  // What the app set before this ran is the tag's own property: the accessor above takes it over.
  const open = Boolean(set.open);
  delete set.open;
  const hostLauncher = set.hostLauncher;
  // The opening's chunk too, so that the press does not wait for it after the widget's code.
  const prefetch = () => void Promise.all([options.prepare?.(), fetchWidget(), opening()]).catch(() => {});
  const launcherOptions: LightLauncherOptions = {
    position: set.position ?? (widget.getAttribute('position') === 'start' ? 'start' : undefined),
    label: set.label ?? widget.getAttribute('label') ?? undefined,
    locale: set.locale ?? widget.getAttribute('locale') ?? options.locale,
  };
  const launcher = hostLauncher
    ? undefined
    : drawLauncher(widget, launcherOptions, (press) => (press ? openWidget(widget).catch(report) : prefetch()));
  hostLauncher?.addEventListener('pointerenter', prefetch, { once: true });
  hostLauncher?.addEventListener('focus', prefetch, { once: true });
  waiting.set(widget, { launcher, launcherOptions, prepare: options.prepare, open });
  Object.setPrototypeOf(widget, prototypeForWaiting());
  if (open) openWidget(widget).catch(report);
}

/**
 * As an uncaught error would be, without an unhandled rejection: the shopper's click has no caller.
 * The React and Vue wrappers report their failed loads with it too (one copy in an app's page).
 */
export function report(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
