import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type {
  DraftPhoto,
  KefuClient,
  KefuError,
  Order,
  OrderItem,
  OutboxItem,
  ReturnDraft,
  ReturnLineDraft,
  ReturnPolicy,
  ReturnRecord,
  ReturnResolution,
  ReturnSummary,
} from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { field, fieldError, fieldId } from '../../forms/field.js';
import { OrderLookupForm } from '../../forms/order-lookup.js';
import { controls, tokens } from '../../styles/tokens.styles.js';
import { notReturnableMessages, reasonsFor, type NotReturnableReason } from '@kefu/core/domain';
import { returnsMessages } from './returns.messages.js';
import { returnsStyles } from './returns.styles.js';
import { loadQrEncoder, qrCode, qrEncoder } from './qr-code.js';
import { withNumber } from '../../i18n/with-number.js';

type FieldErrors = Readonly<Record<string, string>>;
/** The returns flow's own strings and the lookup form's. */
type ReturnsMessages = typeof returnsMessages.en;

interface PendingUpload {
  readonly key: number;
  readonly name: string;
  progress: number;
}

const blankLine: ReturnLineDraft = { selected: false, quantity: 1, reason: '', photos: [] };
const normalizeNumber = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/**
 * Returns items from an order: eligibility, reasons, photos, a resolution, and the status afterwards.
 * Starts from the order the shopper just looked up (`orderNumber`), or looks it up itself. The
 * request goes through the outbox under one idempotency key per draft, so offline it is saved and
 * sent later, and a double tap or a reload never makes two returns.
 *
 * @summary Returns items from an order: eligibility, reasons, photos, a resolution, and the status afterwards.
 * @tag kefu-returns
 *
 * @event kefu-return-submitted - The shopper submitted a return (saved to the outbox; it may still be waiting to send). `detail: { submissionId, orderId }`.
 * @event kefu-navigate - Asks the host to show another view.
 *
 * @csspart lookup - The order lookup form.
 * @csspart form - The return form.
 * @csspart item - One order line.
 * @csspart review - The review step.
 * @csspart status - The outcome of the submission (saved offline, sent with the RMA, failed).
 * @csspart history - Earlier returns on the order.
 * @csspart qr - The QR code of a return label.
 * @csspart button - Every button.
 *
 * @cssprop --kefu-brand-color - Primary buttons and the selected state.
 * @cssprop --kefu-surface-color - Background of cards.
 * @cssprop --kefu-text-color - Text.
 * @cssprop --kefu-muted-color - Hints and secondary text.
 * @cssprop --kefu-radius - Corner radius.
 */
