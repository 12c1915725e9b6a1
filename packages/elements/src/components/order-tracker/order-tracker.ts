import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Order, Shipment, ShipmentStatus } from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import type { KefuView } from '../../base/navigation.js';
import { OrderLookupForm } from '../../forms/order-lookup.js';
import { controls, tokens } from '../../styles/tokens.styles.js';
import { orderTrackerMessages } from './order-tracker.messages.js';
import { ordertrackerStyles } from './order-tracker.styles.js';
import {
  createFormatters,
  itemsNotShipped,
  itemsOfShipment,
  progressStep,
  safeWebUrl,
  type Formatters,
  type ItemLine,
} from './order-tracker.format.js';
import { withNumber } from '../../i18n/with-number.js';

/** The tracker's own strings and the lookup form's. */
type Messages = typeof orderTrackerMessages.en;

/** Keeps "28*** Madrid, ES" in its own direction inside an Arabic sentence (Unicode isolates). */
const isolate = (text: string): string => `\u2068${text}\u2069`;

/** Shipment states that need the shopper to do something, with the advice for each. */
const advice: Partial<Record<ShipmentStatus, 'attemptFailedHelp' | 'exceptionHelp' | 'pickupHelp'>> = {
  attempt_failed: 'attemptFailedHelp',
  exception: 'exceptionHelp',
  available_for_pickup: 'pickupHelp',
};

/**
 * Looks up an order by number and email or postal code and follows each shipment: a progress
 * line, every parcel with its items, carrier, tracking number and history, and what to do when a
 * delivery fails. A signed-in shopper (identity token) sees recent orders without typing; the last
 * order looked up shows at once from the cache for 24 hours.
 *
 * @summary Looks up an order by number and email or postal code and follows each shipment.
 * @tag kefu-order-tracker
 *
 * @event kefu-navigate - The shopper asked to start a return, chat or get a call back about the order
 *   (`detail: { view, orderNumber }`). Cancelable; the widget or the loader handles it.
 *
 * @csspart form - The lookup form.
 * @csspart order - The order being shown.
 * @csspart progress - The ordered → shipped → out for delivery → delivered line.
 * @csspart shipment - One parcel.
 * @csspart actions - The buttons to start a return, chat or ask for a call back.
 *
 * @cssprop --kefu-brand-color - Buttons and the progress line.
 * @cssprop --kefu-surface-color - Background.
 * @cssprop --kefu-text-color - Text.
 * @cssprop --kefu-muted-color - Secondary text.
 * @cssprop --kefu-radius - Corner radius.
 */
