import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { KefuClient, KefuError, Order, OrderLookup, OrderNumberFormat } from '@kefu/core';
import { exampleOrderNumber, normalizeOrderNumber } from '@kefu/core/domain';
import { field, fieldId } from './field.js';
import { withNumber } from '../i18n/with-number.js';
import type { OrderLookupMessages } from './order-lookup.messages.js';

export type LookupField = 'orderNumber' | 'contact';
type Problem = 'Missing' | 'Invalid';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const postalCodePattern = /^[\p{L}\p{N}][\p{L}\p{N} -]{0,11}$/u;

/**
 * What is wrong with one field of the lookup form, if anything. An "@" makes the contact an email
 * address. An order number is fine when it reads as one of the store's (`format`), however it is
 * spelled: "mm 1003" is MM-1003.
 */
export function checkLookupField(field: LookupField, value: string, format?: OrderNumberFormat): Problem | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return 'Missing';
  if (field === 'orderNumber') return normalizeOrderNumber(trimmed, format) === undefined ? 'Invalid' : undefined;
  const pattern = trimmed.includes('@') ? emailPattern : postalCodePattern;
  return pattern.test(trimmed) ? undefined : 'Invalid';
}

/** A wait, rounded up: "45 seconds", "3 minutes". */
function formatWait(locale: string, ms: number): string {
  const unit = ms < 60_000 ? 'second' : 'minute';
  const count = Math.max(1, Math.ceil(ms / (unit === 'second' ? 1000 : 60_000)));
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}

/** The element a lookup form lives in: the form renders into its shadow root and updates with it. */
type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface LookupFormOptions {
  /** The form's `part` (each element documents its own). */
  readonly part: string;
  /** The sentence above the fields, in the element's own words. */
  readonly intro: string;
  /** The submit button, a verb for what the element does next ("Track order", "Find order"). */
  readonly submit: string;
  readonly locale: string;
}

/**
 * The order lookup form of the order tracker and of returns: one UX, one set of checks and answers.
 *
 * Two fields: the order number, and one "email address or postal code" field (an "@" tells them
 * apart), as AfterShip's tracking page and Loop's returns portal ask — on a phone that is one field
 * to fill, no choice to make first, and autofill offers the email address the shopper mostly uses.
 *
 * Fields are checked when the shopper leaves them with something typed, and as they type after the
 * first submit; a submit with problems moves focus to the first one. Not found is one answer for a
 * wrong number and a wrong email (no hint of which orders exist). "Too many tries" names the
 * server's wait, and the same number is not sent again during it; the answer before the last try
 * says so. The number is sent written the store's way (`config.orderNumbers`); one that cannot be
 * a number of the store's is a field problem and is not sent, so a typo costs no try. Offline keeps
 * what was typed and offers the lookup again once back online. After success the form drops what was
 * typed; the orders store keeps an email address that found the order in memory only
 * (`orders.lookupEmail`), for the pre-chat form.
 *
 * A Lit reactive controller rather than an element of its own: its fields stay in the host's shadow
 * root (one tree for ids, `aria-describedby`, focus and the host's styles), and nothing more is
 * registered or downloaded than the template and its state.
 */
export class OrderLookupForm implements ReactiveController {
  values: Record<LookupField, string> = { orderNumber: '', contact: '' };
  #problems: Partial<Record<LookupField, Problem>> = {};
  /** After the first submit, fields are checked as the shopper types. */
  #checkAsTyped = false;
  #searching = false;
  /** Why the last lookup failed. */
  #error?: KefuError | undefined;
  #blockedUntil = 0;
  /** The order number the server said "too many tries" for; another number may be tried at once. */
  #blockedNumber = '';

  constructor(
    private readonly host: Host,
    private readonly client: () => KefuClient | undefined,
    /** Shows the order found (the form's values are already cleared). */
    private readonly found: (order: Order) => Promise<void>,
  ) {
    host.addController(this);
  }

