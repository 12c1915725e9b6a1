import { html, nothing } from 'lit';
import { signal, type Signal } from '@preact/signals-core';
import {
  matchLocale,
  type Availability,
  type ConversationSummary,
  type KefuClient,
  type Order,
  type OrderStatus,
} from '@kefu/core';
import type { KefuNavigateDetail } from '../../base/navigation.js';
import { fillIn, type Catalogue } from '../../i18n/messages.js';
import { loadView } from './views.js';
import { renderContactSection } from '../contact/contact-channels.js';
import { withNumber } from '../../i18n/with-number.js';
import { directionOf } from '../../i18n/localize.js';
import { languageOffer, nativeName } from '../../i18n/languages.js';

type Go = (detail: KefuNavigateDetail) => void;

/** How many recent conversations home shows; the rest are a tap away in the chat. */
const RECENT_SHOWN = 3;

/**
 * The panel's first view: a search box (typing goes straight to the help centre's results), the
 * recent conversations (a signed-in shopper's from any device, else the one on this device), the
 * order the shopper looked up last, and the things shoppers come for (chat or a call back,
 * depending on who is there, with the wait), then the store's e-mail and phone when it gave them.
 */
export function renderHome(client: KefuClient | undefined, messages: Catalogue, locale: string, go: Go) {
  return html`${client ? renderLanguageOffer(client, locale) : nothing}
    <p class="greeting">${messages.greeting}</p>
    ${renderSearch(messages, locale, go)} ${client ? renderSurveyPrompt(client, messages, go) : nothing}
    ${client ? renderRecentConversations(client, messages, locale, go) : nothing}
    ${client ? renderLastOrder(client.orders.current.value.data, messages, locale, go) : nothing}
    <h3 class="section-title">${messages.quickActions}</h3>
    <ul class="actions" part="actions">
      <li><button type="button" @click=${() => go({ view: 'faq' })}>${messages.browseHelp}</button></li>
      <li><button type="button" @click=${() => go({ view: 'orders' })}>${messages.trackOrder}</button></li>
      <li><button type="button" @click=${() => go({ view: 'returns' })}>${messages.startReturn}</button></li>
      ${renderContactActions(client?.chat.availability.value.data, messages, locale, go)}
    </ul>
    ${renderContactSection(client?.config.state.value.data, locale)}
    ${client ? renderLanguageSwitch(client, messages, locale) : nothing}`;
}

/**
 * The shopper's browser asks for a language the store writes and Kefu is speaking another (an
 * English page, a phone set to Chinese): one line, in that language, until they pick or decline.
 */
function renderLanguageOffer(client: KefuClient, current: string) {
  const { session } = client;
  if (session.chosenLocale.value || session.offerDismissed.value) return nothing;
  const offer = languageOffer(session.browserLanguages, client.config.state.value.data?.locales ?? [], current);
  if (!offer) return nothing;
  const { locale, words } = offer;
  return html`<p class="notice language-offer" lang=${locale} dir=${directionOf(locale)}>
    <span>${words.question}</span>
    <button type="button" class="accept" @click=${() => void session.chooseLocale(locale)}>${words.accept}</button>
    <button
      type="button"
      class="dismiss"
      aria-label=${words.dismiss}
      title=${words.dismiss}
      @click=${() => void session.dismissOffer()}
    >
      <span aria-hidden="true">×</span>
    </button>
  </p>`;
}

/**
 * The store's languages, each named in itself, as a native select: it is small, every screen
 * reader and phone knows it, and a phone shows its own picker. Picking one switches every Kefu
 * element on the page and is remembered (after intent, with consent).
 */
function renderLanguageSwitch(client: KefuClient, messages: Catalogue, current: string) {
  const locales = client.config.state.value.data?.locales ?? [];
  if (locales.length < 2) return nothing;
  const selected = matchLocale(current, locales) ?? current;
  const change = (event: Event) => void client.session.chooseLocale((event.target as HTMLSelectElement).value);
  // The panel may speak a language the store does not write in (its Arabic page, the help centre
  // in English): listed first, so the switch never claims another language is shown.
  return html`<p class="language">
    <label for="kefu-language">${messages.language}</label>
    <select id="kefu-language" @change=${change}>
      ${(locales.includes(selected) ? locales : [selected, ...locales]).map(
        (tag) => html`<option value=${tag} lang=${tag} .selected=${tag === selected}>${nativeName(tag)}</option>`,
      )}
    </select>
  </p>`;
}

function renderSearch(messages: Catalogue, locale: string, go: Go) {
  // The shopper keeps typing here while the help centre's code and strings load (the first time),
  // and goes there with everything typed so far: no keystroke lands in a box that is gone.
  const goWhenLoaded = async (input: HTMLInputElement) => {
    await loadView('faq', locale);
    if (input.isConnected) go({ view: 'faq', query: input.value });
  };
  const search = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.value.trim()) void goWhenLoaded(input);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void goWhenLoaded((event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement);
  };
  return html`<form class="home-search" role="search" @submit=${submit}>
    <label for="home-q" class="visually-hidden">${messages.searchLabel}</label>
    <input
      id="home-q"
      name="q"
      type="search"
      autocomplete="off"
      enterkeyhint="search"
      placeholder=${messages.searchPlaceholder}
      @input=${search}
    />
  </form>`;
}

