/**
 * The script-tag loader, dist/kefu.js. It must cost the host page almost nothing: no framework,
 * no storage, no backend request. It draws the launcher itself and loads the widget (Lit, the core
 * and the features, as ESM chunks beside this file) only when the shopper shows intent.
 */
import type { Emit, KefuEventName, LoaderSettings } from './settings.js';
import type { WidgetApi } from './widget-entry.js';
import type { KefuView } from '@kefu/elements';
import type * as WidgetEntry from './widget-entry.js';
import { drawLauncher, labelLauncher, launcherUnavailable } from '@kefu/elements/launcher.js';

type Command = [name: string, ...args: unknown[]];
interface KefuGlobal {
  (...command: Command): unknown;
  /** Calls the page made before the loader arrived (the snippet pushes their `arguments`). */
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}

declare global {
  interface Window {
    Kefu?: KefuGlobal;
  }
}

const script = document.currentScript as HTMLScriptElement | null;
// Chunks live beside the loader, wherever the host serves it from.
const chunkBase = script?.src ? new URL('.', script.src).href : `${location.origin}/`;
const widgetChunk = `${chunkBase}kefu-widget.js`;

const settings: LoaderSettings = {};
if (script?.dataset.apiBase) settings.apiBase = script.dataset.apiBase;
if (script?.dataset.locale) settings.locale = script.dataset.locale;
if (script?.dataset.launcher) settings.launcher = script.dataset.launcher;
if (script?.dataset.label) settings.label = script.dataset.label;

const listeners = new Map<string, Set<(detail: unknown) => void>>();
const emit: Emit = (event, detail) => {
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(detail);
    } catch (error) {
      // A host's listener that throws must not break Kefu, nor the other listeners.
      console.error(error);
    }
  }
};

let launcherHost: HTMLElement | undefined;
let widgetModule: Promise<typeof WidgetEntry> | undefined;
let widget: Promise<WidgetApi> | undefined;

/** Fetches and evaluates the widget's code; defines elements, touches neither storage nor backend. */
function loadWidgetModule() {
  widgetModule ??= import(/* @vite-ignore */ widgetChunk).catch((error: unknown) => {
    cannotLoad(error);
    throw error;
  });
  return widgetModule;
}

/**
 * The widget's code did not load: most often `kefu.js` is served from another origin (a CDN)
 * without `Access-Control-Allow-Origin`, which a module needs. Said once, in the console, with the
 * fix; and the launcher stops pretending it can open (disabled, its name saying so). A browser
 * keeps a failed module for the page's life, so a later click would fail the same way.
 */
function cannotLoad(error: unknown): void {
  console.error(
    `Kefu: ${widgetChunk} could not be loaded (${String(error)}). Serve Kefu's files from this page's origin, or send them with Access-Control-Allow-Origin (docs/loader.md, "Serving from a CDN").`,
  );
  if (launcherHost) launcherUnavailable(launcherHost, settings);
}

/** Mounts the widget in place of the loader's launcher, once, when the shopper wants it. */
function loadWidget(): Promise<WidgetApi> {
  widget ??= loadWidgetModule().then((module) => module.mount(settings, launcherHost, emit));
  return widget;
}

function prefetchWidget(): void {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = widgetChunk;
  document.head.append(link);
}

/**
 * Draws the launcher before the widget exists (the light launcher, shared with the React and Vue
 * wrappers); pointer over or focus fetches the widget's code, a click mounts and opens it.
 */
function drawLoaderLauncher(): void {
  if (settings.launcher) {
    launcherHost?.remove();
    launcherHost = undefined;
    listenToHostLauncher();
    return;
  }
  launcherHost ??= drawLauncher(document.body, settings, (open) =>
    open ? void loadWidget().then((api) => api.open()) : void loadWidgetModule(),
  );
}

/** Applies a setting now if the widget is there, and remembers it for when it comes. */
function update(change: Partial<LoaderSettings>): void {
  Object.assign(settings, change);
  if (launcherHost && ('locale' in change || 'label' in change)) labelLauncher(launcherHost, settings);
  void widget?.then((api) => api.update(change));
}

