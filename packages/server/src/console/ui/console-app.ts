import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { ChatModel } from './chat-model.js';
import { base } from './styles.js';
import './sign-in.js';
import './queue-list.js';
import './conversation-view.js';
import './callbacks-view.js';
import './returns-view.js';
import './surveys-view.js';
import './settings-view.js';
import './articles-view.js';
import './keys-view.js';
import './webhooks-view.js';
import './invite.js';
import './agents-view.js';
import './audit-view.js';
import './account-view.js';
import type { SignedInAgent } from './types.js';

type Screen =
  | 'chats'
  | 'callbacks'
  | 'returns'
  | 'surveys'
  | 'articles'
  | 'settings'
  | 'agents'
  | 'audit'
  | 'keys'
  | 'webhooks'
  | 'account';
type AdminScreen = 'settings' | 'agents' | 'audit' | 'keys' | 'webhooks';
interface ScreenEntry<Id extends Screen = Screen> {
  readonly id: Id;
  readonly label: string;
}
/** Daily work, in the bar's order (decision 0024): every agent sees these. */
const dailyScreens: readonly ScreenEntry[] = [
  { id: 'chats', label: 'Live chat' },
  { id: 'callbacks', label: 'Callbacks' },
  { id: 'returns', label: 'Returns' },
  { id: 'surveys', label: 'Surveys' },
  { id: 'articles', label: 'Help articles' },
];
/** The store's administration, under the bar's "Admin" menu; hidden from agents (their routes answer 403). */
const adminScreens: readonly ScreenEntry<AdminScreen>[] = [
  { id: 'settings', label: 'Settings' },
  { id: 'agents', label: 'Agents' },
  { id: 'audit', label: 'Audit log' },
  { id: 'keys', label: 'API keys' },
  { id: 'webhooks', label: 'Webhooks' },
];
const isAdminScreen = (screen: Screen): screen is AdminScreen => adminScreens.some(({ id }) => id === screen);
/** The bar's two disclosures: the admin screens, and who is online. */
type BarMenu = 'admin' | 'online';

const chats = (count: number) => (count === 0 ? 'no open chats' : count === 1 ? '1 open chat' : `${count} open chats`);