/** A survey that is due (a return sent a while ago, say) waits here, never in the shopper's way. */
function renderSurveyPrompt(client: KefuClient, messages: Catalogue, go: Go) {
  const prompt = client.survey.prompt.value;
  if (!prompt) return nothing;
  return html`<button
    type="button"
    class="card survey-prompt"
    @click=${() => go({ view: 'survey', surveyKind: prompt.kind, surveySubject: prompt.subject })}
  >
    <span class="card-title">${messages.surveyPrompt}</span>
    <span class="card-detail">${messages.surveyPromptDetail}</span>
  </button>`;
}

/** Which conversation could not be opened, per client: home says so until the shopper tries again. */
const failedToOpen = new WeakMap<KefuClient, Signal<string | undefined>>();

function failureOf(client: KefuClient): Signal<string | undefined> {
  let failed = failedToOpen.get(client);
  if (!failed) {
    failed = signal<string | undefined>(undefined);
    failedToOpen.set(client, failed);
  }
  return failed;
}

/**
 * Up to three conversations, newest first, each with where it stands and its last words; one tap
 * opens it in the chat (on a device that never saw it, with the shopper's identity).
 */
function renderRecentConversations(client: KefuClient, messages: Catalogue, locale: string, go: Go) {
  const recent = client.chat.recent.value.slice(0, RECENT_SHOWN);
  if (recent.length === 0) return nothing;
  const failed = failureOf(client);
  const open = async (conversation: ConversationSummary) => {
    failed.value = undefined;
    const resumed = await client.chat.resume(conversation.id);
    if (resumed.ok) go({ view: 'chat' });
    else failed.value = conversation.id;
  };
  return html`<h3 class="section-title">${messages.recentConversations}</h3>
    ${failed.value ? html`<p class="notice" role="alert">${messages.conversationUnavailable}</p>` : nothing}
    <ul class="conversations">
      ${recent.map(
        (conversation) =>
          html`<li>
            <button type="button" class="card conversation" @click=${() => void open(conversation)}>
              <span class="card-title"
                >${conversationStatus(conversation, messages)}${
                  conversation.unread > 0
                    ? html` <span class="unread"
                        >${fillIn(messages.unreadCount, { count: new Intl.NumberFormat(locale).format(conversation.unread) })}</span
                      >`
                    : nothing
                }</span
              >
              <span class="card-detail">${conversationPreview(conversation, messages)}</span>
            </button>
          </li>`,
      )}
    </ul>`;
}

function conversationStatus(conversation: ConversationSummary, messages: Catalogue): string {
  if (conversation.status === 'closed') return messages.conversationEnded;
  if (conversation.agentName) return fillIn(messages.conversationWith, { name: conversation.agentName });
  return conversation.status === 'queued' ? messages.conversationWaiting : messages.conversationOpen;
}

/** The last message's words; a file sent without words says so; before any message, the topic. */
function conversationPreview(conversation: ConversationSummary, messages: Catalogue): string {
  const last = conversation.lastMessage;
  if (!last) return conversation.topic;
  if (last.text) return last.text;
  return last.attachmentCount > 0 ? messages.conversationFile : conversation.topic;
}

const orderStatusKeys: Record<OrderStatus, keyof Catalogue> = {
  processing: 'orderProcessing',
  partially_shipped: 'orderPartiallyShipped',
  shipped: 'orderShipped',
  out_for_delivery: 'orderOutForDelivery',
  delivered: 'orderDelivered',
  cancelled: 'orderCancelled',
  delivery_failed: 'orderDeliveryFailed',
};

function renderLastOrder(order: Order | undefined, messages: Catalogue, _locale: string, go: Go) {
  if (!order) return nothing;
  return html`<h3 class="section-title">${messages.lastOrder}</h3>
    <button type="button" class="card order" @click=${() => go({ view: 'orders', orderNumber: order.number })}>
      <span class="card-title">${withNumber((number) => fillIn(messages.orderNumber, { number }), order.number)}</span>
      <span class="card-detail">${messages[orderStatusKeys[order.status]]}</span>
    </button>`;
}

/**
 * Chat when someone can answer soon, with the wait; otherwise (closed, or nobody online) a call
 * back comes first and chat says when it opens. Never a dead end.
 */
function renderContactActions(availability: Availability | undefined, messages: Catalogue, locale: string, go: Go) {
  const hint = availability ? chatHint(availability, messages, locale) : undefined;
  const chat = html`<li>
    <button type="button" @click=${() => go({ view: 'chat' })}>
      ${messages.chatWithUs}${hint ? html`<span class="hint">${hint}</span>` : nothing}
    </button>
  </li>`;
  const callback = html`<li>
    <button type="button" @click=${() => go({ view: 'callback' })}>${messages.callMeBack}</button>
  </li>`;
  const nobodyThere = availability && (!availability.open || availability.agentsOnline === 0);
  return nobodyThere ? html`${callback}${chat}` : html`${chat}${callback}`;
}

/**
 * The wait when someone is online. With nobody online — chat kept open around the clock, or inside
 * business hours before an agent signs in (closed, with no next opening: it is open hours) — no
 * wait can be promised and chat is not "closed", so no hint; the chat view says what happens.
 */
function chatHint(availability: Availability, messages: Catalogue, locale: string): string | undefined {
  if (availability.agentsOnline === 0 && (availability.open || !availability.nextOpeningAt)) return undefined;
  if (availability.open) {
    const minutes = Math.max(1, Math.round(availability.estimatedWaitSeconds / 60));
    return messages.chatWait(minutes);
  }
  if (!availability.nextOpeningAt) return messages.chatClosed;
  const opening = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(
    new Date(availability.nextOpeningAt),
  );
  return fillIn(messages.chatOpensAt, { time: opening });
}
