import { LitElement, type PropertyDeclarations } from 'lit';
import type { KefuClient } from '@kefu/core';
import { SignalWatcher } from './signal-watcher.js';
import { sharedClient } from './shared-client.js';
import { requestNavigation, type KefuNavigateDetail } from './navigation.js';
import { directionOf, pickCatalogue, resolveLocale, type Catalogues } from '../i18n/localize.js';
import type { LazyCatalogues } from '../i18n/lazy-catalogues.js';

/**
 * The base of every Kefu element: re-renders on the signals it reads, finds its client (its own
 * `client` property, else the page's shared one), speaks the shopper's language and writes in its
 * direction.
 */
export class KefuElement extends SignalWatcher(LitElement) {
  /**
   * The element's strings, when they load per language (see `lazyCatalogues`): the element then
   * renders only once the shopper's language is at hand, so nobody sees English flash first.
   */
  static catalogues?: LazyCatalogues<unknown>;

  /**
   * Lit's reactive properties, declared here rather than with decorators, whose helpers and call
   * sites cost the widget most of a kilobyte. Each element declares its own (Lit adds these to
   * them); the fields keep their types, defaults and documentation. Internal state (private fields)
   * is `{ attribute: false }`, all that `state: true` means to Lit: the manifest analyzer reads only
   * `attribute`, and would list `state: true` properties as attributes.
   */
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    locale: {},
  };

  /**
   * The Kefu client this element shows. Leave it unset to use the page's shared client (the one
   * the script tag or `setSharedClient` made), so every element on the page shares one session.
   */
  client?: KefuClient;

  /** The host's language for it (BCP 47), else the client's, page's, browser's; the shopper's pick wins. */
  locale?: string;

  constructor() {
    super();
    // Focusing or touching a Kefu form is the shopper's intent: Kefu may now use storage (with
    // the host's consent) and send what an earlier visit left in the outbox.
    this.addEventListener('focusin', this.#onIntent);
    this.addEventListener('pointerdown', this.#onIntent);
  }

  /** The client in use: this element's own, else the page's shared one. */
  protected get kefu(): KefuClient | undefined {
    return this.client ?? sharedClient();
  }

  /** The shopper's pick in the panel, on every element, else `locale` (docs/localization.md). */
  protected get resolvedLocale(): string {
    const session = this.kefu?.session;
    return resolveLocale(session?.chosenLocale.value ?? this.locale ?? session?.locale.value);
  }

  /** This element's strings in the shopper's language. */
  protected localize<T>(catalogues: Catalogues<T> | LazyCatalogues<T>): T {
    const locale = this.resolvedLocale;
    if (isLazy(catalogues)) return catalogues.loadedFor(locale) ?? catalogues.en;
    return pickCatalogue(catalogues, locale);
  }

  /** Whether the strings of the shopper's language are still on their way. */
  protected get stringsPending(): boolean {
    const catalogues = (this.constructor as typeof KefuElement).catalogues;
    return catalogues !== undefined && catalogues.loadedFor(this.resolvedLocale) === undefined;
  }

  protected override async scheduleUpdate(): Promise<void> {
    // Waits (a few ms, the first time a language is needed) for the shopper's strings. Lit's
    // updateComplete includes this wait, so tests and hosts awaiting it see the right language.
    const catalogues = (this.constructor as typeof KefuElement).catalogues;
    if (catalogues && this.stringsPending) await catalogues.load(this.resolvedLocale);
    super.scheduleUpdate();
  }

  /** Focuses the element's first control, once it has rendered in the shopper's language. */
  override focus(options?: FocusOptions): void {
    if (this.stringsPending || !this.hasUpdated) void this.updateComplete.then(() => super.focus(options));
    else super.focus(options);
  }

  /** Hands the shopper to another view (see `requestNavigation`); returns whether it was handled. */
  protected navigate(detail: KefuNavigateDetail): boolean {
    return requestNavigation(this, detail);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // Screen readers' voice and the direction: Kefu's words' (English if none for the locale), not the page's.
    const catalogues = (this.constructor as typeof KefuElement).catalogues;
    this.lang = catalogues && this.localize(catalogues) === catalogues.en ? 'en' : this.resolvedLocale;
    this.dir = directionOf(this.lang);
  }

  readonly #onIntent = () => {
    void this.kefu?.activate();
  };
}

function isLazy<T>(catalogues: Catalogues<T> | LazyCatalogues<T>): catalogues is LazyCatalogues<T> {
  return typeof (catalogues as LazyCatalogues<T>).loadedFor === 'function';
}
