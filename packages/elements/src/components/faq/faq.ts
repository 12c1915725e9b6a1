import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  markMatches,
  plainText,
  primaryLanguage,
  snippetOf,
  type Article,
  type FaqSearchHit,
  type KefuClient,
} from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { directionOf } from '../../i18n/localize.js';
import { featureBase, tokens } from '../../styles/tokens.styles.js';
import { faqMessages, type FaqMessages } from './faq.messages.js';
import { faqStyles } from './faq.styles.js';
import { renderArticleBody } from './article-body.js';
import { contactItems } from '../contact/contact-channels.js';

const RESULT_LIMIT = 20;
const SERVER_SEARCH_DELAY_MS = 250;

/** Matched words as Lit templates: `<mark>` around the matches, text bindings everywhere (no HTML). */
function highlighted(text: string, terms: readonly string[]): TemplateResult {
  return html`${markMatches(text, terms).map((piece) =>
    piece.match ? html`<mark part="match">${piece.text}</mark>` : piece.text,
  )}`;
}

/**
 * Searches the help centre as the shopper types, offline too, in Chinese and English, and shows
 * articles safely. With an empty search box it offers the articles suggested for the page and the
 * categories; when nothing matches, chat, a call back or other contacts.
 *
 * The search box is a combobox over a listbox of results (ARIA APG): ↓/↑ move through the results,
 * Enter opens one, Escape clears the box (an empty box lets Escape through, so the widget closes).
 *
 * @summary Searches the help centre as the shopper types, offline too, and shows articles.
 * @tag kefu-faq
 *
 * @event kefu-navigate - Asks the widget or loader for another view: chat or a call back when nothing
 *   matched, chat with `articleId` after "this did not help". Cancelable; `detail` is `{ view, articleId? }`.
 * @event kefu-article-open - An article was opened. `detail`: `{ articleId }`.
 * @event kefu-article-feedback - The shopper said whether an article helped (queued in the outbox).
 *   `detail`: `{ articleId, helpful }`.
 *
 * @csspart heading - The "Help centre" heading.
 * @csspart search - The search box.
 * @csspart results - The list of results.
 * @csspart result - One result.
 * @csspart match - A highlighted match in a result's title or snippet.
 * @csspart article - The article view.
 * @csspart body - The article's sanitized body.
 * @csspart feedback - "Was this helpful?".
 *
 * @cssprop --kefu-brand-color - Buttons and links.
 * @cssprop --kefu-match-color - Background of highlighted matches.
 */
