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
/** The screens, in the bar's order; `adminOnly` ones are hidden from agents (their routes answer 403). */
const screens: readonly { readonly id: Screen; readonly label: string; readonly adminOnly?: boolean }[] = [
  { id: 'chats', label: 'Live chat' },
  { id: 'callbacks', label: 'Callbacks' },
  { id: 'returns', label: 'Returns' },
  { id: 'surveys', label: 'Surveys' },
  { id: 'articles', label: 'Help articles' },
  { id: 'settings', label: 'Settings', adminOnly: true },
  { id: 'agents', label: 'Agents', adminOnly: true },
  { id: 'audit', label: 'Audit log', adminOnly: true },
  { id: 'keys', label: 'API keys', adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', adminOnly: true },
  { id: 'account', label: 'Account' },
];

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
        gap: 16px;
        padding: 0 16px;
        height: 52px;
        background: #1d2330;
        color: #fff;
      }
      .bar strong {
        font-size: 15px;
      }
      nav {
        display: flex;
        gap: 4px;
        flex: 1;
      }
      nav button {
        background: transparent;
        border-color: transparent;
        color: #c9d1e0;
      }
      nav button[aria-current='page'] {
        background: rgba(255, 255, 255, 0.12);
        color: #fff;
      }
      .status {
        font-size: 13px;
        color: #c9d1e0;
      }
      .status.offline {
        color: #ffc88a;
      }
      .bar button.out {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.3);
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
  private model: ChatModel | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => (this.now = Date.now()), 15_000);
    void api<SignedInAgent>('GET', '/session')
      .then((session) => this.signedIn(session))
      .catch(() => undefined)
      .finally(() => (this.checked = true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
      <header class="bar">
        <strong>Kefu agent</strong>
        <nav aria-label="Screens">
          ${screens
            .filter((screen) => admin || !screen.adminOnly)
            .map(
              ({ id, label }) =>
                html`<button aria-current=${this.screen === id ? 'page' : 'false'} @click=${() => (this.screen = id)}>
                  ${label}
                </button>`,
            )}
        </nav>
        <span class="status ${model?.connection === 'open' ? '' : 'offline'}" role="status">
          ${
            model?.connection === 'open'
              ? `${this.agent.name} · ${model.agentsOnline} online`
              : model?.connection === 'reconnecting'
                ? 'Reconnecting…'
                : 'Connecting…'
          }
        </span>
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
    this.screen = 'chats';
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
