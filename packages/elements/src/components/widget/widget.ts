import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { KefuElement } from '../../base/kefu-element.js';
import { navigateEventName, type KefuNavigateDetail, type KefuView } from '../../base/navigation.js';
import { fillIn, widgetMessages, type Catalogue } from '../../i18n/messages.js';
import { MediaQueryController } from '../../controllers/media-query-controller.js';
import { FieldClearanceController } from '../../controllers/field-clearance.js';
import { ScrollLock } from '../../controllers/scroll-lock.js';
import { tabbableElements } from '../../controllers/focus.js';
import { readableTextOn } from '../../styles/contrast.js';
import { tokens } from '../../styles/tokens.styles.js';
import { widgetStyles } from './widget.styles.js';
import { loadView, prefetchPhoneNumbers, prefetchViews } from './views.js';
import { ChatAttentionController } from '../chat/chat-attention.js';
import { renderHome } from './home.js';

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
 * @event kefu-view - The panel shows another view; `detail` is the view and what it is about.
 * @event kefu-unread - The number of unread agent messages changed; `detail` is `{ count }`.
 * @event kefu-message - An agent's message arrived while the shopper was not looking at the chat; `detail` is `{ text, authorName }`.
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
  static override catalogues = widgetMessages;
  // Focusing the element focuses its launcher (or the open panel), as a host page would expect.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    open: { type: Boolean, reflect: true },
    current: { attribute: false },
    history: { attribute: false },
    viewLoading: { attribute: false },
    position: { reflect: true },
    hostLauncher: { attribute: false },
    label: {},
    theme: { reflect: true },
    sound: { type: Boolean, reflect: true },
  };

  readonly #narrow = new MediaQueryController(this, '(max-width: 639.98px)');
  /** Steps the launcher aside while it would hide the field the shopper types in. */
  readonly #fieldClearance = new FieldClearanceController(this, () => {
    const launcher = this.shadowRoot?.querySelector<HTMLElement>('.launcher');
    return launcher && !launcher.hidden ? launcher.getBoundingClientRect() : undefined;
  });
  /** A phone or tablet, whose on-screen keyboard opens with any focused text box. */
  readonly #touchFirst = new MediaQueryController(this, '(pointer: coarse)');
  readonly #scrollLock = new ScrollLock();

  // Always in the template (the launcher too, hidden when the host has its own): there once rendered.
  private get launcherButton(): HTMLButtonElement {
    return this.renderRoot.querySelector('.launcher') as HTMLButtonElement;
  }
  private get closeButton(): HTMLButtonElement {
    return this.renderRoot.querySelector('.close') as HTMLButtonElement;
  }
  private get panel(): HTMLElement {
    return this.renderRoot.querySelector('.panel') as HTMLElement;
  }
  private get announcer(): HTMLElement {
    return this.renderRoot.querySelector('.announcer') as HTMLElement;
  }

  /** Whether the panel is open. */
  open = false;

  /** What the panel shows: home, or a feature and what it is about. */
  private current: KefuNavigateDetail = { view: 'home' };
  /** Where "back" goes. */
  private history: readonly KefuNavigateDetail[] = [];
  /** The current view's code is still loading. */
  private viewLoading = false;

  /** Which bottom corner the launcher sits in: `end` (right in left-to-right pages) or `start`. */
  position: 'start' | 'end' = 'end';

  /**
   * The store's own button that opens Kefu, when there is one: Kefu then draws no launcher, keeps
   * the button's `aria-expanded` current, and gives it focus back on close.
   */
  hostLauncher?: HTMLElement;

  /** The launcher's text, when the store wants its own ("Need help?"); default: "Help", localized. */
  label?: string;

  /** Forces a colour scheme; by default the widget follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

  /**
   * The shopper allowed a sound (and "(1)" in the tab's title) for new chat replies. Set by the
   * shopper's own choice in the chat view; one tab of the store rings, never all of them.
   */
  sound = false;

  /**
   * The Web Lock that elects the one tab that rings. Tests give each page its own, since a test
   * runner's parallel pages share an origin.
   * @internal
   */
  attentionLockName = 'kefu-chat-attention';

  readonly #attention = new ChatAttentionController(this, {
    lockName: () => this.attentionLockName,
    client: () => this.kefu,
    isPanelOpen: () => this.open && this.current.view === 'chat',
    soundAllowed: () => this.sound,
    titleBadgeAllowed: () => this.sound,
    // Read to a screen reader while the panel is closed, in the shopper's language.
    describe: ({ authorName, text }) => {
      const messages = this.localize(widgetMessages);
      return authorName
        ? fillIn(messages.newMessageFrom, { name: authorName, text })
        : fillIn(messages.newMessage, { text });
    },
    onUnread: (count) =>
      this.dispatchEvent(new CustomEvent('kefu-unread', { detail: { count }, bubbles: true, composed: true })),
    onMessage: (message) =>
      this.dispatchEvent(
        new CustomEvent('kefu-message', {
          detail: { text: message.text, authorName: message.authorName },
          bubbles: true,
          composed: true,
        }),
      ),
  });

  /** Whether the panel fills the screen (narrow viewports). */
  get fullscreen(): boolean {
    return this.#narrow.matches;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releasePage();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      this.sound ||= sessionStorage.getItem('kefu:sound') === '1';
    } catch {
      // No storage here: the shopper chooses again.
    }
    this.addEventListener(navigateEventName, this.#onNavigate);
  }

  override firstUpdated(): void {
    // The shell is here; fetch the features while the page is idle, so the first tap on one is instant.
    prefetchViews();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      // Opening the panel is the shopper's intent: from now on Kefu may use storage (with the
      // host's consent) and send what an earlier visit left in the outbox.
      void this.#loadHome();
      prefetchPhoneNumbers();
    }
    this.#applyBrand();
    this.hostLauncher?.setAttribute('aria-expanded', this.open ? 'true' : 'false');
    if (this.open && this.fullscreen) this.#holdPage();
    else this.#releasePage();
  }

  /** What home shows: the store's configuration, the last order, recent conversations, who is there to chat. */
  async #loadHome(): Promise<void> {
    const client = this.kefu;
    if (!client) return;
    await client.activate();
    await Promise.all([
      client.config.load(),
      client.orders.current.peek().data ? undefined : client.orders.restoreLast(),
      client.chat.loadAvailability(),
      client.chat.conversation.peek() ? undefined : client.chat.restore(),
      // A signed-in shopper's conversations from every device, for home's recent conversations.
      client.chat.loadRecent(),
    ]);
  }

  /** The view the panel shows (or will show when it opens). */
  get view(): KefuView {
    return this.current.view;
  }

  /**
   * Opens the panel and moves focus into it; with `destination`, on that view (the JS API's
   * `open('returns')`, or a standalone element's "start a return").
   */
  async show(destination?: KefuNavigateDetail): Promise<void> {
    if (destination) await this.goTo(destination);
    if (this.open) return;
    // The language the shopper picked on an earlier visit is read first (a few milliseconds), so
    // the panel never paints in another; a storage that does not answer soon is not waited for.
    const prepared = this.kefu?.prepare();
    if (prepared) await Promise.race([prepared, new Promise((resolve) => setTimeout(resolve, 500))]);
    if (this.open) return;
    this.open = true;
    this.#attention.panelOpened();
    await this.updateComplete;
    this.#focusView();
    this.dispatchEvent(new Event('kefu-open', { bubbles: true, composed: true }));
  }

  /** Shows a view (loading its code first), remembering where the shopper was for "back". */
  async goTo(destination: KefuNavigateDetail): Promise<void> {
    if (destination.view === 'home') {
      this.history = [];
    } else if (this.current.view !== destination.view || this.current !== destination) {
      this.history = [...this.history, this.current];
    }
    await this.#showView(destination);
  }

  /** Goes back to the previous view (home at the latest). */
  async back(): Promise<void> {
    const previous = this.history.at(-1) ?? { view: 'home' };
    this.history = this.history.slice(0, -1);
    await this.#showView(previous);
  }

  async #showView(destination: KefuNavigateDetail): Promise<void> {
    this.current = destination;
    this.viewLoading = true;
    try {
      await loadView(destination.view, this.resolvedLocale);
    } finally {
      this.viewLoading = false;
    }
    await this.updateComplete;
    if (this.open) this.#focusView();
    this.dispatchEvent(new CustomEvent('kefu-view', { detail: destination, bubbles: true, composed: true }));
  }

  /**
   * Focus goes to the view's first control (its search box, its first field), else to close. On
   * a touch screen home's search box would open the keyboard over the menu the shopper came for:
   * there the dialog itself takes focus (and is announced), and a tap on the box opens the keyboard.
   */
  #focusView(): void {
    const view = this.shadowRoot?.querySelector<HTMLElement>('.view');
    if (view && this.current.view !== 'home') view.focus();
    else if (this.#touchFirst.matches) this.shadowRoot?.querySelector<HTMLElement>('.panel')?.focus();
    else (this.shadowRoot?.querySelector<HTMLElement>('.home-search input') ?? this.closeButton).focus();
  }

  readonly #onNavigate = (event: CustomEvent<KefuNavigateDetail>) => {
    // A feature inside the panel asks for another: the widget takes it, nobody outside needs to.
    event.preventDefault();
    event.stopPropagation();
    void this.show(event.detail);
  };

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

  /** The store's colour, unless the host set its own; the text on it is whichever reads better. */
  #applyBrand(): void {
    const color = this.kefu?.config.state.peek().data?.brand.color;
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

  /**
   * While a conversation is going on, the shopper may ask for a sound (and a title badge) when a
   * reply comes with the panel closed. Off unless they say so; remembered for this tab's session.
   */
  #renderSoundToggle(messages: Catalogue) {
    const conversation = this.kefu?.chat.conversation.value;
    if (!conversation || conversation.status === 'closed') return nothing;
    const toggle = () => {
      this.sound = !this.sound;
      try {
        sessionStorage.setItem('kefu:sound', this.sound ? '1' : '0');
      } catch {
        // Storage refused (private mode, sandboxed frame): the choice lasts as long as the page.
      }
    };
    return html`<button
      class="sound"
      type="button"
      aria-pressed=${this.sound ? 'true' : 'false'}
      title=${messages.soundOn}
      aria-label=${messages.soundOn}
      @click=${toggle}
    >
      ${bellIcon(this.sound)}
    </button>`;
  }

  /** "Open help", or "Open help, 2 new messages"; a custom label is the name itself (what is read is what is seen). */
  #launcherName(messages: Catalogue, unread: number) {
    if (this.open) return messages.closeHelp;
    const name = this.label || messages.openHelp;
    if (unread === 0) return this.label ? nothing : name;
    const count = messages.unreadMessages(unread);
    return `${name}, ${count}`;
  }

  #toggle(): void {
    void (this.open ? this.hide() : this.show());
  }

  #renderBody(messages: Catalogue) {
    const state = this.kefu?.config.state.value;
    // Home needs no configuration to be useful (search, actions): it shows at once, and a failed
    // configuration load is a notice with a retry above it, not an empty panel.
    const configFailed =
      state?.status === 'error' && !state.data
        ? html`<div class="notice" role="alert">
            <p>${messages.loadFailed}</p>
            <button class="retry" type="button" @click=${() => void this.kefu?.config.load()}>${messages.retry}</button>
          </div>`
        : nothing;
    if (this.current.view === 'home') {
      return html`${configFailed}${renderHome(this.kefu, messages, this.resolvedLocale, (detail) => void this.goTo(detail))}`;
    }
    if (this.viewLoading) return html`<p class="status" role="status">${messages.loading}</p>`;
    return html`${configFailed}${this.#renderView(this.current)}`;
  }

  /** The feature element of a view, handed the widget's client, language and context. */
  #renderView(detail: KefuNavigateDetail) {
    const client = this.kefu;
    const locale = this.resolvedLocale;
    switch (detail.view) {
      case 'faq':
        return html`<kefu-faq
          class="view"
          .client=${client}
          .locale=${locale}
          .query=${detail.query ?? ''}
          .articleId=${detail.articleId}
        ></kefu-faq>`;
      case 'orders':
        return html`<kefu-order-tracker
          class="view"
          .client=${client}
          .locale=${locale}
          .orderNumber=${detail.orderNumber}
        ></kefu-order-tracker>`;
      case 'returns':
        return html`<kefu-returns
          class="view"
          .client=${client}
          .locale=${locale}
          .orderNumber=${detail.orderNumber}
        ></kefu-returns>`;
      case 'chat':
        return html`<kefu-chat
          class="view"
          .client=${client}
          .locale=${locale}
          .orderNumber=${detail.orderNumber}
          .topic=${detail.topic}
          .articleId=${detail.articleId}
        ></kefu-chat>`;
      case 'callback':
        return html`<kefu-callback
          class="view"
          .client=${client}
          .locale=${locale}
          .orderNumber=${detail.orderNumber}
          .topic=${detail.topic}
        ></kefu-callback>`;
      case 'survey':
        return html`<kefu-survey
          class="view"
          .client=${client}
          .locale=${locale}
          .kind=${detail.surveyKind ?? 'csat'}
          .subjectType=${detail.surveySubject?.type ?? 'store'}
          .subjectId=${detail.surveySubject?.id ?? 'store'}
        ></kefu-survey>`;
      default:
        return nothing;
    }
  }

  #renderNotices(messages: Catalogue) {
    const connectivity = this.kefu?.connectivity;
    if (!connectivity) return nothing;
    return html`${connectivity.online.value ? nothing : html`<p class="notice" role="status">${messages.offline}</p>`}
    ${connectivity.storageFailure.value ? html`<p class="notice" role="status">${messages.storageUnavailable}</p>` : nothing}`;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // On the host: its own box, where the launcher was, must not catch the shopper's taps either.
    this.toggleAttribute('launcher-aside', this.#fieldClearance.covering && !this.open);
  }

  override render() {
    const messages = this.localize(widgetMessages);
    const brandName = this.kefu?.config.state.value.data?.brand.name;
    const fullscreen = this.fullscreen;
    const unread = this.#attention.unread;
    return html`<div class=${fullscreen ? 'frame fullscreen' : 'frame'} @keydown=${this.#onKeydown}>
      <section
        id="panel"
        class="panel"
        part="panel"
        role="dialog"
        tabindex="-1"
        aria-modal=${fullscreen ? 'true' : 'false'}
        aria-labelledby="title"
        ?hidden=${!this.open}
      >
        <div class="header" part="header">
          ${
            this.current.view === 'home'
              ? nothing
              : html`<button class="back" type="button" aria-label=${messages.back} @click=${() => void this.back()}>
                  <span aria-hidden="true">‹</span>
                </button>`
          }
          <h2 id="title">${brandName ?? messages.panelTitle}</h2>
          ${this.#renderSoundToggle(messages)}
          <button class="close" type="button" aria-label=${messages.closeHelp} @click=${() => void this.hide()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
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
        aria-label=${this.#launcherName(messages, unread)}
        ?hidden=${(this.open && fullscreen) || this.hostLauncher !== undefined}
        @click=${this.#toggle}
      >
        ${this.label || messages.launcherLabel}
        ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread}</span>` : nothing}
      </button>
      <div class="announcer visually-hidden" role="status" aria-live="polite"></div>
      <div class="announcer chat-announcer visually-hidden" role="status" aria-live="polite">
        ${this.#attention.announcement}
      </div>
    </div>`;
  }
}

/**
 * A bell, struck through while the sound is off. Drawn, not an emoji: emoji fonts differ from
 * device to device (some have none), and a drawing takes the header's text colour.
 */
function bellIcon(on: boolean) {
  return html`<svg
    aria-hidden="true"
    width="22"
    height="22"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    ${on ? nothing : svg`<path d="M3 3l18 18" />`}
  </svg>`;
}
