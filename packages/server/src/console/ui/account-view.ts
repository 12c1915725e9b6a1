import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { screenStyles } from './admin-screen.js';

/**
 * The signed-in agent's own account: change the password (which signs out their other sessions)
 * and sign out everywhere. Fires `signed-out` after the latter.
 */
@customElement('kefu-console-account')
export class KefuAccount extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      form {
        display: grid;
        gap: 10px;
        max-width: 360px;
        margin: 0 0 24px;
      }
      .field-error {
        color: var(--danger);
        font-size: 13px;
        margin: 0;
      }
    `,
  ];

  @property() email = '';
  @state() private fields: Readonly<Record<string, string>> = {};
  @state() private message = '';

  override render() {
    return html`
      <h2>Your account</h2>
      <form @submit=${this.change} aria-label="Change your password" novalidate>
        <h3>Change your password</h3>
        <label>
          Current password <input name="current" type="password" autocomplete="current-password" required />
        </label>
        ${this.fieldError('currentPassword')}
        <label>
          New password <input name="next" type="password" autocomplete="new-password" required minlength="10" />
        </label>
        ${this.fieldError('newPassword')} ${this.fieldError('password')}
        <button class="primary" type="submit">Change password</button>
        <p role="status">${this.message}</p>
      </form>
      <h3>Sessions</h3>
      <p class="muted">Signed in on another computer you no longer use? End every session, this one too.</p>
      <button class="danger" @click=${this.signOutEverywhere}>Sign out everywhere</button>
    `;
  }

  private fieldError(name: string) {
    const message = this.fields[name];
    return message ? html`<p class="field-error" role="alert">${message}</p>` : '';
  }

  private async change(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.fields = {};
    this.message = '';
    try {
      await api('POST', '/session/password', {
        currentPassword: String(data.get('current') ?? ''),
        newPassword: String(data.get('next') ?? ''),
      });
      form.reset();
      this.message = 'Password changed. Your other sessions have been signed out.';
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = error.fields;
      else this.message = error instanceof Error ? error.message : 'That did not work.';
    }
  }

  private async signOutEverywhere(): Promise<void> {
    await api('DELETE', '/session?everywhere=1').catch(() => undefined);
    this.dispatchEvent(new CustomEvent('signed-out', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-account': KefuAccount;
  }
}