/** The agent console: sign-in, then the live queue and conversations, callbacks, returns, surveys, settings. */
@customElement('kefu-console')
export class KefuConsole extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr;
        height: 100%;
      }
      .notice {
        position: fixed;
        bottom: 16px;
        left: 50%;
        transform: translateX(-50%);
        border-radius: 8px;
        box-shadow: 0 4px 16px rgba(0, 0, 0, 0.15);
        margin: 0;
        padding: 8px 16px;
        background: #fdecea;
        color: var(--danger);
        display: flex;
        gap: 12px;
        align-items: center;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px;
        min-height: 52px;
        background: #1d2330;
        color: #fff;
        white-space: nowrap;
      }
      .brand {
        font-size: 15px;
      }
      nav {
        display: flex;
        align-items: center;
        gap: 2px;
        flex: 1;
      }
      .bar button {
        padding: 6px 10px;
      }
      nav button,
      .bar button.plain {
        background: transparent;
        border-color: transparent;
        color: #c9d1e0;
      }
      .bar button[aria-current='page'],
      .bar button[aria-current='true'],
      .bar button[aria-expanded='true'] {
        background: rgba(255, 255, 255, 0.12);
        color: #fff;
      }
      .caret {
        font-size: 10px;
        margin-left: 4px;
      }
      .status {
        font-size: 13px;
        color: #c9d1e0;
      }
      .status button {
        font-size: 13px;
        padding: 4px 8px;
        background: transparent;
        border-color: rgba(255, 255, 255, 0.3);
        color: inherit;
      }
      .status.offline {
        color: #ffc88a;
      }
      .bar button.out {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.3);
      }
      /* A disclosure: its button, and the panel that opens under it. */
      .disclosure {
        position: relative;
      }
      .menu {
        position: absolute;
        top: calc(100% + 6px);
        left: 0;
        z-index: 10;
        min-width: 200px;
        margin: 0;
        padding: 4px;
        list-style: none;
        background: var(--panel);
        color: var(--ink);
        border: 1px solid var(--line);
        border-radius: 8px;
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18);
        white-space: nowrap;
      }
      .menu.end {
        left: auto;
        right: 0;
      }
      .menu button {
        display: block;
        width: 100%;
        text-align: left;
        background: transparent;
        border-color: transparent;
        color: var(--ink);
      }
      .menu button[aria-current='page'] {
        background: #eef1f6;
        color: var(--ink);
        font-weight: 600;
      }
      .menu h2 {
        font-size: 12px;
        color: var(--muted);
        font-weight: 600;
        padding: 6px 10px 4px;
      }
      .menu ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .menu li.person {
        display: flex;
        justify-content: space-between;
        gap: 16px;
        padding: 6px 10px;
        font-size: 14px;
      }
      .person .state {
        color: var(--muted);
        font-size: 13px;
      }
      /* A phone: the screens take a row of their own under who is signed in, and wrap. */
      @media (max-width: 760px) {
        .bar {
          flex-wrap: wrap;
          row-gap: 4px;
          padding: 6px 8px;
          gap: 6px;
        }
        .brand {
          display: none;
        }
        .who {
          margin-right: auto;
        }
        nav {
          order: 1;
          flex-basis: 100%;
          flex-wrap: wrap;
        }
      }
      .chats {
        display: grid;
        grid-template-columns: 320px 1fr;
        min-height: 0;
      }
      kefu-console-queue {
        border-right: 1px solid var(--line);
        background: #f3f5f8;
      }
      .page {
        overflow-y: auto;
        padding: 16px 24px;
        min-height: 0;
      }
      /* The sign-in takes the whole window (both rows), so its card sits in the middle. */
      kefu-console-sign-in,
      kefu-console-invite {
        grid-row: 1 / -1;
      }
      .loading {
        display: grid;
        place-items: center;
        color: var(--muted);
      }
    `,
  ];

  @state() private agent: SignedInAgent | undefined;
  @state() private checked = false;
  @state() private screen: Screen = 'chats';
  @state() private selected: string | undefined;
  @state() private now = Date.now();
  @state() private revision = 0;
  @state() private notice = '';
  /** The bar's disclosure that is open, if any. */
  @state() private menu: BarMenu | undefined;
  private model: ChatModel | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** A click anywhere but in an open disclosure (its button or its panel) closes it. */
  private readonly closeOnClickOutside = (event: Event): void => {
    if (!this.menu) return;
    const inside = event
      .composedPath()
      .some((node) => node instanceof HTMLElement && node.dataset['disclosure'] === this.menu);
    if (!inside) this.menu = undefined;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.closeOnClickOutside);
    this.ticker = setInterval(() => (this.now = Date.now()), 15_000);
    void api<SignedInAgent>('GET', '/session')
      .then((session) => this.signedIn(session))
      .catch(() => undefined)
      .finally(() => (this.checked = true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.closeOnClickOutside);
    clearInterval(this.ticker);
    this.model?.stop();
  }

  override render() {
    if (!this.checked) return html`<div class="loading" role="status">Loading…</div>`;
    if (!this.agent && location.pathname === '/agent/invite')
      return html`<kefu-console-invite
        @signed-in=${(event: CustomEvent<SignedInAgent>) => this.signedIn(event.detail)}
      ></kefu-console-invite>`;
    if (!this.agent)
      return html`<kefu-console-sign-in
        @signed-in=${(event: CustomEvent<SignedInAgent>) => this.signedIn(event.detail)}
      ></kefu-console-sign-in>`;
    const admin = this.agent.role === 'admin';
    const model = this.model;
    return html`
      <header class="bar" @keydown=${this.closeOnEscape}>
        <strong class="brand">Kefu agent</strong>
        <nav aria-label="Screens">
          ${dailyScreens.map(
            ({ id, label }) =>
              html`<button aria-current=${this.screen === id ? 'page' : 'false'} @click=${() => this.show(id)}>
                ${label}
              </button>`,
          )}
          ${admin ? this.adminMenu() : nothing}
        </nav>
        ${this.who(model)}
        <button
          class="plain"
          aria-current=${this.screen === 'account' ? 'page' : 'false'}
          @click=${() => this.show('account')}
        >
          Account
        </button>
        <button class="out" @click=${this.signOut}>Sign out</button>
      </header>
      ${
        this.notice
          ? html`<p class="notice" role="alert">
              ${this.notice} <button @click=${() => (this.notice = '')}>Dismiss</button>
            </p>`
          : nothing
      }
      ${this.screen === 'chats' && model ? this.chats(model) : nothing}
      ${this.screen === 'callbacks' ? html`<kefu-console-callbacks class="page"></kefu-console-callbacks>` : nothing}
      ${this.screen === 'returns' ? html`<kefu-console-returns class="page"></kefu-console-returns>` : nothing}
      ${this.screen === 'articles' ? html`<kefu-console-articles class="page"></kefu-console-articles>` : nothing}
      ${this.screen === 'settings' && admin ? html`<kefu-console-settings class="page"></kefu-console-settings>` : nothing}
      ${this.screen === 'agents' && admin ? html`<kefu-console-agents class="page" .selfId=${this.agent.id}></kefu-console-agents>` : nothing}
      ${this.screen === 'audit' && admin ? html`<kefu-console-audit class="page"></kefu-console-audit>` : nothing}
      ${this.screen === 'keys' && admin ? html`<kefu-console-keys class="page"></kefu-console-keys>` : nothing}
      ${this.screen === 'webhooks' && admin ? html`<kefu-console-webhooks class="page"></kefu-console-webhooks>` : nothing}
      ${
        this.screen === 'account'
          ? html`<kefu-console-account class="page" @signed-out=${() => this.signedOut()}></kefu-console-account>`
          : nothing
      }
      ${
        this.screen === 'surveys'
          ? html`<kefu-console-surveys
              class="page"
              @open-conversation=${(event: CustomEvent<string>) => this.openConversation(event.detail)}
            ></kefu-console-surveys>`
          : nothing
      }
    `;
  }

  /** "Admin ▾": the store's administration, a disclosure of its screens (admins only). */
  private adminMenu() {
    const open = this.menu === 'admin';
    return html`<span class="disclosure" data-disclosure="admin">
      <button
        data-toggle="admin"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? 'admin-menu' : nothing}
        aria-current=${isAdminScreen(this.screen) ? 'true' : 'false'}
        @click=${() => this.toggle('admin')}
      >
        Admin<span class="caret" aria-hidden="true">▾</span>
      </button>
      ${
        open
          ? html`<ul class="menu" id="admin-menu">
              ${adminScreens.map(
                ({ id, label }) =>
                  html`<li>
                    <button aria-current=${this.screen === id ? 'page' : 'false'} @click=${() => this.choose(id)}>
                      ${label}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </span>`;
  }

  /** "Mei · 2 online": who is signed in here, and a disclosure of who else is (people, not tabs). */
  private who(model: ChatModel | undefined) {
    if (model?.connection !== 'open')
      return html`<span class="status offline" role="status">
        ${model?.connection === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
      </span>`;
    const open = this.menu === 'online';
    const selfId = this.agent?.id;
    return html`<span class="disclosure who" data-disclosure="online">
      <!-- Its text, "Mei · 2 online", with single spaces: tests and screen readers read it whole. -->
      <!-- prettier-ignore -->
      <span class="status" role="status">${`${this.agent?.name ?? ''} · `}<button
          data-toggle="online"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${open ? 'online-list' : nothing}
          @click=${() => this.toggle('online')}
        >${`${model.agentsOnline} online`}<span class="caret" aria-hidden="true">▾</span></button></span>
      ${
        open
          ? html`<div class="menu end" id="online-list">
              <h2 id="online-heading">Agents online</h2>
              <ul aria-labelledby="online-heading">
                ${model.online.map((person) => {
                  const own = model.conversations.filter(
                    (conversation) => conversation.status === 'open' && conversation.agentName === person.name,
                  ).length;
                  return html`<li class="person">
                    <span>${person.name}${person.id === selfId ? ' (you)' : ''}</span>
                    <span class="state">${person.role === 'admin' ? 'admin · ' : ''}${chats(own)}</span>
                  </li>`;
                })}
              </ul>
            </div>`
          : nothing
      }
    </span>`;
  }

  private chats(model: ChatModel) {
    const thread = this.selected === undefined ? undefined : model.threads.get(this.selected);
    return html`<div class="chats" data-revision=${this.revision}>
      <kefu-console-queue
        .conversations=${model.conversations}
        .unread=${new Map(model.unread)}
        .selected=${this.selected}
        .agentName=${this.agent?.name ?? ''}
        .now=${this.now}
        @select=${(event: CustomEvent<string>) => this.select(event.detail)}
        @accept=${(event: CustomEvent<string>) => this.accept(event.detail)}
      ></kefu-console-queue>
      <kefu-console-conversation
        .thread=${thread}
        .agentName=${this.agent?.name ?? ''}
        @accept=${(event: CustomEvent<string>) => this.accept(event.detail)}
        @reply=${(event: CustomEvent<string>) => this.selected && void model.reply(this.selected, event.detail)}
        @typed=${() => this.selected && model.typed(this.selected)}
        @close-conversation=${() => this.selected && void this.run(() => model.close(this.selected ?? ''))}
      ></kefu-console-conversation>
    </div>`;
  }

  private show(screen: Screen): void {
    this.menu = undefined;
    this.screen = screen;
  }

  private toggle(menu: BarMenu): void {
    this.menu = this.menu === menu ? undefined : menu;
  }

  /** An admin screen chosen from the menu: the menu closes, and focus goes back to its button. */
  private choose(screen: AdminScreen): void {
    this.show(screen);
    void this.updateComplete.then(() => this.focusToggle('admin'));
  }

  private readonly closeOnEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.menu) return;
    const menu = this.menu;
    this.menu = undefined;
    event.stopPropagation();
    void this.updateComplete.then(() => this.focusToggle(menu));
  };

  private focusToggle(menu: BarMenu): void {
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-toggle='${menu}']`)?.focus();
  }

  private signedIn(session: SignedInAgent): void {
    this.agent = session;
    if (location.pathname !== '/agent') history.replaceState(null, '', '/agent');
    this.model?.stop();
    this.model = new ChatModel(
      // Views get new objects from the model, so a re-render is all it takes.
      () => (this.revision += 1),
      () => this.signedOut(),
      () => (this.screen === 'chats' ? this.selected : undefined),
    );
    this.model.start();
  }

  private signedOut(): void {
    this.model?.stop();
    this.model = undefined;
    this.agent = undefined;
    this.selected = undefined;
    this.menu = undefined;
  }

  private async signOut(): Promise<void> {
    await api('DELETE', '/session').catch(() => undefined);
    this.signedOut();
  }

  private select(id: string): void {
    this.selected = id;
    void this.run(() => this.model?.open(id) ?? Promise.resolve());
  }

  private openConversation(id: string): void {
    this.show('chats');
    this.select(id);
  }

  private accept(id: string): void {
    this.selected = id;
    void this.run(() => this.model?.accept(id) ?? Promise.resolve());
  }

  /** Console actions report failures in the page, not just the devtools console. */
  private async run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notice = error instanceof Error ? error.message : 'That did not work. Please try again.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console': KefuConsole;
  }
}
