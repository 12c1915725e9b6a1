import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import type { InviteInfo, SignedInAgent } from './types.js';

/**
 * An invite link (/agent/invite#<token>): the invitee chooses a password (and, for the first
 * admin, gives their e-mail and name), then is signed in. The token stays in the fragment, which
 * browsers never send, and leaves the address bar once read. Fires `signed-in`.
 */
@customElement('kefu-console-invite')
export class KefuInvite extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100%;
        padding: 48px 16px;
      }
      form,
      .gone {
        display: grid;
        gap: 14px;
        width: 380px;
        max-width: 100%;
        padding: 28px;
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 10px;
      }
      h1 {
        font-size: 20px;
        margin: 0;
      }
      p {
        margin: 0;
      }
      .field-error {
        color: var(--danger);
        font-size: 13px;
      }
    `,
  ];

  @state() private invite: InviteInfo | undefined;
  @state() private problem = '';
  @state() private fields: Readonly<Record<string, string>> = {};
  @state() private busy = false;
  private token = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.token = decodeURIComponent(location.hash.replace(/^#/, ''));
    // The token is a password until used: out of the address bar and the history.
    history.replaceState(null, '', '/agent/invite');
    if (!this.token) {
      this.problem = 'This invite link is incomplete. Copy the whole link, or ask an admin for a new one.';
      return;
    }
    void api<InviteInfo>('POST', '/invite/check', { token: this.token }).then(
      (invite) => (this.invite = invite),
      (error: unknown) => (this.problem = error instanceof Error ? error.message : 'The server cannot be reached.'),
    );
  }

  override render() {
    if (this.problem)
      return html`<div class="gone">
        <h1>Invite link</h1>
        <p role="alert">${this.problem}</p>
        <a href="/agent">Go to the sign-in</a>
      </div>`;
    const invite = this.invite;
    if (!invite) return html`<p class="muted" role="status">Checking the invite…</p>`;
    const first = invite.account === undefined;
    return html`
      <form @submit=${this.submit} novalidate>
        <h1>${first ? 'Set up the first admin account' : `Welcome, ${invite.account?.name}`}</h1>
        <p class="muted">
          ${
            first
              ? 'Nobody has an account yet: yours will be the store’s first, as an admin.'
              : html`Choose a password for <strong>${invite.account?.email}</strong> (${invite.role}).`
          }
        </p>
        ${
          first
            ? html`<label
                  >E-mail <input name="email" type="email" autocomplete="username" required maxlength="254"
                /></label>
                ${this.fieldError('email')}
                <label>Your name <input name="name" autocomplete="name" required maxlength="60" /></label>
                <p class="muted">Shoppers see this name when you join their chat.</p>
                ${this.fieldError('name')}`
            : nothing
        }
        <label>
          New password
          <input name="password" type="password" autocomplete="new-password" required minlength="10" />
        </label>
        <p class="muted">At least 10 characters, without your e-mail address or name.</p>
        ${this.fieldError('password')}
        <button class="primary" type="submit" ?disabled=${this.busy}>Set password and sign in</button>
      </form>
    `;
  }

  private fieldError(name: string) {
    const message = this.fields[name];
    return message ? html`<p class="field-error" role="alert">${message}</p>` : nothing;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const body: Record<string, string> = { token: this.token, password };
    if (this.invite?.account === undefined) {
      body.email = String(data.get('email') ?? '').trim();
      body.name = String(data.get('name') ?? '').trim();
    }
    this.busy = true;
    this.fields = {};
    try {
      const agent = await api<SignedInAgent>('POST', '/invite/accept', body);
      history.replaceState(null, '', '/agent');
      this.dispatchEvent(new CustomEvent('signed-in', { detail: agent, bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = error.fields;
      else this.problem = error instanceof Error ? error.message : 'The server cannot be reached.';
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-invite': KefuInvite;
  }
}