  /** Asks for the store's config (its order number format) once a client is there. */
  hostUpdated(): void {
    this.#format();
  }

  get searching(): boolean {
    return this.#searching;
  }

  get error(): KefuError | undefined {
    return this.#error;
  }

  /** Fills in an order number the page passes (an order page, a "start a return" link). */
  prefill(orderNumber: string): void {
    this.values = { ...this.values, orderNumber };
    this.host.requestUpdate();
  }

  /** Forgets the last failure (the shopper asked for the form again). */
  clearError(): void {
    this.#error = undefined;
    this.host.requestUpdate();
  }

  readonly #onInput = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const key = input.name as LookupField;
    this.values = { ...this.values, [key]: input.value };
    const format = this.#format();
    if (this.#checkAsTyped) this.#problems = { ...this.#problems, [key]: checkLookupField(key, input.value, format) };
    this.host.requestUpdate();
  };

  readonly #onBlur = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const key = input.name as LookupField;
    // The form leaving the screen blurs its field too (during that render): only a field the
    // shopper left, still there, is checked.
    await this.host.updateComplete;
    if (!input.isConnected) return;
    // A field left with something in it is checked at once; an empty one waits for the submit.
    if (input.value.trim() === '') return;
    this.#problems = { ...this.#problems, [key]: checkLookupField(key, input.value, this.#format()) };
    this.host.requestUpdate();
  };

  readonly #onSubmit = (event: Event) => {
    event.preventDefault();
    void this.lookUp();
  };

  async lookUp(): Promise<void> {
    const orders = this.client()?.orders;
    if (!orders || this.#searching) return;
    this.#checkAsTyped = true;
    const fields = ['orderNumber', 'contact'] as const;
    const format = this.#format();
    this.#problems = Object.fromEntries(fields.map((key) => [key, checkLookupField(key, this.values[key], format)]));
    const firstInvalid = fields.find((key) => this.#problems[key]);
    if (firstInvalid) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(firstInvalid)}`)?.focus();
      return;
    }
    // Checked above, so it normalizes; sent the store's way, and "mm1003" is blocked with "MM-1003".
    const orderNumber = normalizeOrderNumber(this.values.orderNumber, format) ?? this.values.orderNumber.trim();
    // Still blocked by "too many tries": asking again would only extend the wait.
    if (this.#blockedUntil > Date.now() && this.#blockedNumber === orderNumber) return;
    const contact = this.values.contact.trim();
    const lookup: OrderLookup = contact.includes('@')
      ? { orderNumber, email: contact }
      : { orderNumber, postalCode: contact };
    this.#searching = true;
    this.#error = undefined;
    this.host.requestUpdate();
    const order = await orders.lookup(lookup);
    this.#searching = false;
    this.host.requestUpdate();
    if (order) {
      // The order is shown; the form forgets what was typed (see `orders.lookupEmail`).
      this.values = { orderNumber: '', contact: '' };
      this.#checkAsTyped = false;
      await this.found(order);
      return;
    }
    const error = orders.current.peek().error;
    this.#error = error;
    if (error?.code === 'rate_limited') {
      this.#blockedUntil = Date.now() + (error.retryAfterMs ?? 60_000);
      this.#blockedNumber = orderNumber;
    }
    if (error?.code === 'validation') {
      const refused = Object.keys(error.fields ?? {});
      this.#problems = {
        orderNumber: refused.includes('orderNumber') ? 'Invalid' : undefined,
        contact: refused.some((key) => key === 'email' || key === 'postalCode') ? 'Invalid' : undefined,
      };
    }
  }

  /**
   * The store's order number format, once its config is in (asked for the first time the form is
   * drawn). Until then numbers are only cleaned up here, and the server puts them in its format.
   */
  #format(tracked = false): OrderNumberFormat | undefined {
    const config = this.client()?.config;
    if (config?.state.peek().status === 'idle') void config.load();
    // Read while drawing, it is tracked: the hint shows the store's format once its settings load.
    return (tracked ? config?.state.value : config?.state.peek())?.data?.orderNumbers;
  }

  #problemMessage(messages: OrderLookupMessages, key: LookupField): string | undefined {
    switch (`${key}${this.#problems[key] ?? ''}`) {
      case 'orderNumberMissing':
        return messages.orderNumberMissing;
      case 'orderNumberInvalid': {
        const format = this.#format();
        return messages.orderNumberInvalid(format && exampleOrderNumber(format));
      }
      case 'contactMissing':
        return messages.contactMissing;
      case 'contactInvalid':
        return messages.contactInvalid;
      default:
        return undefined;
    }
  }

  render(messages: OrderLookupMessages, { part, intro, submit, locale }: LookupFormOptions): TemplateResult {
    return html`<form part=${part} novalidate @submit=${this.#onSubmit}>
      <p class="muted">${intro}</p>
      ${this.#renderField(messages, 'orderNumber', {
        autocomplete: 'off',
        autocapitalize: 'characters',
        inputmode: 'text',
      })}
      ${this.#renderField(messages, 'contact', { autocomplete: 'email', autocapitalize: 'off', inputmode: 'email' })}
      ${this.#renderError(messages, locale)}
      <button part="button" class="primary" type="submit" ?disabled=${this.#searching}>
        ${this.#searching ? messages.searching : submit}
      </button>
    </form>`;
  }

  #renderField(
    messages: OrderLookupMessages,
    key: LookupField,
    keyboard: { autocomplete: string; autocapitalize: string; inputmode: string },
  ) {
    return field(
      {
        key,
        label: messages[key],
        // The example is the store's own format, one word: never "MM-" on one line, "1001" on the next.
        hint:
          key === 'orderNumber'
            ? withNumber(messages.orderNumberHint, exampleOrderNumber(this.#format(true)))
            : messages.contactHint,
        error: this.#problemMessage(messages, key),
      },
      (wiring) =>
        html`<input
          id=${wiring.id}
          name=${key}
          type="text"
          inputmode=${keyboard.inputmode}
          autocomplete=${keyboard.autocomplete}
          autocapitalize=${keyboard.autocapitalize}
          spellcheck="false"
          required
          .value=${this.values[key]}
          aria-invalid=${wiring.invalid}
          aria-describedby=${wiring.describedBy}
          @input=${this.#onInput}
          @blur=${this.#onBlur}
        />`,
    );
  }

  #renderError(messages: OrderLookupMessages, locale: string) {
    const error = this.#error;
    if (!error || error.code === 'validation') return nothing;
    const retry = (label: string) =>
      html`<button part="button" class="secondary retry" type="button" @click=${() => void this.lookUp()}>
        ${label}
      </button>`;
    switch (error.code) {
      case 'not_found':
        // The server's warning: one more miss on this number and the next tries wait.
        return error.triesLeft === 1
          ? html`<div class="alert" role="alert">
              <p>${messages.notFound}</p>
              <p>${messages.oneTryLeft}</p>
            </div>`
          : html`<p class="alert" role="alert">${messages.notFound}</p>`;
      case 'rate_limited':
        return html`<p class="alert" role="alert">
          ${messages.rateLimited(formatWait(locale, Math.max(0, this.#blockedUntil - Date.now())))}
        </p>`;
      case 'network':
        return html`<div class="alert" role="alert">
          <p>${messages.offline}</p>
          ${
            (this.client()?.connectivity.online.value ?? true)
              ? html`<p>${messages.backOnline}</p>
                  ${retry(messages.retryNow)}`
              : nothing
          }
        </div>`;
      default:
        return html`<div class="alert" role="alert">
          <p>${messages.serverError}</p>
          ${retry(messages.tryAgain)}
        </div>`;
    }
  }
}