let hostLauncherListening = false;

/**
 * The store's own button opens Kefu. Listening on the document (not on the element) keeps working
 * when a single-page app re-renders or adds the button later.
 */
function listenToHostLauncher(): void {
  if (hostLauncherListening) return;
  hostLauncherListening = true;
  const trigger = (event: Event) =>
    settings.launcher && event.target instanceof Element ? event.target.closest(settings.launcher) : null;
  const prefetch = (event: Event) => {
    if (trigger(event)) void loadWidgetModule();
  };
  document.addEventListener('pointerover', prefetch);
  document.addEventListener('focusin', prefetch);
  document.addEventListener('click', (event) => {
    const element = trigger(event);
    if (!element) return;
    event.preventDefault();
    void loadWidget().then((api) => api.open(undefined, element as HTMLElement));
  });
}

const commands: Record<string, (...args: unknown[]) => unknown> = {
  init(options) {
    // Calling init twice is harmless: later options fill in, nothing is drawn twice.
    Object.assign(settings, options as LoaderSettings);
    if (document.body) drawLoaderLauncher();
    else document.addEventListener('DOMContentLoaded', drawLoaderLauncher, { once: true });
  },
  open: (view) =>
    void loadWidget().then((api) => api.open(typeof view === 'string' ? { view: view as KefuView } : undefined)),
  close: () => void widget?.then((api) => api.close()),
  toggle: () => void loadWidget().then((api) => api.toggle()),
  // An API call is intent: the survey loads the widget, and opens it if the survey is due
  // (not answered before, not in a "not now" cool-down).
  survey: (kind) => void loadWidget().then((api) => api.survey(kind as 'csat' | 'nps' | 'ces')),
  // Suggestions are remembered, not a reason to load anything: they apply when the widget comes.
  suggest: (source) => update({ suggestions: source as LoaderSettings['suggestions'] }),
  identify: (identity) => update({ identityToken: (identity as { token?: string } | undefined)?.token }),
  setLocale: (locale) => update({ locale: locale as string }),
  setTheme: (theme) => update({ theme: theme as LoaderSettings['theme'] }),
  setConsent: (consent) => update({ consent: consent as LoaderSettings['consent'] }),
  forget: () => void widget?.then((api) => api.forget()),
  on(event, callback) {
    if (typeof callback !== 'function') return undefined;
    const set = listeners.get(event as KefuEventName) ?? new Set();
    listeners.set(event as KefuEventName, set);
    const listener = callback as (detail: unknown) => void;
    set.add(listener);
    if (event === 'ready' && ready) listener(undefined);
    return () => set.delete(listener);
  },
  shutdown() {
    launcherHost?.remove();
    launcherHost = undefined;
    void widget?.then((api) => api.shutdown());
    widget = undefined;
    widgetModule = undefined;
  },
};

function run(name: unknown, ...args: unknown[]): unknown {
  const command = typeof name === 'string' ? commands[name] : undefined;
  if (command) return command(...args);
  console.warn(`Kefu: unknown command ${String(name)}`);
  return undefined;
}

let ready = false;

const queued = Array.from(window.Kefu?.q ?? [], (args) => Array.from(args) as Command);
const kefu: KefuGlobal = (...command: Command) => run(...command);
kefu.loaded = true;
window.Kefu = kefu;

// A script tag alone is enough: init with its data attributes, then replay what the page queued.
if (!queued.some(([name]) => name === 'init')) run('init', {});
for (const command of queued) run(...command);
ready = true;
emit('ready');

if ('requestIdleCallback' in window) requestIdleCallback(prefetchWidget, { timeout: 5000 });

// A Kefu element in the page itself (an inline <kefu-order-tracker> on an order page) is there for
// the shopper to use: mount now, so it shares the widget's client; the widget defines the features.
const mountForInlineElements = () => {
  if (document.querySelector('kefu-faq,kefu-order-tracker,kefu-returns,kefu-chat,kefu-callback,kefu-survey'))
    void loadWidget();
};
if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', mountForInlineElements, { once: true });
else mountForInlineElements();
