import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';

/** The console's sign-in: the agent's display name and the console password. Fires `signed-in`. */
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
        <p class="muted">Shoppers see the name you type here when you join their chat.</p>
        <label>Your name <input name="name" autocomplete="name" required maxlength="60" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <p class="error" role="alert">${this.error}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!name || !password) {
      this.error = 'Enter your name and the password.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await api<{ name: string }>('POST', '/session', { name, password });
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
    return `Too many attempts. Try again in ${error.retryAfterSeconds ?? 60} seconds.`;
  }
  if (error.status === 401) return 'That password is not right.';
  return error.message;
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-sign-in': KefuSignIn;
  }
}