export class KefuReturns extends KefuElement {
  static override styles = [tokens, controls, returnsStyles];
  static override catalogues = returnsMessages;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    orderNumber: { attribute: 'order-number' },
    errors: { attribute: false },
    answered: { attribute: false },
    submitting: { attribute: false },
    wantsForm: { attribute: false },
  };

  /** The order to return items from (looked up first if it is not in this session yet). */
  orderNumber?: string;

  /** Asks for the order when it is not the current one. */
  readonly #lookup = new OrderLookupForm(
    this,
    () => this.kefu,
    async (order) => {
      this.wantsForm = false;
      this.orderNumber = order.number;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    },
  );
  /** Problems found on "Review": shown next to their fields until the field changes. */
  private errors: FieldErrors = {};
  /** Server objections the shopper has since answered (changed the field), so they are hidden. */
  private answered: ReadonlySet<string> = new Set();
  private submitting = false;
  private wantsForm = false;

  readonly #uploads = new Map<string, PendingUpload[]>();
  readonly #photoErrors = new Map<string, string>();
  readonly #objectUrls = new Map<string, string>();
  #uploadKey = 0;
  #openedFor?: string;
  #refreshedFor?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('focusin', this.#onFirstFocus, { once: true });
    const client = this.kefu;
    if (!client) return;
    if (client.config.state.peek().status === 'idle') void client.config.load();
    if (!client.orders.current.peek().data) void client.orders.restoreLast();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.#objectUrls.values()) URL.revokeObjectURL(url);
    this.#objectUrls.clear();
    this.#openedFor = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('orderNumber') && this.orderNumber && !this.#lookup.values.orderNumber) {
      this.#lookup.prefill(this.orderNumber);
    }
    const client = this.kefu;
    const order = this.#order();
    if (client && order && this.#openedFor !== order.id) {
      this.#openedFor = order.id;
      void client.returns.openDraft(order.id);
      void client.returns.loadHistory(order);
    }
    // Once the return is sent, the order (returnable quantities, its returns) and the history change.
    const sent = client?.returns.draftSubmission.value;
    if (client && order && sent?.status === 'sent' && this.#refreshedFor !== sent.id) {
      this.#refreshedFor = sent.id;
      void client.orders.refresh().then(() => {
        const fresh = client.orders.current.peek().data;
        if (fresh) void client.returns.loadHistory(fresh);
      });
    }
  }

  // ── Handlers ──────────────────────────────────────────────────────────────────────────────────

  /** The first focus is the shopper's intent: storage opens, so what an earlier visit saved shows. */
  readonly #onFirstFocus = async () => {
    const client = this.kefu;
    if (!client) return;
    await client.activate();
    if (!client.orders.current.peek().data) await client.orders.restoreLast();
    const order = this.#order();
    if (order) await client.returns.openDraft(order.id);
  };

  #editLine(itemId: string, change: (line: ReturnLineDraft) => ReturnLineDraft, ...fields: string[]): void {
    this.#answer(...fields.map((field) => `items.${itemId}.${field}`));
    void this.kefu?.returns.editLine(itemId, change);
  }

  #editDraft(change: (draft: ReturnDraft) => ReturnDraft, ...fields: string[]): void {
    this.#answer(...fields);
    void this.kefu?.returns.editDraft(change);
  }

  /** The shopper changed these fields: their errors (local and the server's) go away. */
  #answer(...keys: string[]): void {
    if (keys.length === 0) return;
    this.errors = Object.fromEntries(Object.entries(this.errors).filter(([key]) => !keys.includes(key)));
    this.answered = new Set([...this.answered, ...keys]);
  }

  async #addPhotos(itemId: string, input: HTMLInputElement, policy: ReturnPolicy): Promise<void> {
    const client = this.kefu;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!client) return;
    const messages = this.localize(returnsMessages);
    this.#photoErrors.delete(itemId);
    this.#answer(`items.${itemId}.photoIds`);
    for (const file of files) {
      const pending: PendingUpload = { key: (this.#uploadKey += 1), name: file.name, progress: 0 };
      this.#uploads.set(itemId, [...(this.#uploads.get(itemId) ?? []), pending]);
      this.requestUpdate();
      const result = await client.returns.addPhoto(itemId, file, policy, (fraction) => {
        pending.progress = fraction;
        this.requestUpdate();
      });
      this.#uploads.set(
        itemId,
        (this.#uploads.get(itemId) ?? []).filter((upload) => upload.key !== pending.key),
      );
      if (!result.ok) this.#photoErrors.set(itemId, this.#photoProblem(result.error, policy, messages));
      this.requestUpdate();
    }
  }

  #photoProblem(error: KefuError, policy: ReturnPolicy, messages: ReturnsMessages): string {
    const megabytes = Math.floor(policy.photos.maxBytes / 1024 / 1024);
    if (error.serverCode === 'too_large' || error.status === 413) return messages.photoTooLarge(megabytes);
    if (error.serverCode === 'unsupported_type') return messages.photoWrongType;
    if (error.serverCode === 'too_many') return messages.photoTooMany(policy.photos.maxCount);
    if (error.code === 'network' || error.code === 'timeout') return messages.photoOffline;
    if (error.code === 'unauthorized') return messages.failedUnauthorized;
    return messages.photoFailed;
  }

  #removePhoto(itemId: string, photo: DraftPhoto): void {
    const url = this.#objectUrls.get(photo.id);
    if (url) URL.revokeObjectURL(url);
    this.#objectUrls.delete(photo.id);
    this.#answer(`items.${itemId}.photoIds`);
    void this.kefu?.returns.removePhoto(itemId, photo.id);
  }

  async #review(event: SubmitEvent, order: Order, policy: ReturnPolicy): Promise<void> {
    event.preventDefault();
    const client = this.kefu;
    if (!client) return;
    const errors = client.returns.check(order, policy);
    this.errors = errors;
    this.answered = new Set();
    if (Object.keys(errors).length > 0) {
      await this.#focusFirstInvalid(Object.keys(errors));
      return;
    }
    await client.returns.editDraft((draft) => ({ ...draft, step: 'review' }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="review"] h3')?.focus();
  }

  async #submit(order: Order, policy: ReturnPolicy): Promise<void> {
    const client = this.kefu;
    // A double tap lands here twice; the draft's one key makes the second harmless anyway.
    if (!client || this.submitting) return;
    this.submitting = true;
    const errors = await client.returns.submitDraft(order, policy);
    this.submitting = false;
    this.answered = new Set();
    if (Object.keys(errors).length > 0) {
      this.errors = errors;
      await client.returns.editDraft((draft) => ({ ...draft, step: 'edit' }));
      await this.#focusFirstInvalid(Object.keys(errors));
      return;
    }
    const draft = client.returns.draft.peek();
    this.dispatchEvent(
      new CustomEvent('kefu-return-submitted', {
        detail: { submissionId: draft?.submissionId, orderId: order.id },
        bubbles: true,
        composed: true,
      }),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="status"]')?.focus();
  }

  async #edit(): Promise<void> {
    await this.kefu?.returns.editDraft((draft) => ({ ...draft, step: 'edit' }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="form"] input:not([type="hidden"])')?.focus();
  }

  async #startAnother(order: Order): Promise<void> {
    this.errors = {};
    this.answered = new Set();
    await this.kefu?.returns.startAnother(order.id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="form"] input')?.focus();
  }

  // The lookup form instead of the order; its draft is kept for a way back.
  async #anotherOrder(): Promise<void> {
    this.wantsForm = true;
    this.#lookup.prefill('');
    this.#lookup.clearError();
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  }

  async #focusFirstInvalid(keys: readonly string[]): Promise<void> {
    await this.updateComplete;
    const ids = new Set(keys.map(fieldId));
    const first = [...this.renderRoot.querySelectorAll<HTMLElement>('[id^="field-"]')].find((element) =>
      ids.has(element.id),
    );
    (first ?? this.renderRoot.querySelector<HTMLElement>('.summary'))?.focus();
  }

  // ── Reading state ─────────────────────────────────────────────────────────────────────────────

  /** The order to work on: the current one, when it is the one asked for. */
  #order(): Order | undefined {
    const order = this.kefu?.orders.current.value.data;
    if (!order) return undefined;
    if (this.orderNumber && normalizeNumber(order.number) !== normalizeNumber(this.orderNumber)) return undefined;
    return order;
  }

  /** The errors to show: this page's checks, and the server's for the failed submission not yet answered. */
  #visibleErrors(client: KefuClient, submission: OutboxItem<'return'> | undefined): FieldErrors {
    const server =
      submission?.status === 'failed' && submission.error?.code === 'validation'
        ? Object.fromEntries(
            Object.entries(client.returns.submissionErrors.value).filter(([key]) => !this.answered.has(key)),
          )
        : {};
    return { ...server, ...this.errors };
  }

  #reasonLabel(code: string, policy: ReturnPolicy, messages: ReturnsMessages): string {
    const reason = policy.reasons.find((candidate) => candidate.code === code);
    const language = this.resolvedLocale.split('-')[0] ?? 'en';
    return (
      messages.reasons[code] ??
      reason?.labels[this.resolvedLocale] ??
      reason?.labels[language] ??
      reason?.labels['en'] ??
      code
    );
  }

  #date(iso: string, withYear = false): string {
    const date = new Date(iso);
    const sameYear = date.getFullYear() === new Date().getFullYear();
    return new Intl.DateTimeFormat(this.resolvedLocale, {
      day: 'numeric',
      month: 'long',
      ...(withYear || !sameYear ? { year: 'numeric' } : {}),
    }).format(date);
  }

  #objectUrlOf(photo: DraftPhoto): string {
    let url = this.#objectUrls.get(photo.id);
    if (!url) {
      url = URL.createObjectURL(photo.file);
      this.#objectUrls.set(photo.id, url);
    }
    return url;
  }

  // ── Rendering ─────────────────────────────────────────────────────────────────────────────────

  override render() {
    const messages = this.localize(returnsMessages);
    const client = this.kefu;
    const policy = client?.config.state.value.data?.returnPolicy;
    const order = this.#order();
    if (!client || !policy) {
      return html`<h2 tabindex="-1">${messages.title}</h2>
        <p class="muted" role="status">${messages.loading}</p>`;
    }
    if (!order || this.wantsForm) return this.#renderLookup(messages);
    const draft = client.returns.draft.value;
    const submission = client.returns.draftSubmission.value;
    return html`<h2 tabindex="-1">${withNumber(messages.titleForOrder, order.number)}</h2>
      <button part="button" type="button" class="link" @click=${() => void this.#anotherOrder()}>
        ${messages.anotherOrder}
      </button>
      ${draft?.orderId === order.id ? this.#renderDraft(client, order, policy, draft, submission, messages) : nothing}
      ${this.#renderHistory(client, order, messages)}`;
  }

  #renderDraft(
    client: KefuClient,
    order: Order,
    policy: ReturnPolicy,
    draft: ReturnDraft,
    submission: OutboxItem<'return'> | undefined,
    messages: ReturnsMessages,
  ): TemplateResult {
    const refusedFields = submission?.status === 'failed' && submission.error?.code === 'validation';
    if (draft.step === 'submitted' && submission && !refusedFields) {
      return this.#renderStatus(client, order, submission, messages);
    }
    // Submitted but not in the outbox (a reload in between): the review again, under the same key.
    if (draft.step === 'review' || (draft.step === 'submitted' && !submission)) {
      return this.#renderReview(order, policy, draft, messages);
    }
    return this.#renderForm(client, order, policy, draft, this.#visibleErrors(client, submission), messages);
  }

  #renderLookup(messages: ReturnsMessages): TemplateResult {
    return html`<h2 tabindex="-1">${messages.title}</h2>
      ${this.#lookup.render(messages, {
        part: 'lookup',
        intro: messages.lookupIntro,
        submit: messages.findOrder,
        locale: this.resolvedLocale,
      })}`;
  }

  /** The shopper's words for a field's error (ours, or the server's when we have none). */
  #errorText(key: string, errors: FieldErrors, messages: ReturnsMessages): string {
    const name = key.split('.').pop() ?? key;
    const message = errors[key];
    // "A photo is missing" (an id the server no longer knows) reads differently from "add one".
    if (name === 'photoIds' && message?.includes('missing')) return messages.errors.photoIdsMissing;
    // The server says why an item cannot be returned after all (returned from another device, the
    // window closed while the form was open): that reason, in the shopper's words, not a generic one.
    if (name === 'itemId' && message !== undefined) {
      const reasons = Object.keys(notReturnableMessages) as NotReturnableReason[];
      const reason = reasons.find((code) => notReturnableMessages[code] === message);
      if (reason) return messages.notReturnable[reason];
    }
    const known = messages.errors as Readonly<Record<string, string>>;
    return message === undefined ? '' : (known[name] ?? message);
  }

  #errorFor(key: string, errors: FieldErrors, messages: ReturnsMessages): TemplateResult {
    return fieldError(key, this.#errorText(key, errors, messages));
  }

  #renderForm(
    client: KefuClient,
    order: Order,
    policy: ReturnPolicy,
    draft: ReturnDraft,
    errors: FieldErrors,
    messages: ReturnsMessages,
  ): TemplateResult {
    const hasErrors = Object.keys(errors).length > 0;
    return html`<form part="form" novalidate @submit=${(event: SubmitEvent) => void this.#review(event, order, policy)}>
      <p class="error summary" role="alert" tabindex="-1">${hasErrors ? messages.fixErrors : ''}</p>
      <fieldset class="items" aria-describedby="${fieldId('items')}-error">
        <legend>${messages.itemsLegend}</legend>
        ${this.#errorFor('items', errors, messages)}
        <ul>
          ${order.items.map((item) => this.#renderItem(client, order, item, policy, draft, errors, messages))}
        </ul>
      </fieldset>
      ${this.#renderResolutions(policy, draft, errors, messages)}
      ${field(
        { key: 'comment', label: messages.comment, error: this.#errorText('comment', errors, messages) },
        (wiring) =>
          html`<textarea
            id=${wiring.id}
            rows="3"
            maxlength="2000"
            .value=${draft.comment}
            aria-invalid=${wiring.invalid}
            aria-describedby=${wiring.describedBy}
            @input=${(event: InputEvent) => {
              const comment = (event.target as HTMLTextAreaElement).value;
              this.#editDraft((current) => ({ ...current, comment }), 'comment');
            }}
          ></textarea>`,
      )}
      <button part="button" class="primary" type="submit">${messages.review}</button>
    </form>`;
  }

  #renderItem(
    client: KefuClient,
    order: Order,
    item: OrderItem,
    policy: ReturnPolicy,
    draft: ReturnDraft,
    errors: FieldErrors,
    messages: ReturnsMessages,
  ): TemplateResult {
    const returnability = client.returns.returnability(item, order, policy);
    const line = draft.lines[item.id] ?? blankLine;
    const key = (field: string) => `items.${item.id}.${field}`;
    const name = item.variant ? `${item.name} — ${item.variant}` : item.name;
    if (!returnability.returnable) {
      return html`<li part="item" class="item unavailable">
        <p class="name">${name}</p>
        <p class="why">${messages.notReturnable[returnability.reason]}</p>
        ${this.#errorFor(key('itemId'), errors, messages)}
      </li>`;
    }
    const selected = line.selected;
    const pickId = fieldId(key('itemId'));
    return html`<li part="item" class="item ${selected ? 'selected' : ''}">
      <div class="pick">
        <input
          id=${pickId}
          type="checkbox"
          .checked=${selected}
          aria-describedby="${pickId}-until ${pickId}-error"
          @change=${(event: Event) => {
            const checked = (event.target as HTMLInputElement).checked;
            this.#answer('items');
            this.#editLine(item.id, (current) => ({ ...current, selected: checked }), 'itemId');
          }}
        />
        <label for=${pickId}>
          <span class="name">${name}</span>
          <span class="until" id="${pickId}-until"
            >${returnability.until ? messages.returnBy(this.#date(returnability.until)) : ''}</span
          >
        </label>
      </div>
      ${this.#errorFor(key('itemId'), errors, messages)}
      ${selected ? this.#renderLineDetails(item, returnability.maxQuantity, line, policy, draft, errors, messages) : nothing}
    </li>`;
  }

  #renderLineDetails(
    item: OrderItem,
    maxQuantity: number,
    line: ReturnLineDraft,
    policy: ReturnPolicy,
    draft: ReturnDraft,
    errors: FieldErrors,
    messages: ReturnsMessages,
  ): TemplateResult {
    const key = (name: string) => `items.${item.id}.${name}`;
    const fieldOf = (name: string, label: string) => ({
      key: key(name),
      label,
      error: this.#errorText(key(name), errors, messages),
    });
    const reason = policy.reasons.find((candidate) => candidate.code === line.reason);
    return html`<div class="details">
      ${
        maxQuantity > 1
          ? field(
              fieldOf('quantity', messages.quantity),
              (wiring) =>
                html`<select
                  id=${wiring.id}
                  aria-invalid=${wiring.invalid}
                  aria-describedby=${wiring.describedBy}
                  @change=${(event: Event) => {
                    const quantity = Number((event.target as HTMLSelectElement).value);
                    this.#editLine(item.id, (current) => ({ ...current, quantity }), 'quantity');
                  }}
                >
                  ${Array.from(
                    { length: maxQuantity },
                    (_, index) =>
                      html`<option value=${index + 1} ?selected=${line.quantity === index + 1}>${index + 1}</option>`,
                  )}
                </select>`,
            )
          : nothing
      }
      ${field(
        fieldOf('reason', messages.reason),
        (wiring) =>
          html`<select
            id=${wiring.id}
            aria-invalid=${wiring.invalid}
            aria-describedby=${wiring.describedBy}
            @change=${(event: Event) => {
              const code = (event.target as HTMLSelectElement).value;
              this.#editLine(item.id, (current) => ({ ...current, reason: code }), 'reason', 'photoIds');
            }}
          >
            <option value="" ?selected=${line.reason === ''}>${messages.chooseReason}</option>
            ${reasonsFor(policy, item).map(
              (candidate) =>
                html`<option value=${candidate.code} ?selected=${candidate.code === line.reason}>
                  ${this.#reasonLabel(candidate.code, policy, messages)}
                </option>`,
            )}
          </select>`,
      )}
      ${this.#renderPhotos(item, line, policy, Boolean(reason?.requiresPhoto), errors, messages)}
      ${draft.resolution === 'exchange' ? this.#renderVariants(item, line, errors, messages) : nothing}
    </div>`;
  }

  #renderPhotos(
    item: OrderItem,
    line: ReturnLineDraft,
    policy: ReturnPolicy,
    required: boolean,
    errors: FieldErrors,
    messages: ReturnsMessages,
  ): TemplateResult {
    const key = `items.${item.id}.photoIds`;
    const id = fieldId(key);
    const megabytes = Math.floor(policy.photos.maxBytes / 1024 / 1024);
    const uploads = this.#uploads.get(item.id) ?? [];
    const problem = this.#photoErrors.get(item.id);
    const full = line.photos.length + uploads.length >= policy.photos.maxCount;
    return html`<div class="field photos" role="group" aria-labelledby="${id}-legend">
      <p class="label" id="${id}-legend">${messages.photos}</p>
      <p class="hint" id="${id}-hint">
        ${
          required
            ? messages.photosRequired(policy.photos.maxCount, megabytes)
            : messages.photosOptional(policy.photos.maxCount, megabytes)
        }
      </p>
      ${
        line.photos.length > 0 || uploads.length > 0
          ? html`<ul class="thumbnails">
              ${line.photos.map(
                (photo, index) =>
                  html`<li>
                    <img src=${this.#objectUrlOf(photo)} alt=${messages.photoAlt(index + 1)} />
                    <button
                      part="button"
                      type="button"
                      class="remove"
                      aria-label=${messages.removePhoto(index + 1)}
                      @click=${() => this.#removePhoto(item.id, photo)}
                    >
                      ×
                    </button>
                  </li>`,
              )}
              ${uploads.map(
                (upload) =>
                  html`<li class="uploading">
                    <progress
                      max="1"
                      .value=${upload.progress}
                      aria-label=${messages.uploading(upload.name)}
                    ></progress>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <input
        id=${id}
        class="file visually-hidden"
        type="file"
        accept=${policy.photos.types.join(',')}
        capture="environment"
        ?disabled=${full}
        aria-invalid=${errors[key] || problem ? 'true' : 'false'}
        aria-describedby="${id}-hint ${id}-error ${id}-problem"
        @change=${(event: Event) => void this.#addPhotos(item.id, event.target as HTMLInputElement, policy)}
      />
      <label for=${id} class="button secondary ${full ? 'disabled' : ''}">${messages.addPhoto}</label>
      ${this.#errorFor(key, errors, messages)}
      <p class="error" id="${id}-problem" role="alert">${problem ?? ''}</p>
    </div>`;
  }

  #renderVariants(item: OrderItem, line: ReturnLineDraft, errors: FieldErrors, messages: ReturnsMessages) {
    const key = `items.${item.id}.exchangeVariantId`;
    const id = fieldId(key);
    const variants = item.exchangeVariants ?? [];
    if (variants.length === 0) {
      // Nothing to choose: the one sentence says why, in red once it stands in the way of the review.
      return html`<p class=${errors[key] ? 'error' : 'hint'} id="${id}-error">${messages.noVariants}</p>`;
    }
    return field(
      { key, label: messages.exchangeFor, error: this.#errorText(key, errors, messages) },
      (wiring) =>
        html`<select
          id=${wiring.id}
          aria-invalid=${wiring.invalid}
          aria-describedby=${wiring.describedBy}
          @change=${(event: Event) => {
            const variantId = (event.target as HTMLSelectElement).value;
            this.#editLine(
              item.id,
              (current) => {
                const { exchangeVariantId: _previous, ...rest } = current;
                return variantId ? { ...rest, exchangeVariantId: variantId } : rest;
              },
              'exchangeVariantId',
            );
          }}
        >
          <option value="" ?selected=${!line.exchangeVariantId}>${messages.chooseVariant}</option>
          ${variants.map(
            (variant) =>
              html`<option
                value=${variant.id}
                ?disabled=${!variant.inStock}
                ?selected=${variant.id === line.exchangeVariantId}
              >
                ${variant.inStock ? variant.name : messages.outOfStock(variant.name)}
              </option>`,
          )}
        </select>`,
    );
  }

  #renderResolutions(policy: ReturnPolicy, draft: ReturnDraft, errors: FieldErrors, messages: ReturnsMessages) {
    const errorId = `${fieldId('resolution')}-error`;
    return html`<fieldset class="resolutions" aria-describedby=${errorId}>
      <legend>${messages.resolutionLegend}</legend>
      ${policy.resolutions.map((resolution: ReturnResolution, index) => {
        // The first radio carries the field's id, so focus lands on the group when it has an error.
        const id = index === 0 ? fieldId('resolution') : `resolution-${resolution}`;
        return html`<div class="choice">
          <input
            id=${id}
            type="radio"
            name="resolution"
            value=${resolution}
            .checked=${draft.resolution === resolution}
            aria-describedby="${id}-help"
            @change=${() => this.#editDraft((current) => ({ ...current, resolution }), 'resolution')}
          />
          <label for=${id}>
            <span class="name">${messages.resolutions[resolution]}</span>
            <span class="hint" id="${id}-help">${messages.resolutionHelp[resolution]}</span>
          </label>
        </div>`;
      })}
      ${this.#errorFor('resolution', errors, messages)}
    </fieldset>`;
  }

  #renderReview(order: Order, policy: ReturnPolicy, draft: ReturnDraft, messages: ReturnsMessages) {
    const chosen = order.items.flatMap((item) => {
      const line = draft.lines[item.id];
      return line?.selected ? [{ item, line }] : [];
    });
    return html`<section part="review" class="review" aria-labelledby="review-title">
      <h3 id="review-title" tabindex="-1">${messages.reviewTitle}</h3>
      <ul>
        ${chosen.map(({ item, line }) => {
          const variant = item.exchangeVariants?.find((candidate) => candidate.id === line.exchangeVariantId);
          return html`<li>
            <p class="name">
              ${messages.reviewLine(line.quantity, item.variant ? `${item.name} — ${item.variant}` : item.name)}
            </p>
            <p>${messages.reviewReason(this.#reasonLabel(line.reason, policy, messages))}</p>
            ${line.photos.length > 0 ? html`<p>${messages.reviewPhotos(line.photos.length)}</p>` : nothing}
            ${draft.resolution === 'exchange' && variant ? html`<p>${messages.reviewExchange(variant.name)}</p>` : nothing}
          </li>`;
        })}
      </ul>
      ${
        draft.resolution
          ? html`<p>
              <strong>${messages.resolutions[draft.resolution]}</strong>: ${messages.resolutionHelp[draft.resolution]}
            </p>`
          : nothing
      }
      ${
        draft.comment.trim()
          ? html`<p><strong>${messages.reviewComment}</strong>: <span class="comment">${draft.comment}</span></p>`
          : nothing
      }
      <div class="actions">
        <button part="button" type="button" class="secondary" @click=${() => void this.#edit()}>
          ${messages.edit}
        </button>
        <button
          part="button"
          type="button"
          class="primary"
          aria-disabled=${this.submitting ? 'true' : 'false'}
          @click=${() => void this.#submit(order, policy)}
        >
          ${messages.submit}
        </button>
      </div>
    </section>`;
  }

  #renderStatus(client: KefuClient, order: Order, submission: OutboxItem<'return'>, messages: ReturnsMessages) {
    if (submission.status === 'sent') {
      const record = submission.result as ReturnRecord | undefined;
      // The answer to the submission is the return as it was then: the order's summary, and the
      // full record once loaded, are newer (approved since, say). The headline follows the newest.
      const fresher = record
        ? (client.returns.history.value[record.id]?.data?.status ??
          order.returns.find((summary) => summary.id === record.id)?.status)
        : undefined;
      const status = fresher ?? record?.status ?? 'requested';
      // The server says whether the store sends e-mail: only then is the decision promised by mail.
      const mail = client.config.state.value.data?.mail?.sends;
      return html`<section part="status" class="status sent" tabindex="-1" role="status">
        <h3>${messages.statusTitle[status]}</h3>
        ${record ? html`<p class="rma">${withNumber(messages.rma, record.rma)}</p>` : nothing}
        ${record ? html`<p>${messages.status[status]}</p>` : nothing}
        ${status === 'requested' ? html`<p class="muted">${mail ? messages.nextStepsByEmail : messages.nextSteps}</p>` : nothing}
        <button part="button" type="button" class="secondary" @click=${() => void this.#startAnother(order)}>
          ${messages.startAnother}
        </button>
      </section>`;
    }
    if (submission.status === 'pending') {
      // Online with a failed try behind it, our service is the one not answering (a 5xx behind the
      // storefront's proxy, a server restarting): saying "offline" would send the shopper to check
      // a connection that works.
      const online = client.connectivity.online.value;
      const words = !online
        ? messages.savedOffline
        : submission.attempts === 0
          ? messages.sending
          : messages.savedRetrying;
      return html`<section part="status" class="status pending" tabindex="-1" role="status">
        <p>${words}</p>
      </section>`;
    }
    const unauthorized = submission.error?.code === 'unauthorized';
    return html`<section part="status" class="status failed" tabindex="-1" role="alert">
      <p>${unauthorized ? messages.failedUnauthorized : messages.failed}</p>
      <div class="actions">
        <button part="button" type="button" class="secondary" @click=${() => void this.#edit()}>
          ${messages.edit}
        </button>
        ${
          unauthorized
            ? nothing
            : html`<button
                part="button"
                type="button"
                class="primary"
                @click=${() => void client.outbox.retry(submission.id)}
              >
                ${messages.retry}
              </button>`
        }
      </div>
    </section>`;
  }

  #renderHistory(client: KefuClient, order: Order, messages: ReturnsMessages) {
    if (order.returns.length === 0) return nothing;
    const records = client.returns.history.value;
    return html`<section part="history" class="history" aria-labelledby="history-title">
      <h3 id="history-title">${messages.historyTitle}</h3>
      <ul>
        ${[...order.returns]
          .reverse()
          .map((summary) => this.#renderEarlierReturn(summary, records[summary.id]?.data, messages))}
      </ul>
    </section>`;
  }

  #renderEarlierReturn(summary: ReturnSummary, record: ReturnRecord | undefined, messages: ReturnsMessages) {
    // The record is fresher than the order's summary once loaded (a decision since the lookup).
    const status = record?.status ?? summary.status;
    const labelUrl = status === 'approved' ? record?.labelUrl : undefined;
    const encode = qrEncoder();
    if (labelUrl && !encode) void loadQrEncoder().then(() => this.requestUpdate());
    return html`<li class="earlier">
      <p class="heading">
        <bdi class="unbroken rma-number">${summary.rma}</bdi>
        <span class="tag ${status}">${messages.statusTag[status]}</span>
      </p>
      <p class="muted">${messages.requestedOn(this.#date(summary.createdAt, true))}</p>
      <p>${messages.status[status]}</p>
      ${
        status === 'rejected' && record?.rejectionReason
          ? html`<p class="reason">${messages.rejectedBecause(record.rejectionReason)}</p>`
          : nothing
      }
      ${
        labelUrl
          ? html`<p>
                <a part="button" class="button primary" href=${labelUrl} target="_blank" rel="noopener noreferrer"
                  >${messages.label}</a
                >
              </p>
              ${encode ? qrCode(encode, labelUrl, messages.qrLabel(summary.rma)) : nothing}`
          : nothing
      }
    </li>`;
  }
}
