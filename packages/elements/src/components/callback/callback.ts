import { html, LitElement, nothing } from 'lit';
import type { CallbackInput, CallbackRecord, CallbackSlot, KefuClient, OutboxItem } from '@kefu/core';
import { callbackCalendar } from '@kefu/core/domain';
import type { CountryCode, PhoneCheck } from '@kefu/core/phone';
import { KefuElement } from '../../base/kefu-element.js';
import { field, fieldError, fieldId } from '../../forms/field.js';
import { controls, tokens } from '../../styles/tokens.styles.js';
import { browserTimeZone, groupSlotsByDay, labelSlot, type SlotDay, type SlotLabel } from './callback-slots.js';
import { zoneNames } from '../contact/contact-channels.js';
import { callbackMessages, type CallbackMessages } from './callback.messages.js';
import { loadPhoneNumbers, phoneNumbers, type PhoneNumbers } from './phone-numbers.js';
import { callbackStyles } from './callback.styles.js';
import { withNumber } from '../../i18n/with-number.js';

// The server's limit (CallbackInput.name)
const NAME_MAX = 200;

type Field = 'name' | 'phone' | 'slot' | 'consent';
type FieldErrors = Partial<Record<Field, string>>;

/** The fields of the form, kept as typed so that nothing is lost when something goes wrong. */
interface Draft {
  name: string;
  country: CountryCode | undefined;
  phone: string;
  slot: string | undefined;
  dayKey: string | undefined;
  topic: string;
  consent: boolean;
}

const countryListCache = new Map<string, readonly { code: CountryCode; label: string }[]>();

/** Every country with its calling code, named and sorted in the shopper's language. */
function countryOptions(phone: PhoneNumbers, locale: string): readonly { code: CountryCode; label: string }[] {
  let list = countryListCache.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    list = phone
      .phoneCountries()
      .map((code) => ({ code, label: `${names.of(code) ?? code} (${phone.callingCodeOf(code)})` }))
      .sort((a, b) => collator.compare(a.label, b.label));
    countryListCache.set(locale, list);
  }
  return list;
}

function countryName(code: CountryCode, locale: string): string {
  return new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' }).of(code) ?? code;
}

function phoneMessage(check: PhoneCheck, country: CountryCode, locale: string, messages: CallbackMessages) {
  if (check.ok) return undefined;
  const name = countryName(country, locale);
  switch (check.problem) {
    case 'empty':
      return messages.phoneEmpty;
    case 'too_short':
      return messages.phoneTooShort(name);
    case 'too_long':
      return messages.phoneTooLong(name);
    default:
      return messages.phoneInvalid(name);
  }
}

/** The request the outbox sent, or undefined while it waits. */
function recordOf(item: OutboxItem<'callback'> | undefined): CallbackRecord | undefined {
  return item?.status === 'sent' ? (item.result as CallbackRecord | undefined) : undefined;
}

/**
 * Requests a call back at a time the shopper picks, in their own timezone: a phone number checked
 * for its country and sent in E.164, free slots inside the store's business hours (with the store's
 * time beside the shopper's when they differ), consent, and a request that survives being offline.
 * The confirmation offers an `.ics` file for the shopper's calendar and a way to cancel.
 *
 * @summary Requests a call back at a time the shopper picks, in their own timezone.
 * @tag kefu-callback
 *
 * @event kefu-callback-requested - The request is saved (sent now, or once back online). `detail`: `{ submissionId, slot }`.
 * @event kefu-callback-cancelled - The store confirmed a cancellation. `detail`: `{ callbackId }`.
 *
 * @csspart form - The request form.
 * @csspart slots - The list of free times of the chosen day.
 * @csspart submit - The submit button.
 * @csspart confirmation - The confirmation (booked, saved offline, or cancelled).
 * @csspart calendar-link - The "add to calendar" link.
 *
 * @cssprop --kefu-brand-color - Buttons and the chosen time.
 * @cssprop --kefu-radius - Corner radius of fields and buttons.
 */