export class KefuFaq extends KefuElement {
  static override styles = [tokens, featureBase, faqStyles];
  static override catalogues = faqMessages;
  static override shadowRootOptions = { ...KefuElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    active: { attribute: false },
    category: { attribute: false },
    openedId: { attribute: false },
    helpful: { attribute: false },
    serverHits: { attribute: false },
    query: {},
    articleId: { attribute: 'article-id' },
  };

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#q');
  }

  /** The highlighted result (-1: none, focus stays on typing). */
  private active = -1;
  private category?: string;
  private openedId?: string;
  /** The shopper's answer to "Was this helpful?" about the open article. */
  private helpful?: boolean;
  /** The server's extra results for the query (large help centres only). */
  private serverHits: readonly FaqSearchHit[] = [];

  /** A query to search for when the element opens (the widget's home search box sets it). */
  query = '';

  /** An article to show when the element opens. */
  articleId?: string;

  #serverSearch?: AbortController;
  readonly #bodyShown = new WeakMap<HTMLElement, string>();
  #caretToEnd = false;

  constructor() {
    super();
    // Before the shopper's first interaction Kefu may not read IndexedDB: a standalone element that
    // found nothing offline looks again once the shopper touches it.
    this.addEventListener('focusin', () => {
      const client = this.kefu;
      if (!client || client.faq.articles.peek().data?.length) return;
      void client.activate().then(() => client.faq.sync());
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#prepare();
  }

  /** The client it was prepared for: a client set (or shared) later is prepared too. */
  #preparedFor?: KefuClient;

  #prepare(): void {
    const client = this.kefu;
    const faq = client?.faq;
    if (!faq || client === this.#preparedFor) return;
    this.#preparedFor = client;
    if (faq.articles.peek().status === 'idle') void faq.sync();
    // The store imports the search engine (our index and tokenizer) as a chunk of its own, at once:
    // it is in neither the widget shell nor the features' chunk, and is shared with the chat's suggestions.
    void faq.loadIndex();
    if (this.kefu?.config.state.peek().status === 'idle') void this.kefu.config.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.isConnected) this.#prepare();
    if (changed.has('query')) {
      this.active = -1;
      this.category = undefined;
      this.#caretToEnd = true;
      this.#askServer(this.query);
    }
    if (changed.has('articleId')) this.#open(this.articleId, false);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#moveCaretToEnd();
    this.#fillBody();
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** The open article's body, sanitized (article-body.ts), written once per article into its container. */
  #fillBody(): void {
    const container = this.renderRoot.querySelector<HTMLElement>('.body');
    const article = this.openedId ? this.kefu?.faq.article(this.openedId) : undefined;
    if (!container || !article || this.#bodyShown.get(container) === article.body) return;
    this.#bodyShown.set(container, article.body);
    void renderArticleBody(container, article.body);
  }

  /**
   * The query's results: the local index's, then (large help centres) the server's extras, from
   * `local` on. None for an empty box: the index and the server answer nothing to it.
   */
  #results(): { hits: FaqSearchHit[]; local: number } {
    const local = this.kefu?.faq.search(this.query, { limit: RESULT_LIMIT }) ?? [];
    return { hits: [...local, ...this.serverHits], local: local.length };
  }

  #askServer(query: string): void {
    this.#serverSearch?.abort();
    this.serverHits = [];
    const faq = this.kefu?.faq;
    if (!faq?.searchesServer.peek() || !query.trim()) return;
    const controller = new AbortController();
    this.#serverSearch = controller;
    setTimeout(() => {
      if (controller.signal.aborted) return;
      void faq.searchServer(query, { limit: RESULT_LIMIT, signal: controller.signal }).then((hits) => {
        if (!controller.signal.aborted) this.serverHits = hits;
      });
    }, SERVER_SEARCH_DELAY_MS);
  }

  /** Opens an article (its title takes focus), or with none goes back to the search box. */
  #open(articleId: string | undefined, moveFocus = true): void {
    this.openedId = articleId;
    this.helpful = undefined;
    if (articleId)
      this.dispatchEvent(
        new CustomEvent('kefu-article-open', { detail: { articleId }, bubbles: true, composed: true }),
      );
    if (moveFocus)
      void this.updateComplete.then(() =>
        (articleId ? this.renderRoot.querySelector<HTMLElement>('.article h3') : this.input)?.focus(),
      );
  }

  readonly #onInput = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value;
    this.#caretToEnd = false;
  };

  /**
   * After a new query, once the box has focus (now, or when the widget focuses this element and
   * delegatesFocus hands it to the box): keep typing where the home box left off.
   */
  readonly #moveCaretToEnd = () => {
    const input = this.input;
    if (!this.#caretToEnd || !input || this.shadowRoot?.activeElement !== input) return;
    this.#caretToEnd = false;
    input.setSelectionRange(input.value.length, input.value.length);
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    const { hits } = this.#results();
    switch (event.key) {
      case 'ArrowDown':
        if (hits.length === 0) return;
        event.preventDefault();
        this.active = Math.min(this.active + 1, hits.length - 1);
        break;
      case 'ArrowUp':
        if (hits.length === 0) return;
        event.preventDefault();
        this.active = Math.max(this.active - 1, -1);
        break;
      case 'Enter': {
        const hit = hits[this.active] ?? (this.active === -1 ? hits[0] : undefined);
        if (!hit) return;
        event.preventDefault();
        this.#open(hit.article.id);
        break;
      }
      case 'Escape':
        if (!this.query) return;
        // An empty box lets Escape through (the widget closes); a filled one is cleared first.
        event.preventDefault();
        event.stopPropagation();
        this.query = '';
        break;
      default:
    }
  };

  readonly #onArticleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#open(undefined);
  };

  #sendFeedback(articleId: string, helpful: boolean): void {
    this.helpful = helpful;
    void this.kefu?.faq.sendFeedback(articleId, helpful);
    this.dispatchEvent(
      new CustomEvent('kefu-article-feedback', { detail: { articleId, helpful }, bubbles: true, composed: true }),
    );
  }

  override render() {
    const messages = this.localize(faqMessages);
    if (this.openedId) return this.#renderArticle(messages, this.openedId);
    const { hits, local } = this.#results();
    const searching = this.query.trim() !== '';
    const count = hits.length;
    return html`<h2 part="heading">${messages.title}</h2>
      <div class="search" part="search" role="search">
        <input
          id="q"
          type="search"
          role="combobox"
          aria-label=${messages.searchLabel}
          autocomplete="off"
          spellcheck="false"
          enterkeyhint="search"
          aria-autocomplete="list"
          aria-controls="results"
          aria-expanded=${count > 0 ? 'true' : 'false'}
          aria-activedescendant=${this.active >= 0 ? `option-${this.active}` : nothing}
          placeholder=${messages.searchPlaceholder}
          .value=${this.query}
          @input=${this.#onInput}
          @focus=${this.#moveCaretToEnd}
          @keydown=${this.#onKeydown}
        />
      </div>
      ${this.#renderStatus(messages)}
      <p class="visually-hidden" role="status">${searching ? messages.resultCount(count) : ''}</p>
      <ul
        id="results"
        class="results"
        role="listbox"
        part="results"
        aria-label=${messages.resultsLabel}
        ?hidden=${count === 0}
      >
        ${hits.map(
          (hit, index) =>
            html`${index === local ? html`<li role="presentation" class="separator">${messages.moreFromServer}</li>` : nothing}
            ${this.#renderOption(hit, index)}`,
        )}
      </ul>
      ${searching ? (count === 0 && this.kefu?.faq.index.value.status === 'ready' ? this.#renderNoResults(messages) : nothing) : this.#renderBrowse(messages)}`;
  }

  #renderStatus(messages: FaqMessages) {
    const faq = this.kefu?.faq;
    const articles = faq?.articles.value;
    if (!(this.kefu?.connectivity.online.value ?? true)) return html`<p class="notice">${messages.offline}</p>`;
    if (articles?.data) return this.#renderLanguageNote(messages);
    return articles?.status === 'error'
      ? html`<div class="notice" role="alert">
          <p>${messages.loadFailed}</p>
          <button type="button" @click=${() => void faq?.sync()}>${messages.retry}</button>
        </div>`
      : html`<p class="notice" role="status">${messages.loading}</p>`;
  }

  /**
   * One line when the help centre is not in the shopper's language (the store does not write in
   * it, so its default language is shown), rather than an empty page.
   */
  #renderLanguageNote(messages: FaqMessages) {
    const content = this.kefu?.faq.contentLocale.value;
    if (!content || primaryLanguage(content) === primaryLanguage(this.resolvedLocale)) return nothing;
    const name = new Intl.DisplayNames(this.resolvedLocale, { type: 'language' }).of(content) ?? content;
    return html`<p class="notice language-note">${messages.otherLanguage(name)}</p>`;
  }

  #renderOption(hit: FaqSearchHit, index: number) {
    const snippet = snippetOf(plainText(hit.article.body), hit.terms);
    // The keyboard drives the options through the combobox (aria-activedescendant), as the APG says.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<li
      id="option-${index}"
      role="option"
      part="result"
      class="result"
      aria-selected=${index === this.active ? 'true' : 'false'}
      lang=${hit.article.locale}
      dir=${directionOf(hit.article.locale)}
      @click=${() => this.#open(hit.article.id)}
    >
      <span class="result-title">${highlighted(hit.article.title, hit.terms)}</span>
      <span class="snippet">${highlighted(snippet, hit.terms)}</span>
    </li>`;
  }

  #renderNoResults(messages: FaqMessages) {
    const config = this.kefu?.config.state.value.data;
    const channels = config?.channels;
    // The store's e-mail and phone, when it gave them, stand in for the way back to the widget's
    // home: the shopper reaches someone from here, also where there is no home (an inline element).
    const direct = contactItems(config, this.resolvedLocale);
    // Chat and a call back unless the store turned them off; without direct channels, the home.
    const views = (['chat', 'callback', 'home'] as const).filter((view) =>
      view === 'home' ? direct.length === 0 : channels?.[view] !== false,
    );
    return html`<div class="empty">
      <p>${messages.noResults(this.query.trim())}</p>
      <p>${messages.noResultsHelp}</p>
      <ul class="contact">
        ${views.map(
          (view) =>
            html`<li><button type="button" @click=${() => this.navigate({ view })}>${messages[view]}</button></li>`,
        )}
        ${direct}
      </ul>
    </div>`;
  }

  /** Articles under a heading, each a button that opens it; no articles, no section. */
  #renderArticles(heading: string, articles: readonly Article[]) {
    return articles.length > 0
      ? html`<section class="browse">
          <h3>${heading}</h3>
          <ul class="articles">
            ${articles.map(
              (article) =>
                html`<li lang=${article.locale} dir=${directionOf(article.locale)}>
                  <button type="button" class="link" @click=${() => this.#open(article.id)}>${article.title}</button>
                </li>`,
            )}
          </ul>
        </section>`
      : nothing;
  }

  #renderBrowse(messages: FaqMessages) {
    const faq = this.kefu?.faq;
    if (!faq) return nothing;
    const categories = faq.categories.value;
    const chosen = categories.find((category) => category.slug === this.category);
    if (chosen) {
      return html`<button type="button" class="back" @click=${() => (this.category = undefined)}>
          ${messages.back}
        </button>
        ${this.#renderArticles(messages.categories[chosen.slug] ?? chosen.slug, chosen.articles)}`;
    }
    return html`${this.#renderArticles(messages.suggested, faq.suggestions.value)}
    ${
      categories.length > 0
        ? html`<section class="browse">
            <h3>${messages.browse}</h3>
            <ul class="categories">
              ${categories.map(
                (category) =>
                  html`<li>
                    <button type="button" class="category" @click=${() => (this.category = category.slug)}>
                      <span>${messages.categories[category.slug] ?? category.slug}</span>
                      <span class="count">${messages.articleCount(category.articles.length)}</span>
                    </button>
                  </li>`,
              )}
            </ul>
          </section>`
        : nothing
    }`;
  }

  #renderArticle(messages: FaqMessages, articleId: string) {
    const faq = this.kefu?.faq;
    const article = faq?.article(articleId);
    const back = html`<button type="button" class="back" @click=${() => this.#open(undefined)}>
      ${this.query ? messages.backToResults : messages.back}
    </button>`;
    if (!article) {
      const loading = !faq || faq.articles.value.status === 'idle' || faq.articles.value.status === 'loading';
      return html`${back}
        <p class="notice" role=${loading ? 'status' : 'alert'}>${loading ? messages.loading : messages.notFound}</p>`;
    }
    const updated = new Intl.DateTimeFormat(this.resolvedLocale, { dateStyle: 'medium' }).format(
      new Date(article.updatedAt),
    );
    // The article's own language and direction (an English article in an Arabic panel reads left to right).
    const lang = article.locale;
    return html`<article class="article" part="article" @keydown=${this.#onArticleKeydown}>
      ${back}
      <h3 tabindex="-1" lang=${lang} dir=${directionOf(lang)}>${article.title}</h3>
      <p class="meta">${messages.updated(updated)}</p>
      <div class="body" part="body" lang=${lang} dir=${directionOf(lang)}></div>
      ${this.#renderFeedback(messages, article.id)}
    </article>`;
  }

  #renderFeedback(messages: FaqMessages, articleId: string) {
    if (this.helpful) return html`<p class="feedback" part="feedback" role="status">${messages.thanks}</p>`;
    if (this.helpful === false) {
      return html`<div class="feedback" part="feedback">
        <p role="status">${messages.sorry}</p>
        <button
          type="button"
          class="primary"
          @click=${() =>
            // A new chat about this article: its title is the topic, the article goes with it as context.
            this.navigate({ view: 'chat', articleId, topic: this.kefu?.faq.article(articleId)?.title ?? '' })}
        >
          ${messages.askSupport}
        </button>
      </div>`;
    }
    return html`<fieldset class="feedback" part="feedback">
      <legend>${messages.helpful}</legend>
      <button type="button" @click=${() => this.#sendFeedback(articleId, true)}>${messages.yes}</button>
      <button type="button" @click=${() => this.#sendFeedback(articleId, false)}>${messages.no}</button>
    </fieldset>`;
  }
}
