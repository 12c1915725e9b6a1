import { html, nothing } from 'lit';
import type { Availability, KefuClient, Order, OrderStatus } from '@kefu/core';
import type { KefuNavigateDetail } from '../../base/navigation.js';
import type { Catalogue } from '../../i18n/messages.js';
import { loadView } from './views.js';

type Go = (detail: KefuNavigateDetail) => void;

/**
 * The panel's first view: a search box (typing goes straight to the help centre's results), the
 * order the shopper looked up last, the things shoppers come for (chat or a call back, depending
 * on who is there, with the wait), and the conversation in progress.
 */
export function renderHome(client: KefuClient | undefined, messages: Catalogue, locale: string, go: Go) {
  return html`<p class="greeting">${messages.greeting}</p>
    ${renderSearch(messages, go)} ${client ? renderSurveyPrompt(client, messages, go) : nothing}
    ${client ? renderConversation(client, messages, go) : nothing}
    ${client ? renderLastOrder(client.orders.current.value.data, messages, locale, go) : nothing}
    <h3 class="section-title">${messages.quickActions}</h3>
    <ul class="actions" part="actions">
      <li><button type="button" @click=${() => go({ view: 'faq' })}>${messages.browseHelp}</button></li>
      <li><button type="button" @click=${() => go({ view: 'orders' })}>${messages.trackOrder}</button></li>
      <li><button type="button" @click=${() => go({ view: 'returns' })}>${messages.startReturn}</button></li>
      ${renderContactActions(client?.chat.availability.value.data, messages, locale, go)}
    </ul>`;
}

function renderSearch(messages: Catalogue, go: Go) {
  // The shopper keeps typing here while the help centre's code loads (the first time), and goes
  // there with everything typed so far: no keystroke lands in a box that is gone.
  const goWhenLoaded = async (input: HTMLInputElement) => {
    await loadView('faq');
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

function renderConversation(client: KefuClient, messages: Catalogue, go: Go) {
  const conversation = client.chat.conversation.value;
  if (!conversation || conversation.status === 'closed') return nothing;
  const last = client.chat.transcript.value.at(-1);
  return html`<h3 class="section-title">${messages.recentConversations}</h3>
    <button type="button" class="card conversation" @click=${() => go({ view: 'chat' })}>
      <span class="card-title"
        >${conversation.agentName ? format(messages.conversationWith, { name: conversation.agentName }) : messages.conversationWaiting}</span
      >
      ${last ? html`<span class="card-detail">${last.text}</span>` : nothing}
    </button>`;
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
      <span class="card-title">${format(messages.orderNumber, { number: order.number })}</span>
      <span class="card-detail">${messages[orderStatusKeys[order.status]]}</span>
    </button>`;
}

/**
 * Chat when someone can answer soon, with the wait; otherwise a call back comes first and chat
 * says when it opens. Never a dead end.
 */
function renderContactActions(availability: Availability | undefined, messages: Catalogue, locale: string, go: Go) {
  const chat = html`<li>
    <button type="button" @click=${() => go({ view: 'chat' })}>
      ${messages.chatWithUs}${availability ? html`<span class="hint">${chatHint(availability, messages, locale)}</span>` : nothing}
    </button>
  </li>`;
  const callback = html`<li>
    <button type="button" @click=${() => go({ view: 'callback' })}>${messages.callMeBack}</button>
  </li>`;
  return availability && !availability.open ? html`${callback}${chat}` : html`${chat}${callback}`;
}

function chatHint(availability: Availability, messages: Catalogue, locale: string): string {
  if (availability.open) {
    const minutes = Math.max(1, Math.round(availability.estimatedWaitSeconds / 60));
    return format(messages.chatWait, { minutes: new Intl.NumberFormat(locale).format(minutes) });
  }
  if (!availability.nextOpeningAt) return messages.chatClosed;
  const opening = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(
    new Date(availability.nextOpeningAt),
  );
  return format(messages.chatOpensAt, { time: opening });
}

/** Fills `{name}` placeholders. */
function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}
