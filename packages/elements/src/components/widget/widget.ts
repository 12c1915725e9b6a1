import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { KefuClient } from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { catalogueFor, directionOf, resolveLocale } from '../../i18n/localize.js';
import type { Catalogue } from '../../i18n/messages.js';
import { MediaQueryController } from '../../controllers/media-query-controller.js';
import { ScrollLock } from '../../controllers/scroll-lock.js';
import { tabbableElements } from '../../controllers/focus.js';
import { readableTextOn } from '../../styles/contrast.js';
import { tokens } from '../../styles/tokens.styles.js';
import { widgetStyles } from './widget.styles.js';

/**
 * The Kefu launcher and its panel: a floating help button that opens the shopper's help centre.
 * Below 640 px wide the panel takes the whole screen (safe areas and the on-screen keyboard
 * respected, the page behind it held still and put back where it was).
 *
 * @summary The launcher button and the help panel it opens.
 * @tag kefu-widget
 *
 * @event kefu-open - The panel opened.
 * @event kefu-close - The panel closed.
 *
 * @csspart launcher - The floating launcher button.
 * @csspart panel - The panel the launcher opens.
 * @csspart header - The panel's header with the store's name.
 * @csspart body - The panel's content.
 *
 * @cssprop --kefu-brand-color - The store's colour (default: the store's configured colour).
 * @cssprop --kefu-on-brand-color - Text colour on the brand colour (default: white or black, whichever reads better).
 * @cssprop --kefu-surface-color - The panel's background.
 * @cssprop --kefu-text-color - The panel's text colour.
 * @cssprop --kefu-radius - Corner radius of the panel.
 * @cssprop --kefu-font-family - The widget's font.
 * @cssprop --kefu-launcher-offset - Distance of the launcher from the viewport's corner.
 * @cssprop --kefu-z-index - Stacking order of the launcher and panel.
 */
export class KefuWidget extends KefuElement {
  static override styles = [tokens, widgetStyles];
  // Focusing the element focuses its launcher (or the open panel), as a host page would expect.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  readonly #narrow = new MediaQueryController(this, '(max-width: 639.98px)');
  readonly #scrollLock = new ScrollLock();

  @query('.launcher') private launcherButton!: HTMLButtonElement;
  @query('.close') private closeButton!: HTMLButtonElement;
  @query('.panel') private panel!: HTMLElement;
  @query('.announcer') private announcer!: HTMLElement;

  /** The Kefu client the widget shows; set by the loader or by the host application. */
  @property({ attribute: false }) client?: KefuClient;

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The shopper's language (BCP 47); defaults to the page's `lang`, then the browser's. */
  @property() locale?: string;

  /** Which bottom corner the launcher sits in: `end` (right in left-to-right pages) or `start`. */
  @property({ reflect: true }) position: 'start' | 'end' = 'end';

  /**
   * The store's own button that opens Kefu, when there is one: Kefu then draws no launcher, keeps
   * the button's `aria-expanded` current, and gives it focus back on close.
   */
  @property({ attribute: false }) hostLauncher?: HTMLElement;

  /** Forces a colour scheme; by default the widget follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Whether the panel fills the screen (narrow viewports). */
  get fullscreen(): boolean {
    return this.#narrow.matches;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releasePage();
  }

  override willUpdate(): void {
    // Kefu's text runs in Kefu's language, whatever the page's direction.
    this.dir = directionOf(this.#locale());
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      // Opening the panel is the shopper's intent: from now on Kefu may use storage (with the
      // host's consent) and send what an earlier visit left in the outbox.
      void this.client?.activate();
      void this.client?.config.load();
    }
    this.#applyBrand();
    this.hostLauncher?.setAttribute('aria-expanded', this.open ? 'true' : 'false');
    if (this.open && this.fullscreen) this.#holdPage();
    else this.#releasePage();
  }

