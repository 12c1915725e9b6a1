import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Article } from '@kefu/core';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { directionOf, renderArticleBody } from './widget-shared.js';

type Loaded =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready'; readonly article: Article }
  | { readonly status: 'error'; readonly message: string };

/**
 * "Came from the article …" for a chat started under a help article: the title is a button that
 * opens the article in a dialog, read-only, as the shopper read it — in its language and writing
 * direction, its HTML sanitized by the widget's own code (widget-shared.ts). The server does not
 * know the storefront's article addresses, so the console shows the article itself.
 *
 * Two things differ from the widget, both because the console is another origin under a strict
 * CSP: pictures become links to them (the console loads nothing from other sites), and a link to
 * a page of the storefront's own site (a relative address) is left as text, since here it would
 * lead away from the console.
 */
@customElement('kefu-console-article')
export class KefuConsoleArticle extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      p.context {
        margin: 2px 0 0;
        color: var(--muted);
        font-size: 13px;
      }
      button.link {
        border: none;
        background: none;
        padding: 0;
        color: var(--accent);
        text-decoration: underline;
        font-style: italic;
      }
      dialog {
        border: 1px solid var(--line);
        border-radius: 10px;
        padding: 0;
        width: min(640px, calc(100vw - 32px));
        max-height: calc(100vh - 64px);
        box-shadow: 0 12px 32px rgba(29, 35, 48, 0.2);
      }
      dialog::backdrop {
        background: rgba(29, 35, 48, 0.35);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 12px;
        padding: 12px 20px;
        border-bottom: 1px solid var(--line);
        position: sticky;
        top: 0;
        background: var(--panel);
      }
      .note {
        margin: 0;
        font-size: 13px;
      }
      article {
        padding: 4px 20px 20px;
      }
      article h2 {
        font-size: 18px;
        margin: 16px 0 8px;
      }
      .body {
        line-height: 1.55;
        overflow-wrap: anywhere;
      }
      .body a {
        color: var(--accent);
      }
      .body .picture::before {
        content: '🖼 ';
      }
      .status {
        padding: 16px 20px;
      }
    `,
  ];

  @property() articleId = '';
  /** The title the shopper's widget sent with the chat: the label until the article is opened. */
  @property() articleTitle = '';
  @state() private loaded: Loaded = { status: 'idle' };
  @query('dialog') private dialog?: HTMLDialogElement;
  @query('.body') private bodyContainer?: HTMLElement;
  private request = 0;

  override render() {
    const loaded = this.loaded;
    return html`
      <p class="context">
        Came from the article:
        <button class="link" aria-haspopup="dialog" @click=${this.open}>
          <cite dir="auto">${this.articleTitle}</cite>
        </button>
      </p>
      <dialog aria-labelledby="article-title" @close=${() => (this.loaded = { status: 'idle' })}>
        <div class="head">
          <p class="note muted">What the shopper read before asking</p>
          <form method="dialog"><button value="close">Close</button></form>
        </div>
        ${
          loaded.status === 'ready'
            ? html`<article lang=${loaded.article.locale} dir=${directionOf(loaded.article.locale)}>
                <h2 id="article-title">${loaded.article.title}</h2>
                <div class="body"></div>
              </article>`
            : html`<h2 id="article-title" class="status">${this.articleTitle}</h2>
                ${
                  loaded.status === 'error'
                    ? html`<p class="status error" role="alert">${loaded.message}</p>`
                    : html`<p class="status muted" role="status">Loading the article…</p>`
                }`
        }
      </dialog>
    `;
  }

  protected override updated(): void {
    const loaded = this.loaded;
    const container = this.bodyContainer;
    // Written once per article into its container: Lit renders nothing inside it.
    if (loaded.status !== 'ready' || !container || container.dataset['articleId'] === loaded.article.id) return;
    container.dataset['articleId'] = loaded.article.id;
    void sanitizedBody(loaded.article.body).then((nodes) => container.replaceChildren(...nodes));
  }

  private async open(): Promise<void> {
    this.dialog?.showModal();
    const request = (this.request += 1);
    this.loaded = { status: 'loading' };
    try {
      const article = await api<Article>('GET', `/articles/${encodeURIComponent(this.articleId)}`);
      if (request === this.request) this.loaded = { status: 'ready', article };
    } catch (error) {
      if (request !== this.request) return;
      const message =
        error instanceof ConsoleApiError && error.status === 404
          ? 'This article is no longer in the help centre.'
          : 'The article could not be loaded. Close this and try again.';
      this.loaded = { status: 'error', message };
    }
  }
}

/**
 * The article's body through the widget's sanitizer, in an inert document (nothing in it loads),
 * then made fit for the console: pictures become links to them, links into the storefront's own
 * pages become text. Returns nodes of this document, ready to insert.
 */
export async function sanitizedBody(body: string): Promise<Node[]> {
  const inert = document.implementation.createHTMLDocument('');
  const holder = inert.createElement('div');
  await renderArticleBody(holder, body);
  for (const image of holder.querySelectorAll('img')) {
    const link = inert.createElement('a');
    link.href = new URL(image.getAttribute('src') ?? '', document.baseURI).href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.className = 'picture';
    link.textContent = image.alt ? `Picture: ${image.alt}` : 'Picture';
    image.replaceWith(link);
  }
  for (const link of holder.querySelectorAll('a[href]')) {
    if (new URL(link.getAttribute('href') ?? '', document.baseURI).origin === location.origin) {
      link.removeAttribute('href');
    }
  }
  return [...holder.childNodes].map((node) => document.importNode(node, true));
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-article': KefuConsoleArticle;
  }
}
