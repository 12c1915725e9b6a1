import { html, LitElement, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { KefuClient } from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { catalogueFor, resolveLocale } from '../../i18n/localize.js';
import { tokens } from '../../styles/tokens.styles.js';
import { widgetStyles } from './widget.styles.js';

/**
 * The Kefu launcher and its panel: a floating help button that opens the shopper's help centre.
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
 *
 * @cssprop --kefu-brand-color - The store's colour, used for the launcher and the panel header.
 * @cssprop --kefu-on-brand-color - Text colour on the brand colour.
 * @cssprop --kefu-launcher-offset - Distance of the launcher from the viewport's corner.
 * @cssprop --kefu-z-index - Stacking order of the launcher and panel.
 */
export class KefuWidget extends KefuElement {
  static override styles = [tokens, widgetStyles];
  // Focusing the element focuses its launcher (or the open panel), as a host page would expect.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @query('.launcher') private launcherButton!: HTMLButtonElement;
  @query('.close') private closeButton!: HTMLButtonElement;

  /** The Kefu client the widget shows; set by the loader or by the host application. */
  @property({ attribute: false }) client?: KefuClient;

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The shopper's language (BCP 47); defaults to the page's `lang`, then the browser's. */
  @property() locale?: string;

  /** Which bottom corner the launcher sits in: `end` (right in LTR) or `start`. */
  @property({ reflect: true }) position: 'start' | 'end' = 'end';

  /** Forces a colour scheme; by default the widget follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('open') && this.open) {
      // Opening the panel is the shopper's intent: from now on Kefu may use storage (with the
      // host's consent) and send what an earlier visit left in the outbox.
      void this.client?.activate();
      void this.client?.config.load();
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      void this.hide();
    }
  }

  #toggle(): void {
    void (this.open ? this.hide() : this.show());
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
    this.launcherButton.focus();
    this.dispatchEvent(new Event('kefu-close', { bubbles: true, composed: true }));
  }

  #renderBody(messages: ReturnType<typeof catalogueFor>) {
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

  override render() {
    const messages = catalogueFor(resolveLocale(this.locale));
    const brandName = this.client?.config.state.value.data?.brand.name;
    return html`<div @keydown=${this.#onKeydown}>
      <section id="panel" class="panel" part="panel" role="dialog" aria-labelledby="title" ?hidden=${!this.open}>
        <header part="header">
          <h2 id="title">${brandName ?? messages.launcherLabel}</h2>
          <button class="close" type="button" aria-label=${messages.closeHelp} @click=${() => void this.hide()}>
            ×
          </button>
        </header>
        <div class="body">${this.open ? this.#renderBody(messages) : nothing}</div>
      </section>
      <button
        class="launcher"
        part="launcher"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${this.open ? messages.closeHelp : messages.openHelp}
        @click=${this.#toggle}
      >
        ${messages.launcherLabel}
      </button>
    </div>`;
  }
}
