import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ConsoleApiError } from './api.js';

/**
 * The look of a form that adds a record above an admin screen's table (an API key, a webhook): a
 * panel, and a fieldset of checkboxes under a legend. A screen sets its own width and how the
 * checkboxes flow (`form { max-width }`, `fieldset { display }`).
 */
export const recordFormStyles = css`
  form {
    display: grid;
    gap: 10px;
    margin-bottom: 16px;
    padding: 12px;
    border: 1px solid var(--line);
    border-radius: 8px;
    background: var(--panel);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    gap: 4px;
  }
  legend {
    font-weight: 600;
    font-size: 13px;
    margin-bottom: 4px;
  }
  fieldset label {
    display: flex;
    gap: 6px;
    align-items: center;
    font-weight: 400;
  }
`;

/**
 * Sends such a form and holds what its screen shows of it: `busy` while it is sent (the submit
 * button waits), and after a 422 the server's words under the fields they are about (`fieldError`;
 * `events.0`'s under `events`). Any other failure goes to `onError`, the screen's own error line.
 * The form is cleared once the record is made. It asks its host to render again as these change;
 * it has no lifecycle of its own, so it is not added as a reactive controller.
 */
export class RecordForm {
  busy = false;
  fields: Readonly<Record<string, string>> = {};
  readonly #host: ReactiveControllerHost;
  readonly #onError: (message: string) => void;

  constructor(host: ReactiveControllerHost, onError: (message: string) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  /** The submit handler's work: `send` makes the record from the form's values. */
  async submit(event: SubmitEvent, send: (data: FormData) => Promise<void>, fallback: string): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.busy = true;
    this.fields = {};
    this.#host.requestUpdate();
    try {
      await send(new FormData(form));
      form.reset();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = byFieldName(error.fields);
      else this.#onError(error instanceof Error ? error.message : fallback);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  /** What the server said about field `name`, to show under it; nothing when it said nothing. */
  fieldError(name: string): TemplateResult | typeof nothing {
    const message = this.fields[name];
    return message ? html`<span class="error">${message}</span>` : nothing;
  }
}

/** A fieldset of checkboxes named `name`, one a value, each with its words beside it if given. */
export function checkboxes(
  legend: string,
  name: string,
  values: readonly string[],
  describe: (value: string) => string = () => '',
): TemplateResult {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${values.map(
      (value) =>
        html`<label
          ><input type="checkbox" name=${name} value=${value} />
          <code>${value}</code>
          ${describe(value) ? html`<span class="muted">${describe(value)}</span>` : nothing}</label
        >`,
    )}
  </fieldset>`;
}

/** `events.0` → `events`: the form shows one message per field, its first. */
function byFieldName(fields: Readonly<Record<string, string>>): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) byName[key.split('.')[0] ?? key] ??= message;
  return byName;
}