  /** Opens the panel and moves focus into it. */
  async show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    await this.updateComplete;
    this.closeButton.focus();
    this.dispatchEvent(new Event('kefu-open', { bubbles: true, composed: true }));
  }

  /** Closes the panel and returns focus to the launcher. */
  async hide(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.updateComplete;
    (this.hostLauncher ?? this.launcherButton).focus();
    this.dispatchEvent(new Event('kefu-close', { bubbles: true, composed: true }));
  }

  /** Says something to screen-reader users without moving focus (a polite live region). */
  announce(message: string): void {
    this.announcer.textContent = '';
    // A change of text is what a live region announces; clearing first repeats a repeated message.
    requestAnimationFrame(() => (this.announcer.textContent = message));
  }

  #locale(): string {
    return resolveLocale(this.locale ?? this.client?.session.locale.peek());
  }

  /** The store's colour, unless the host set its own; the text on it is whichever reads better. */
  #applyBrand(): void {
    const color = this.client?.config.state.peek().data?.brand.color;
    if (!color) return;
    this.style.setProperty('--_config-brand', color);
    this.style.setProperty('--_config-on-brand', readableTextOn(color));
  }

  readonly #onViewportChange = () => {
    const viewport = window.visualViewport;
    // The on-screen keyboard shrinks the visual viewport, not the layout one: follow it, so the
    // input being typed in stays above the keyboard.
    if (viewport) this.style.setProperty('--_viewport-height', `${viewport.height}px`);
  };

  #holdPage(): void {
    if (this.#scrollLock.locked) return;
    this.#scrollLock.lock();
    this.#onViewportChange();
    window.visualViewport?.addEventListener('resize', this.#onViewportChange);
    window.visualViewport?.addEventListener('scroll', this.#onViewportChange);
  }

  #releasePage(): void {
    if (!this.#scrollLock.locked) return;
    window.visualViewport?.removeEventListener('resize', this.#onViewportChange);
    window.visualViewport?.removeEventListener('scroll', this.#onViewportChange);
    this.style.removeProperty('--_viewport-height');
    this.#scrollLock.unlock();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      void this.hide();
    } else if (event.key === 'Tab' && this.open && this.fullscreen) {
      this.#containFocus(event);
    }
  }

  /** Full screen, the panel is all there is: Tab and Shift+Tab cycle inside it. */
  #containFocus(event: KeyboardEvent): void {
    const focusable = tabbableElements(this.panel);
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = this.shadowRoot?.activeElement;
    if (event.shiftKey && (active === first || !this.panel.contains(active ?? null))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !this.panel.contains(active ?? null))) {
      event.preventDefault();
      first.focus();
    }
  }

  #toggle(): void {
    void (this.open ? this.hide() : this.show());
  }

  #renderBody(messages: Catalogue) {
    const state = this.client?.config.state.value;
    if (!state || state.status === 'idle' || (state.status === 'loading' && !state.data)) {
      return html`<p class="status" role="status">${messages.loading}</p>`;
    }
    if (state.status === 'error' && !state.data) {
      return html`<p class="status" role="alert">${messages.loadFailed}</p>
        <button class="retry" type="button" @click=${() => void this.client?.config.load()}>${messages.retry}</button>`;
    }
    return html`<p>${messages.greeting}</p>`;
  }

  #renderNotices(messages: Catalogue) {
    const connectivity = this.client?.connectivity;
    if (!connectivity) return nothing;
    return html`${connectivity.online.value ? nothing : html`<p class="notice" role="status">${messages.offline}</p>`}
    ${connectivity.storageFailure.value ? html`<p class="notice" role="status">${messages.storageUnavailable}</p>` : nothing}`;
  }

  override render() {
    const messages = catalogueFor(this.#locale());
    const brandName = this.client?.config.state.value.data?.brand.name;
    const fullscreen = this.fullscreen;
    return html`<div class=${fullscreen ? 'frame fullscreen' : 'frame'} @keydown=${this.#onKeydown}>
      <section
        id="panel"
        class="panel"
        part="panel"
        role="dialog"
        aria-modal=${fullscreen ? 'true' : 'false'}
        aria-labelledby="title"
        ?hidden=${!this.open}
      >
        <header part="header">
          <h2 id="title">${brandName ?? messages.panelTitle}</h2>
          <button class="close" type="button" aria-label=${messages.closeHelp} @click=${() => void this.hide()}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div class="body" part="body">
          ${this.open ? html`${this.#renderNotices(messages)}${this.#renderBody(messages)}` : nothing}
        </div>
      </section>
      <button
        class="launcher"
        part="launcher"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${this.open ? messages.closeHelp : messages.openHelp}
        ?hidden=${(this.open && fullscreen) || this.hostLauncher !== undefined}
        @click=${this.#toggle}
      >
        ${messages.launcherLabel}
      </button>
      <div class="announcer" role="status" aria-live="polite"></div>
    </div>`;
  }
}
