import { html } from 'lit';
import type { KefuClient } from '@kefu/core';
import type { KefuNavigateDetail } from '../../base/navigation.js';
import type { Catalogue } from '../../i18n/messages.js';

interface HomeHost {
  readonly client?: KefuClient | undefined;
}

/**
 * The panel's first view: a search box (typing goes straight to the help centre's results) and
 * the things shoppers come for, one tap each.
 */
export function renderHome(_host: HomeHost, messages: Catalogue, go: (detail: KefuNavigateDetail) => void) {
  const search = (event: Event) => {
    const query = (event.target as HTMLInputElement).value;
    if (query.trim()) go({ view: 'faq', query });
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    go({ view: 'faq', query: input.value });
  };
  return html`<p class="greeting">${messages.greeting}</p>
    <form class="home-search" role="search" @submit=${submit}>
      <label for="home-q" class="visually-hidden">${messages.searchLabel}</label>
      <input
        id="home-q"
        name="q"
        type="search"
        autocomplete="off"
        placeholder=${messages.searchPlaceholder}
        @input=${search}
      />
    </form>
    <ul class="actions" part="actions">
      <li><button type="button" @click=${() => go({ view: 'faq' })}>${messages.browseHelp}</button></li>
      <li><button type="button" @click=${() => go({ view: 'orders' })}>${messages.trackOrder}</button></li>
      <li><button type="button" @click=${() => go({ view: 'returns' })}>${messages.startReturn}</button></li>
      <li><button type="button" @click=${() => go({ view: 'chat' })}>${messages.chatWithUs}</button></li>
      <li><button type="button" @click=${() => go({ view: 'callback' })}>${messages.callMeBack}</button></li>
    </ul>`;
}