export class KefuCallback extends KefuElement {
  static override styles = [tokens, controls, callbackStyles];
  static override catalogues = callbackMessages;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    orderNumber: { attribute: 'order-number' },
    topic: {},
    defaultCountry: { attribute: 'default-country' },
    timeZone: { attribute: 'time-zone' },
  };

  /** An order the call is about (from the order tracker); sent with the request. */
  orderNumber?: string;

  /** A topic to start the form with (from the chat, the order tracker). */
  topic?: string;

  /** The phone country when the locale has no region and its language none usual (ISO 3166-1, e.g. "FR"). */
  defaultCountry?: string;

  /** The shopper's IANA timezone; defaults to the browser's. Times are shown, and sent, in it. */
  timeZone?: string;

  #draft: Draft = {
    name: '',
    country: undefined,
    phone: '',
    slot: undefined,
    dayKey: undefined,
    topic: '',
    consent: false,
  };
  #errors: FieldErrors = {};
  #formError: string | undefined;
  /** The request on show: the one made here, or the latest one on this device. */
  #submissionId: string | undefined;
  /** The shopper chose to book another call: show the form, whatever the last request. */
  #wantsForm = false;
  /** A failed request whose data the form shows; submitting replaces it. */
  #restoredFrom: string | undefined;
  #cancelledId: string | undefined;
  #cancelling = false;
  #calendar: { id: string; url: string } | undefined;
  #loadedFor: KefuClient | undefined;
  /** The phone numbers' chunk could not be fetched (offline before it came): the form cannot show. */
  #phoneNumbersFailed = false;
  /** The shopper typed in the name field: not prefilled again. */
  #nameTyped = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // A topic handed over (from the chat, an order) starts the form, unless the shopper wrote one.
    if (changed.has('topic') && this.topic && !this.#draft.topic.trim()) this.#draft.topic = this.topic;
    // The name the shopper gave a chat or a callback, or their identity token's.
    if (!this.#draft.name && !this.#nameTyped) this.#draft.name = this.kefu?.chat.contact.value.name ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The phone numbers come when a form is on the page, not when this module is evaluated (an app
    // imports it with its wrappers, the widget with its features): see phone-numbers.ts.
    if (!phoneNumbers()) this.#waitForPhoneNumbers();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#revokeCalendar();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const kefu = this.kefu;
    if (kefu && kefu !== this.#loadedFor) {
      this.#loadedFor = kefu;
      void this.#loadSlots(kefu);
    }
  }

  async #loadSlots(kefu: KefuClient): Promise<void> {
    await kefu.config.load();
    const days = kefu.config.state.value.data?.callbacks.daysAhead ?? 7;
    await kefu.callback.loadSlots({ days });
  }

  get #zone(): string {
    return this.timeZone || browserTimeZone();
  }

  /** Only the form and what it does use this, and the form shows once the phone numbers are here. */
  get #phone(): PhoneNumbers {
    const phone = phoneNumbers();
    if (!phone) throw new Error('Kefu: the phone numbers are not loaded yet');
    return phone;
  }

  /**
   * The country the phone field starts on (the shopper may pick another): the shipping country of
   * the order the shopper looked up, else the page locale's region ("ar-EG" → EG), else the
   * country most speakers of its language call from, else `default-country`.
   */
  get #country(): CountryCode {
    return (
      this.#draft.country ??
      this.#orderCountry ??
      this.#phone.defaultPhoneCountry(this.resolvedLocale, this.defaultCountry)
    );
  }

  /** The looked-up order's shipping country, when the request is about that order (or none in particular). */
  get #orderCountry(): CountryCode | undefined {
    const order = this.kefu?.orders.current.value.data;
    if (!order || (this.orderNumber && order.number !== this.orderNumber)) return undefined;
    const code = order.shippingCountry?.toUpperCase();
    return this.#phone.isPhoneCountry(code) ? code : undefined;
  }

  #waitForPhoneNumbers(): void {
    this.#phoneNumbersFailed = false;
    loadPhoneNumbers().then(
      () => this.requestUpdate(),
      () => {
        this.#phoneNumbersFailed = true;
        this.requestUpdate();
      },
    );
  }

  /** The request to show: the one this element made, else the latest that still matters. */
  #current(kefu: KefuClient): OutboxItem<'callback'> | undefined {
    const items = kefu.callback.submissions.value;
    if (this.#submissionId) return items.find((item) => item.id === this.#submissionId);
    if (this.#wantsForm) return undefined;
    const now = Date.now();
    return [...items].reverse().find((item) => {
      const record = recordOf(item);
      return record ? record.status === 'scheduled' && Date.parse(record.slot.end) > now : true;
    });
  }

  /** A failed request comes back into the form as it was typed, with the reason it failed. */
  #restore(item: OutboxItem<'callback'>, messages: CallbackMessages): void {
    if (this.#restoredFrom === item.id || !item.payload) return;
    this.#restoredFrom = item.id;
    const { payload, error } = item;
    const sent = this.#phone.checkPhone(payload.phone, this.#country);
    this.#draft = {
      ...this.#draft,
      name: payload.name,
      phone: payload.phone,
      country: this.#draft.country ?? (sent.ok ? sent.country : undefined),
      slot: error?.serverCode === 'slot_taken' ? undefined : payload.slot,
      topic: payload.topic,
      consent: payload.consent,
    };
    const fields = error?.fields ?? {};
    this.#errors = {
      ...(fields['name'] ? { name: this.#nameError(payload.name, messages) ?? fields['name'] } : {}),
      ...(fields['phone'] ? { phone: messages.phoneInvalid(countryName(this.#country, this.resolvedLocale)) } : {}),
      ...(fields['consent'] ? { consent: messages.consentMissing } : {}),
      ...(error?.serverCode === 'slot_taken' || fields['slot'] ? { slot: messages.slotTaken } : {}),
    };
    this.#formError = Object.keys(this.#errors).length > 0 ? undefined : messages.sendFailed;
  }

  readonly #onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const messages = this.localize(callbackMessages);
    switch (target.name) {
      case 'name':
        this.#draft.name = target.value;
        this.#nameTyped = true;
        if (this.#errors.name) this.#errors = { ...this.#errors, name: this.#nameError(target.value, messages) };
        break;
      case 'country':
        this.#draft.country = this.#phone.isPhoneCountry(target.value) ? target.value : undefined;
        if (this.#draft.phone.trim()) this.#checkPhoneField(messages);
        break;
      case 'phone':
        this.#draft.phone = target.value;
        // Once a message shows, it follows the typing, so it goes away as soon as the number is right.
        if (this.#errors.phone) this.#checkPhoneField(messages);
        break;
      case 'topic':
        this.#draft.topic = target.value;
        break;
      case 'consent':
        this.#draft.consent = (target as HTMLInputElement).checked;
        if (this.#draft.consent) this.#errors = { ...this.#errors, consent: undefined };
        break;
      case 'day':
        this.#draft.dayKey = target.value;
        break;
      case 'slot':
        this.#chooseSlot(target.value);
        break;
    }
    this.requestUpdate();
  };

  readonly #onPhoneChange = () => {
    if (this.#draft.phone.trim()) this.#checkPhoneField(this.localize(callbackMessages));
    this.requestUpdate();
  };

  #checkPhoneField(messages: CallbackMessages): PhoneCheck {
    const check = this.#phone.checkPhone(this.#draft.phone, this.#country);
    this.#errors = { ...this.#errors, phone: phoneMessage(check, this.#country, this.resolvedLocale, messages) };
    return check;
  }

  #nameError(name: string, messages: CallbackMessages) {
    const length = name.trim().length;
    return !length ? messages.nameMissing : length > NAME_MAX ? messages.nameTooLong(NAME_MAX) : undefined;
  }

  #chooseSlot(start: string, dayKey?: string): void {
    this.#draft.slot = start;
    if (dayKey) this.#draft.dayKey = dayKey;
    this.#errors = { ...this.#errors, slot: undefined };
    this.requestUpdate();
  }

  readonly #onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const kefu = this.kefu;
    if (!kefu) return;
    const messages = this.localize(callbackMessages);
    const draft = this.#draft;
    const phone = this.#checkPhoneField(messages);
    const slots = kefu.callback.slots.value.data ?? [];
    const slotFree = slots.some((slot) => slot.start === draft.slot);
    const nameError = this.#nameError(draft.name, messages);
    this.#errors = {
      ...(nameError ? { name: nameError } : {}),
      ...(this.#errors.phone ? { phone: this.#errors.phone } : {}),
      ...(draft.slot && slotFree ? {} : { slot: this.#errors.slot ?? messages.slotMissing }),
      ...(draft.consent ? {} : { consent: messages.consentMissing }),
    };
    this.#formError = undefined;
    if (!phone.ok || Object.keys(this.#errors).length > 0 || !draft.slot) {
      this.requestUpdate();
      await this.updateComplete;
      this.#focusFirstInvalid();
      return;
    }
    const input: CallbackInput = {
      name: draft.name.trim(),
      phone: phone.e164,
      slot: draft.slot,
      timezone: this.#zone,
      topic: draft.topic.trim(),
      ...(this.orderNumber ? { orderNumber: this.orderNumber } : {}),
      consent: true,
    };
    const replaces = this.#restoredFrom;
    const item = await kefu.callback.request(input, replaces ? { replaces } : {});
    if (!item) return;
    this.#submissionId = item.id;
    this.#wantsForm = false;
    this.dispatchEvent(
      new CustomEvent('kefu-callback-requested', {
        bubbles: true,
        composed: true,
        detail: { submissionId: item.id, slot: input.slot },
      }),
    );
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  };

  #focusFirstInvalid(): void {
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  readonly #onCancel = async (record: CallbackRecord, submissionId: string) => {
    const kefu = this.kefu;
    if (!kefu || this.#cancelling) return;
    this.#cancelling = true;
    this.requestUpdate();
    const cancelled = await kefu.callback.cancel(record.id, record.cancelToken, submissionId);
    this.#cancelling = false;
    if (cancelled) {
      this.#cancelledId = record.id;
      this.#submissionId = undefined;
      this.#wantsForm = false;
      this.dispatchEvent(
        new CustomEvent('kefu-callback-cancelled', {
          bubbles: true,
          composed: true,
          detail: { callbackId: record.id },
        }),
      );
    }
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  };

  readonly #onBookAnother = async () => {
    this.#submissionId = undefined;
    this.#cancelledId = undefined;
    this.#restoredFrom = undefined;
    this.#wantsForm = true;
    this.#draft = { ...this.#draft, slot: undefined, consent: false };
    this.#errors = {};
    const kefu = this.kefu;
    if (kefu) void kefu.callback.loadSlots();
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input, select')?.focus();
  };

  #calendarUrl(record: CallbackRecord, messages: CallbackMessages, storeName: string): string {
    if (this.#calendar?.id === record.id) return this.#calendar.url;
    this.#revokeCalendar();
    const text = callbackCalendar({
      uid: `${record.id}@kefu`,
      start: record.slot.start,
      end: record.slot.end,
      summary: messages.calendarSummary(storeName),
      ...(this.#draft.topic.trim() ? { description: messages.calendarDescription(this.#draft.topic.trim()) } : {}),
      stamp: Date.parse(record.createdAt) || Date.now(),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    this.#calendar = { id: record.id, url };
    return url;
  }

  #revokeCalendar(): void {
    if (this.#calendar) URL.revokeObjectURL(this.#calendar.url);
    this.#calendar = undefined;
  }

  #slotText(slot: Pick<CallbackSlot, 'start' | 'end'>, storeZone: string | undefined, messages: CallbackMessages) {
    const label = labelSlot(slot, this.resolvedLocale, this.#zone, storeZone);
    return { label, text: this.#timeText(label, storeZone, messages) };
  }

  /** "10:00–10:30 your time · 16:00 in Paris", or just the time when both clocks agree. */
  #timeText(label: SlotLabel, storeZone: string | undefined, messages: CallbackMessages): string {
    if (!label.storeTime || !storeZone) return label.time;
    return `${label.time} ${messages.yourTime} · ${messages.storeTime(label.storeTime, zoneNames(storeZone, this.resolvedLocale))}`;
  }

  #renderSlots(kefu: KefuClient, messages: CallbackMessages, storeZone: string | undefined) {
    const state = kefu.callback.slots.value;
    const slots = state.data ?? [];
    const error = this.#errors.slot;
    if (state.status === 'error' && slots.length === 0) {
      return html`<fieldset class="slots">
        <legend>${messages.slotLegend}</legend>
        <p class="error" role="alert">${messages.slotsFailed}</p>
        <button type="button" class="secondary" @click=${() => void kefu.callback.loadSlots()}>
          ${messages.tryAgain}
        </button>
      </fieldset>`;
    }
    if (slots.length === 0) {
      return html`<fieldset class="slots">
        <legend>${messages.slotLegend}</legend>
        <p role="status">${state.status === 'ready' ? messages.noSlots : messages.slotsLoading}</p>
      </fieldset>`;
    }
    const days: SlotDay[] = groupSlotsByDay(slots, this.resolvedLocale, this.#zone, storeZone);
    const chosen = slots.find((slot) => slot.start === this.#draft.slot);
    const chosenDay = chosen ? labelSlot(chosen, this.resolvedLocale, this.#zone, storeZone).dayKey : undefined;
    const dayKey = days.some((day) => day.key === this.#draft.dayKey)
      ? this.#draft.dayKey
      : (chosenDay ?? days[0]?.key);
    const firstDay = days[0];
    const first = firstDay?.slots[0];
    const day = days.find((candidate) => candidate.key === dayKey) ?? firstDay;
    // groupSlotsByDay makes a day only for a slot, and there is at least one slot here.
    if (!firstDay || !first || !day) return nothing;
    return html`<fieldset class="slots" aria-describedby=${error ? `${fieldId('slot')}-error zone-note` : 'zone-note'}>
      <legend>${messages.slotLegend}</legend>
      <p class="hint" id="zone-note">${messages.yourTimeZone(zoneNames(this.#zone, this.resolvedLocale))}</p>
      ${fieldError('slot', error)}
      <button
        type="button"
        class="next"
        aria-pressed=${String(this.#draft.slot === first.start)}
        @click=${() => this.#chooseSlot(first.start, firstDay.key)}
      >
        ${messages.nextAvailable(firstDay.label, this.#timeText(first, storeZone, messages))}
      </button>
      ${field(
        { key: 'day', label: messages.dayLabel },
        (wiring) =>
          html`<select id=${wiring.id} name="day" .value=${day.key} @change=${this.#onInput}>
            ${days.map((option) => html`<option value=${option.key} ?selected=${option.key === day.key}>${option.label}</option>`)}
          </select>`,
      )}
      <div class="times" role="radiogroup" aria-label=${day.label} part="slots">
        ${day.slots.map(
          (slot) =>
            html`<label class="time">
              <input
                type="radio"
                name="slot"
                .value=${slot.start}
                .checked=${this.#draft.slot === slot.start}
                aria-invalid=${error ? 'true' : 'false'}
                @change=${this.#onInput}
              />
              <span class="time-text"
                ><strong>${slot.time}</strong> ${
                  slot.storeTime && storeZone
                    ? html`<span class="store-time"
                        >${messages.yourTime} ·
                        ${messages.storeTime(slot.storeTime, zoneNames(storeZone, this.resolvedLocale))}</span
                      >`
                    : nothing
                }</span
              >
            </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #renderForm(kefu: KefuClient, messages: CallbackMessages, storeZone: string | undefined) {
    const draft = this.#draft;
    const country = this.#country;
    const phoneCheck =
      draft.phone.trim() && !this.#errors.phone ? this.#phone.checkPhone(draft.phone, country) : undefined;
    const errors = this.#errors;
    return html`<p class="intro">${messages.intro}</p>
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${this.#formError ? html`<p class="alert" role="alert">${this.#formError}</p>` : nothing}
        ${field(
          { key: 'name', label: messages.nameLabel, error: errors.name },
          (wiring) =>
            html`<input
              id=${wiring.id}
              name="name"
              autocomplete="name"
              required
              .value=${draft.name}
              aria-invalid=${wiring.invalid}
              aria-describedby=${wiring.describedBy}
              @input=${this.#onInput}
            />`,
        )}
        <div class="phone">
          ${field(
            { key: 'country', label: messages.countryLabel },
            (wiring) =>
              html`<select id=${wiring.id} name="country" autocomplete="tel-country-code" @change=${this.#onInput}>
                ${countryOptions(this.#phone, this.resolvedLocale).map(
                  (option) =>
                    html`<option value=${option.code} ?selected=${option.code === country}>${option.label}</option>`,
                )}
              </select>`,
          )}
          ${field(
            {
              key: 'phone',
              label: messages.phoneLabel,
              hint: phoneCheck?.ok ? messages.phoneWillCall(phoneCheck.international) : messages.phoneHint,
              error: errors.phone,
            },
            (wiring) =>
              html`<input
                id=${wiring.id}
                name="phone"
                type="tel"
                inputmode="tel"
                autocomplete="tel-national"
                required
                .value=${draft.phone}
                aria-invalid=${wiring.invalid}
                aria-describedby=${wiring.describedBy}
                @input=${this.#onInput}
                @change=${this.#onPhoneChange}
              />`,
          )}
        </div>
        ${this.#renderSlots(kefu, messages, storeZone)}
        ${field(
          { key: 'topic', label: messages.topicLabel },
          (wiring) =>
            html`<textarea
              id=${wiring.id}
              name="topic"
              rows="2"
              maxlength="1000"
              .value=${draft.topic}
              @input=${this.#onInput}
            ></textarea>`,
        )}
        ${this.orderNumber ? html`<p class="hint">${withNumber(messages.orderNote, this.orderNumber)}</p>` : nothing}
        <div class="field">
          ${fieldError('consent', errors.consent)}
          <label class="consent">
            <input
              id=${fieldId('consent')}
              type="checkbox"
              name="consent"
              required
              .checked=${draft.consent}
              aria-invalid=${errors.consent ? 'true' : 'false'}
              aria-describedby=${errors.consent ? `${fieldId('consent')}-error` : nothing}
              @change=${this.#onInput}
            />
            <span>${messages.consentLabel}</span>
          </label>
        </div>
        <button type="submit" class="primary" part="submit">${messages.submit}</button>
      </form>`;
  }

  #renderPending(kefu: KefuClient, item: OutboxItem<'callback'>, messages: CallbackMessages, storeZone?: string) {
    const start = item.payload?.slot;
    const minutes = kefu.config.state.value.data?.callbacks.slotMinutes ?? 30;
    const slot = start ? { start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString() } : undefined;
    const online = kefu.connectivity.online.value;
    const when = slot ? this.#slotText(slot, storeZone, messages) : undefined;
    return html`<div class="confirmation" part="confirmation">
      <p role="status" tabindex="-1" data-focus>
        ${!online ? messages.savedOffline : item.attempts ? messages.savedRetrying : messages.sending}
      </p>
      ${when ? html`<p>${when.label.day}, ${when.text}</p>` : nothing}
    </div>`;
  }

  #renderBooked(item: OutboxItem<'callback'>, record: CallbackRecord, messages: CallbackMessages, storeZone?: string) {
    const { label, text } = this.#slotText(record.slot, storeZone, messages);
    const storeName = this.kefu?.config.state.value.data?.brand.name ?? messages.storeFallbackName;
    const cancelError = this.kefu?.callback.cancellation.value.status === 'error' && !this.#cancelling;
    return html`<div class="confirmation" part="confirmation">
      <h3 tabindex="-1" data-focus>${messages.confirmedTitle}</h3>
      <p role="status">${messages.confirmedSlot(label.day, text)}</p>
      <div class="actions">
        <a
          class="button secondary"
          part="calendar-link"
          href=${this.#calendarUrl(record, messages, storeName)}
          download="callback.ics"
          >${messages.addToCalendar}</a
        >
        <button
          type="button"
          class="secondary"
          ?disabled=${this.#cancelling}
          @click=${() => void this.#onCancel(record, item.id)}
        >
          ${this.#cancelling ? messages.cancelling : messages.cancel}
        </button>
      </div>
      ${cancelError ? html`<p class="error" role="alert">${messages.cancelFailed}</p>` : nothing}
      <button type="button" class="link" @click=${this.#onBookAnother}>${messages.bookAnother}</button>
    </div>`;
  }

  #renderCancelled(messages: CallbackMessages) {
    return html`<div class="confirmation" part="confirmation">
      <h3 tabindex="-1" data-focus>${messages.cancelledTitle}</h3>
      <p role="status">${messages.cancelledText}</p>
      <button type="button" class="secondary" @click=${this.#onBookAnother}>${messages.bookAnother}</button>
    </div>`;
  }

  #renderPhoneNumbersWait(messages: CallbackMessages) {
    return this.#phoneNumbersFailed
      ? html`<p class="error" role="alert">${messages.formFailed}</p>`
      : html`<p role="status">${messages.formLoading}</p>`;
  }

  #renderBody(kefu: KefuClient, messages: CallbackMessages) {
    const storeZone = kefu.config.state.value.data?.businessHours.timezone;
    if (this.#cancelledId && kefu.callback.cancellation.value.data?.id === this.#cancelledId) {
      return this.#renderCancelled(messages);
    }
    const current = this.#current(kefu);
    if (current?.status === 'pending') return this.#renderPending(kefu, current, messages, storeZone);
    const record = recordOf(current);
    if (current && record) return this.#renderBooked(current, record, messages, storeZone);
    if (!phoneNumbers()) return this.#renderPhoneNumbersWait(messages);
    if (current?.status === 'failed') this.#restore(current, messages);
    return this.#renderForm(kefu, messages, storeZone);
  }

  override render() {
    const messages = this.localize(callbackMessages);
    const kefu = this.kefu;
    return html`<h2>${messages.title}</h2>
      ${kefu ? this.#renderBody(kefu, messages) : nothing}`;
  }
}