export class KefuOrderTracker extends KefuElement {
  static override styles = [tokens, controls, ordertrackerStyles];
  static override catalogues = orderTrackerMessages;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    orderNumber: { attribute: 'order-number' },
    timeZone: { attribute: 'time-zone' },
    wantsForm: { attribute: false },
    announcement: { attribute: false },
    now: { attribute: false },
  };

  /** An order number to fill in (an order page passes its own). */
  orderNumber?: string;

  /** The IANA time zone to show times in; defaults to the shopper's own. */
  timeZone?: string;

  /** The form shows instead of the current order ("track another order", or a new order number). */
  private wantsForm = false;
  /** The polite announcement (copied, could not copy, this page cannot open that). */
  private announcement = '';
  private now = Date.now();

  #ticker?: ReturnType<typeof setInterval>;

  /** Its failure (not a failed refresh of a shown order) keeps the form on screen. */
  readonly #lookup = new OrderLookupForm(
    this,
    () => this.kefu,
    () => this.#showOrder(),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.kefu?.orders.restoreLast();
    // "Updated 5 minutes ago" stays true while the shopper reads.
    this.#ticker = setInterval(() => (this.now = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#ticker);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A signed-in shopper's orders load as soon as there is a shopper (now, or after identify()).
    const kefu = this.kefu;
    if (kefu?.session.identityToken.peek() && kefu.orders.mine.peek().status === 'idle') {
      queueMicrotask(() => void kefu.orders.loadMine());
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('orderNumber') && this.orderNumber) {
      this.#lookup.prefill(this.orderNumber);
      const shown = this.kefu?.orders.current.peek().data;
      if (shown && shown.number !== this.orderNumber.trim().toUpperCase()) this.wantsForm = true;
    }
  }

  get #messages(): Messages {
    return this.localize(orderTrackerMessages);
  }

  #formatters(): Formatters {
    return createFormatters(this.resolvedLocale, this.timeZone);
  }

  readonly #onAnotherOrder = () => {
    this.wantsForm = true;
    this.#lookup.clearError();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('input[name="orderNumber"]')?.focus(),
    );
  };

  async #copy(trackingNumber: string): Promise<void> {
    const messages = this.#messages;
    try {
      await navigator.clipboard.writeText(trackingNumber);
      this.announcement = messages.copied;
    } catch {
      this.announcement = messages.copyFailed;
    }
  }

  #go(view: KefuView, order: Order): void {
    const handled = this.navigate({ view, orderNumber: order.number });
    if (!handled) this.announcement = this.#messages.notAvailableHere;
  }

  async #openMine(order: Order): Promise<void> {
    await this.kefu?.orders.open(order.id);
    this.#lookup.clearError();
    await this.#showOrder();
  }

  /** The order takes the form's place, its heading focused so that a screen reader hears it. */
  async #showOrder(): Promise<void> {
    this.wantsForm = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.order-heading')?.focus();
  }

  override render() {
    const messages = this.#messages;
    const current = this.kefu?.orders.current.value;
    const order = current?.data;
    const showOrder = order && !this.wantsForm && !this.#lookup.searching && !this.#lookup.error;
    return html`
      ${showOrder ? this.#renderOrder(messages, order) : this.#renderLookup(messages)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  #renderLookup(messages: Messages) {
    return html`
      <h2>${messages.title}</h2>
      ${this.#renderMine(messages)}
      ${this.#lookup.render(messages, {
        part: 'form',
        intro: messages.intro,
        submit: messages.submit,
        locale: this.resolvedLocale,
      })}
    `;
  }

  #renderMine(messages: Messages) {
    const kefu = this.kefu;
    if (!kefu?.session.identityToken.value) return nothing;
    const mine = kefu.orders.mine.value;
    const format = this.#formatters();
    let body;
    if (mine.data && mine.data.length > 0) {
      body = html`<ul class="mine">
        ${mine.data.map(
          (order) =>
            html`<li>
              <button type="button" class="mine-order" @click=${() => void this.#openMine(order)}>
                <strong>${withNumber(messages.orderHeading, order.number)}</strong>
                <span>${format.date(order.placedAt)} · ${format.money(order.total)}</span>
                <span class="muted">${messages.orderStatus[order.status]}</span>
              </button>
            </li>`,
        )}
      </ul>`;
    } else if (mine.status === 'error') {
      body = html`<p class="alert">${messages.ordersFailed}</p>`;
    } else if (mine.status === 'ready') {
      body = html`<p class="muted">${messages.noOrders}</p>`;
    } else {
      body = html`<p class="muted" role="status">${messages.loadingOrders}</p>`;
    }
    return html`<section class="card" aria-labelledby="mine-heading">
      <h3 id="mine-heading">${messages.yourOrders}</h3>
      ${body}
    </section>`;
  }

  #renderOrder(messages: Messages, order: Order) {
    const format = this.#formatters();
    const unshipped = itemsNotShipped(order);
    return html`<article part="order" class="order" aria-labelledby="order-heading">
      <h2 class="order-heading" id="order-heading" tabindex="-1">${withNumber(messages.orderHeading, order.number)}</h2>
      <p class="status">${messages.orderStatus[order.status]}</p>
      ${this.#renderFreshness(messages, format)} ${this.#renderProgress(messages, order)}
      <p class="muted meta">
        <span>${messages.placedOn(format.date(order.placedAt))}</span>
        <span>${messages.total(format.money(order.total))}</span>
        <span>${messages.deliveringTo(isolate(order.maskedAddress))}</span>
        <span>${messages.updatesTo(isolate(order.maskedEmail))}</span>
      </p>
      ${order.shipments.map((shipment, index) =>
        this.#renderShipment(messages, format, order, shipment, index, order.shipments.length),
      )}
      ${
        unshipped.length > 0
          ? html`<section class="card" aria-labelledby="unshipped-heading">
              <h3 id="unshipped-heading">${order.shipments.length > 0 ? messages.notShippedYet : messages.items}</h3>
              ${this.#renderItems(messages, unshipped)}
            </section>`
          : nothing
      }
      ${
        order.returns.length > 0
          ? html`<section class="card" aria-labelledby="returns-heading">
              <h3 id="returns-heading">${messages.returns}</h3>
              <ul class="plain">
                ${order.returns.map(
                  (item) =>
                    html`<li>${item.rma}: ${messages.returnStatus[item.status]} (${format.date(item.createdAt)})</li>`,
                )}
              </ul>
            </section>`
          : nothing
      }
      ${this.#renderActions(messages, format, order)}
      <button class="link another" type="button" @click=${this.#onAnotherOrder}>${messages.anotherOrder}</button>
    </article>`;
  }

  #renderFreshness(messages: Messages, format: Formatters) {
    const state = this.kefu?.orders.current.value;
    if (!state?.updatedAt) return nothing;
    const updated = html`<span>${messages.updatedAgo(format.ago(this.now - state.updatedAt))}</span>`;
    if (state.status === 'loading') {
      return html`<p class="muted freshness" role="status">${updated} · ${messages.refreshing}</p>`;
    }
    if (state.status === 'error' && ['network', 'timeout', 'server'].includes(state.error.code)) {
      return html`<p class="muted freshness">${updated} · ${messages.refreshFailed}</p>`;
    }
    return html`<p class="muted freshness">${updated}</p>`;
  }

  #renderProgress(messages: Messages, order: Order) {
    const step = progressStep(order);
    if (step === undefined) return nothing;
    const problem = order.status === 'delivery_failed';
    return html`<ol part="progress" class="progress" aria-label=${messages.progress}>
      ${messages.steps.map((label, index) => {
        const done = index < step || (index === step && index === messages.steps.length - 1);
        const isCurrent = index === step;
        return html`<li
          class=${['step', done ? 'done' : '', isCurrent ? 'current' : '', isCurrent && problem ? 'problem' : ''].join(' ')}
          aria-current=${isCurrent ? 'step' : nothing}
        >
          <span class="dot" aria-hidden="true">${done ? '✓' : isCurrent && problem ? '!' : ''}</span>
          <span class="label">${label}</span>
          ${done ? html`<span class="visually-hidden">${messages.stepDone}</span>` : nothing}
        </li>`;
      })}
    </ol>`;
  }

  #renderShipment(
    messages: Messages,
    format: Formatters,
    order: Order,
    shipment: Shipment,
    index: number,
    count: number,
  ) {
    const id = `shipment-${index}`;
    const help = advice[shipment.status];
    const link = safeWebUrl(shipment.trackingUrl);
    const events = [...shipment.events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    return html`<section part="shipment" class="card shipment" aria-labelledby=${id}>
      <h3 id=${id}>${messages.parcel(index + 1, count)}</h3>
      <p class="shipment-status ${help ? 'problem' : ''}">
        <strong>${messages.shipmentStatus[shipment.status]}</strong>
      </p>
      ${help ? html`<p class="advice">${messages[help]}</p>` : nothing}
      <dl class="facts">
        <div>
          <dt>${messages.carrier}</dt>
          <dd>${shipment.carrier}</dd>
        </div>
        <div>
          <dt>${messages.trackingNumber}</dt>
          <dd class="tracking">
            <span class="tracking-number">${shipment.trackingNumber}</span>
            <button
              class="secondary copy"
              type="button"
              aria-label=${messages.copyLabel(shipment.trackingNumber)}
              @click=${() => void this.#copy(shipment.trackingNumber)}
            >
              ${messages.copy}
            </button>
          </dd>
        </div>
        ${
          shipment.estimatedDelivery && shipment.status !== 'delivered'
            ? html`<div>
                <dt>${messages.estimatedDelivery}</dt>
                <dd>${format.window(shipment.estimatedDelivery)}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${
        link
          ? html`<p>
              <a class="carrier-link" href=${link} target="_blank" rel="noopener noreferrer"
                >${messages.carrierLink(shipment.carrier)}<span class="visually-hidden"> ${messages.newTab}</span></a
              >
            </p>`
          : nothing
      }
      ${this.#renderItems(messages, itemsOfShipment(order, shipment))}
      <h4>${messages.history}</h4>
      <ol class="timeline">
        ${events.map(
          (event) =>
            html`<li class=${advice[event.status] ? 'problem' : ''}>
              <time datetime=${event.at}>${format.dateTime(event.at)}</time>
              <span class="event-description">${event.description}</span>
              ${event.location ? html`<span class="muted">${event.location}</span>` : nothing}
            </li>`,
        )}
      </ol>
    </section>`;
  }

  #renderItems(messages: Messages, lines: readonly ItemLine[]) {
    return html`<ul class="items">
      ${lines.map(
        ({ item, quantity }) =>
          html`<li>
            <span class="img"
              >${
                item.imageUrl
                  ? html`<img
                      src=${item.imageUrl}
                      alt=""
                      loading="lazy"
                      width="56"
                      height="56"
                      @error=${(event: Event) => (event.target as HTMLElement).classList.add('missing')}
                    />`
                  : nothing
              }</span
            >
            <span class="item-text">
              <span class="item-name">${item.name}</span>
              ${item.variant ? html`<span class="muted">${item.variant}</span>` : nothing}
              <span class="muted">${messages.quantity(quantity)}</span>
            </span>
          </li>`,
      )}
    </ul>`;
  }

  #renderActions(messages: Messages, format: Formatters, order: Order) {
    const returnable = order.items.some((item) => item.returnableQuantity > 0);
    const closed = order.items.find((item) => item.notReturnableReason === 'window_closed')?.returnDeadline;
    const notDelivered = !returnable && order.items.every((item) => item.notReturnableReason === 'not_delivered');
    return html`<section part="actions" class="actions" aria-labelledby="help-heading">
      <h3 id="help-heading">${messages.helpHeading}</h3>
      ${
        returnable
          ? html`<button class="primary" type="button" @click=${() => this.#go('returns', order)}>
              ${messages.startReturn}
            </button>`
          : nothing
      }
      ${!returnable && closed ? html`<p class="muted">${messages.returnsClosed(format.date(closed))}</p>` : nothing}
      ${notDelivered ? html`<p class="muted">${messages.returnsAfterDelivery}</p>` : nothing}
      <button class="secondary" type="button" @click=${() => this.#go('chat', order)}>${messages.chatAbout}</button>
      <button class="secondary" type="button" @click=${() => this.#go('callback', order)}>${messages.callAbout}</button>
    </section>`;
  }
}
