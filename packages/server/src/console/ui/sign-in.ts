import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import type { SignedInAgent } from './types.js';

/** The console's sign-in: the agent's e-mail and password (their own account). Fires `signed-in`. */
@customElement('kefu-console-sign-in')
export class KefuSignIn extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100%;
        padding: 48px 16px;
      }
      form {
        display: grid;
        gap: 14px;
        width: 340px;
        padding: 28px;
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 10px;
        box-shadow: 0 8px 24px rgba(29, 35, 48, 0.08);
        max-width: 100%;
      }
      h1 {
        font-size: 20px;
        margin: 0 0 4px;
      }
      p {
        margin: 0;
      }
    `,
  ];

  @state() private error = '';
  @state() private busy = false;

  override render() {
    return html`
      <form @submit=${this.submit} novalidate>
        <h1>Kefu agent console</h1>
        <p class="muted">Sign in with your agent account. No account yet? Ask an admin for an invite.</p>
        <label>E-mail <input name="email" type="email" autocomplete="username" required maxlength="254" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <p class="error" role="alert">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this.error = 'Enter your e-mail address and your password.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await api<SignedInAgent>('POST', '/session', { email, password });
      this.dispatchEvent(new CustomEvent('signed-in', { detail: session, bubbles: true, composed: true }));
    } catch (error) {
      this.error = messageFor(error);
    } finally {
      this.busy = false;
    }
  }
}

function messageFor(error: unknown): string {
  if (!(error instanceof ConsoleApiError)) return 'The server cannot be reached. Try again in a moment.';
  if (error.code === 'rate_limited') {
    const seconds = error.retryAfterSeconds ?? 60;
    return seconds <= 90
      ? `Too many attempts. Try again in ${seconds} seconds.`
      : `Too many attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`;
  }
  if (error.status === 401) return 'That e-mail address and password do not match an account.';
  return error.message;
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-sign-in': KefuSignIn;
  }
}
