import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { errorOf, screenHeader, screenStyles } from './admin-screen.js';
import { sanitizedBody } from './article-dialog.js';
import { base } from './styles.js';
import type { EditorArticle } from './types.js';
import { directionOf } from './widget-shared.js';

/** The form's fields as text, as the agent types them. */
interface Draft {
  readonly id: string;
  readonly locale: string;
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly tags: string;
  readonly suggestOn: string;
  readonly translationKey: string;
  readonly published: boolean;
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const draftOf = (article: EditorArticle): Draft => ({
  id: article.id,
  locale: article.locale,
  title: article.title,
  body: article.body,
  category: article.category,
  tags: article.tags.join(', '),
  suggestOn: (article.suggestOn ?? []).join(', '),
  translationKey: article.translationKey,
  published: article.published,
});

/**
 * The help articles (decision 0021): every article of every language, searched by title; one
 * article's editor with a preview sanitized by the widget's own code (widget-shared.ts, as the
 * chat's article dialog shows it), the same article in the other language beside it (articles are
 * paired by their translation key), publish / unpublish, delete after a confirmation, and what
 * shoppers answered to "Was this helpful?". A save reaches shoppers at their widget's next sync.
 */
@customElement('kefu-console-articles')
export class KefuArticles extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(260px, 1fr) minmax(0, 3fr);
        gap: 16px;
        align-items: start;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-bottom: 8px;
      }
      .filters input {
        flex: 1 1 100%;
      }
      .filters select {
        flex: 1;
      }
      .list {
        list-style: none;
        margin: 0;
        padding: 0;
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 8px;
        max-height: 70vh;
        overflow-y: auto;
      }
      .list button {
        display: grid;
        gap: 2px;
        width: 100%;
        text-align: left;
        border: none;
        border-bottom: 1px solid var(--line);
        border-radius: 0;
      }
      .list button[aria-current='true'] {
        background: #eef3ff;
      }
      .meta {
        font-size: 12px;
        color: var(--muted);
      }
      .editor {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 16px;
        align-items: start;
      }
      .fields {
        display: grid;
        gap: 10px;
      }
      .row {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 10px;
      }
      textarea {
        min-height: 240px;
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 13px;
        font-weight: 400;
      }
      label.check {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      [aria-invalid='true'] {
        border-color: var(--danger);
      }
      .field-error {
        margin: 0;
        font-size: 12px;
        font-weight: 400;
      }
      .pane {
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 8px;
        padding: 12px 16px;
      }
      .pane h4 {
        font-size: 17px;
        margin: 4px 0 8px;
      }
      .body {
        line-height: 1.55;
        overflow-wrap: anywhere;
      }
      .body a {
        color: var(--accent);
      }
      .actions {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        margin-top: 8px;
      }
      .confirm {
        display: flex;
        gap: 8px;
        align-items: center;
        padding: 8px 12px;
        border-radius: 8px;
        background: #fdecea;
      }
      .chip.draft {
        background: #fff1dc;
        color: var(--warn);
      }
    `,
  ];

  @state() private articles: readonly EditorArticle[] | undefined;
  @state() private locales: readonly string[] = [];
  @state() private error = '';
  @state() private search = '';
  @state() private localeFilter = '';
  /** The article being edited: its id as stored, or undefined for a new one. */
  @state() private editing: string | undefined;
  @state() private draft: Draft | undefined;
  @state() private problems: Readonly<Record<string, string>> = {};
  @state() private status = '';
  @state() private saving = false;
  @state() private confirmingDelete = false;
  @query('.preview .body') private previewBody?: HTMLElement;
  @query('.translation .body') private translationBody?: HTMLElement;
  private previewed = { preview: '', translation: '' };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`
      ${screenHeader('Help articles', this.error, () => void this.load())}
      ${
        this.articles === undefined
          ? html`<p class="muted" role="status">Loading…</p>`
          : html`<div class="layout">
              <div>${this.renderList(this.articles)}</div>
              <div>
                ${this.draft ? this.renderEditor(this.draft) : html`<p class="muted">Choose an article, or write a new one.</p>`}
              </div>
            </div>`
      }
    `;
  }

  protected override updated(): void {
    // Lit renders nothing inside the preview containers: the sanitized nodes are put there.
    const draft = this.draft;
    const translation = draft ? this.translationOf(draft) : undefined;
    void this.show(this.previewBody, 'preview', draft?.body);
    void this.show(this.translationBody, 'translation', translation?.body);
  }

  private renderList(articles: readonly EditorArticle[]) {
    const words = this.search.trim().toLowerCase();
    const shown = articles.filter(
      (article) =>
        (this.localeFilter === '' || article.locale === this.localeFilter) &&
        (words === '' || article.title.toLowerCase().includes(words)),
    );
    return html`
      <div class="filters">
        <input
          type="search"
          aria-label="Search by title"
          placeholder="Search by title"
          .value=${this.search}
          @input=${(event: Event) => (this.search = (event.target as HTMLInputElement).value)}
        />
        <select
          aria-label="Language"
          @change=${(event: Event) => (this.localeFilter = (event.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${this.localeFilter === ''}>All languages</option>
          ${this.locales.map((locale) => html`<option value=${locale} ?selected=${this.localeFilter === locale}>${locale}</option>`)}
        </select>
        <button @click=${() => this.startNew()}>New article</button>
      </div>
      <p class="muted" role="status">${shown.length} of ${articles.length} articles</p>
      <ul class="list" aria-label="Articles">
        ${shown.map(
          (article) =>
            html`<li>
              <button aria-current=${this.editing === article.id ? 'true' : 'false'} @click=${() => this.open(article)}>
                <span lang=${article.locale} dir=${directionOf(article.locale)}>${article.title}</span>
                <span class="meta">
                  ${article.locale} · ${article.category}
                  ${article.published ? nothing : html`<span class="chip draft">Unpublished</span>`} · Helpful
                  ${article.feedback.helpful} · Not helpful ${article.feedback.notHelpful}
                </span>
              </button>
            </li>`,
        )}
      </ul>
    `;
  }

  private renderEditor(draft: Draft) {
    const stored = this.articles?.find((article) => article.id === this.editing);
    const translation = this.translationOf(draft);
    const field = (name: keyof Draft, label: string, hint = '') =>
      html`<label
        >${label}
        <input
          name=${name}
          .value=${String(draft[name])}
          aria-invalid=${this.problems[name] ? 'true' : 'false'}
          @input=${(event: Event) => this.change(name, (event.target as HTMLInputElement).value)}
        />
        ${this.problems[name] ? html`<p class="field-error error">${this.problems[name]}</p>` : hint ? html`<span class="meta">${hint}</span>` : nothing}
      </label>`;
    return html`
      <div class="editor">
        <div class="fields">
          <h2>${stored ? `Edit “${stored.title}”` : 'New article'}</h2>
          ${
            stored
              ? html`<p class="muted">
                  ${stored.id} · ${stored.locale} · last changed ${new Date(stored.updatedAt).toLocaleString()} · Was
                  this helpful? <strong>${stored.feedback.helpful}</strong> yes,
                  <strong>${stored.feedback.notHelpful}</strong> no
                </p>`
              : html`<div class="row">
                  ${field('id', 'Id', 'Letters, digits, “.”, “_” and “-”: part of the article’s address.')}
                  <label
                    >Language
                    <select
                      @change=${(event: Event) => this.change('locale', (event.target as HTMLSelectElement).value)}
                    >
                      ${this.locales.map((locale) => html`<option value=${locale} ?selected=${draft.locale === locale}>${locale}</option>`)}
                    </select>
                  </label>
                </div>`
          }
          ${field('title', 'Title')}
          <div class="row">
            ${field('category', 'Category', 'A slug, e.g. shipping')} ${field('tags', 'Tags', 'Comma-separated')}
          </div>
          <div class="row">
            ${field('suggestOn', 'Suggest on pages', 'Paths, comma-separated: /products/*, /cart')}
            ${field('translationKey', 'Translation key', 'Shared with the same article in other languages')}
          </div>
          <label
            >Body (HTML)
            <textarea
              spellcheck="true"
              aria-invalid=${this.problems['body'] ? 'true' : 'false'}
              .value=${draft.body}
              @input=${(event: Event) => this.change('body', (event.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this.problems['body'] ? html`<p class="field-error error">${this.problems['body']}</p>` : nothing}
          </label>
          <label class="check"
            ><input
              type="checkbox"
              .checked=${draft.published}
              @change=${(event: Event) => this.change('published', (event.target as HTMLInputElement).checked)}
            />
            Published (shoppers see it)</label
          >
          <div class="actions">
            <button class="primary" ?disabled=${this.saving} @click=${() => void this.save()}>Save</button>
            ${
              stored
                ? html`<button ?disabled=${this.saving} @click=${() => void this.save(!stored.published)}>
                      ${stored.published ? 'Unpublish' : 'Publish'}
                    </button>
                    <button class="danger" ?disabled=${this.saving} @click=${() => (this.confirmingDelete = true)}>
                      Delete
                    </button>`
                : nothing
            }
            <span class="muted" role="status">${this.status}</span>
          </div>
          ${
            this.confirmingDelete && stored
              ? html`<div class="confirm" role="alertdialog" aria-label="Delete the article">
                  <span>Delete “${stored.title}” for good? Shoppers’ widgets drop it at their next sync.</span>
                  <button class="danger" @click=${() => void this.deleteArticle(stored)}>Yes, delete</button>
                  <button @click=${() => (this.confirmingDelete = false)}>Keep it</button>
                </div>`
              : nothing
          }
        </div>
        <div>
          <section class="pane preview" aria-label="Preview">
            <h3>Preview, as the widget shows it</h3>
            <h4 lang=${draft.locale} dir=${directionOf(draft.locale)}>${draft.title}</h4>
            <div class="body" lang=${draft.locale} dir=${directionOf(draft.locale)}></div>
          </section>
          ${
            translation
              ? html`<section class="pane translation" aria-label="In ${translation.locale}">
                  <h3>In ${translation.locale}</h3>
                  <h4 lang=${translation.locale} dir=${directionOf(translation.locale)}>${translation.title}</h4>
                  <div class="body" lang=${translation.locale} dir=${directionOf(translation.locale)}></div>
                  <div class="actions"><button @click=${() => this.open(translation)}>Edit this one</button></div>
                </section>`
              : html`<p class="muted">
                  No article in another language has the translation key “${draft.translationKey}”.
                </p>`
          }
        </div>
      </div>
    `;
  }

  /** The same article in another language: same translation key, another locale (the first such). */
  private translationOf(draft: Draft): EditorArticle | undefined {
    const key = draft.translationKey.trim().toLowerCase();
    if (key === '') return undefined;
    return this.articles?.find(
      (article) =>
        article.translationKey.toLowerCase() === key && article.locale !== draft.locale && article.id !== draft.id,
    );
  }

  /** Puts `body`, sanitized as the widget does it, into `container`, unless it is there already. */
  private async show(container: HTMLElement | undefined, which: 'preview' | 'translation', body: string | undefined) {
    if (!container || body === undefined) {
      this.previewed[which] = '';
      return;
    }
    if (this.previewed[which] === body && container.childNodes.length > 0) return;
    this.previewed[which] = body;
    const nodes = await sanitizedBody(body);
    // A later keystroke has asked for another preview meanwhile: that one wins.
    if (this.previewed[which] === body) container.replaceChildren(...nodes);
  }

  private change(name: keyof Draft, value: string | boolean): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [name]: value };
    this.status = '';
  }

  private open(article: EditorArticle): void {
    this.editing = article.id;
    this.draft = draftOf(article);
    this.problems = {};
    this.status = '';
    this.confirmingDelete = false;
  }

  private startNew(): void {
    this.editing = undefined;
    this.problems = {};
    this.status = '';
    this.confirmingDelete = false;
    this.draft = {
      id: '',
      locale: this.localeFilter || this.locales[0] || 'en',
      title: '',
      body: '<p></p>',
      category: 'general',
      tags: '',
      suggestOn: '',
      translationKey: '',
      published: true,
    };
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      const loaded = await api<{ articles: EditorArticle[]; locales: string[] }>('GET', '/articles');
      this.articles = loaded.articles;
      this.locales = loaded.locales;
    }, 'Could not load the articles.');
  }

  /** Saves the form (with `published` changed, for Publish / Unpublish). */
  private async save(published?: boolean): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const id = this.editing ?? draft.id.trim();
    const suggestOn = list(draft.suggestOn);
    const body = {
      locale: draft.locale,
      title: draft.title,
      body: draft.body,
      format: 'html',
      category: draft.category,
      tags: list(draft.tags),
      ...(suggestOn.length > 0 ? { suggestOn } : {}),
      ...(draft.translationKey.trim() ? { translationKey: draft.translationKey.trim() } : {}),
      published: published ?? draft.published,
    };
    this.saving = true;
    this.status = 'Saving…';
    try {
      const saved = await api<{ result: string; article: EditorArticle }>(
        'PUT',
        `/articles/${encodeURIComponent(id)}`,
        body,
      );
      await this.load();
      const fresh = this.articles?.find((article) => article.id === saved.article.id);
      if (fresh) this.open(fresh);
      this.status =
        saved.result === 'unchanged'
          ? 'No changes to save.'
          : published === undefined
            ? 'Saved. Shoppers get it at their widget’s next sync.'
            : published
              ? 'Published.'
              : 'Unpublished: shoppers no longer see it.';
    } catch (error) {
      this.status = '';
      if (error instanceof ConsoleApiError && error.status === 422) {
        // `tags.2` is the tags field's problem; one the form has no field for is said above it.
        const problems: Record<string, string> = {};
        for (const [key, message] of Object.entries(error.fields)) problems[key.split('.')[0] ?? key] ??= message;
        this.problems = problems;
        const formFields = Object.keys(draft);
        const other = Object.entries(problems).find(([key]) => !formFields.includes(key));
        this.error = other ? `${other[0]}: ${other[1]}` : Object.keys(problems).length === 0 ? error.message : '';
      } else this.error = error instanceof Error ? error.message : 'Could not save the article.';
    } finally {
      this.saving = false;
    }
  }

  private async deleteArticle(article: EditorArticle): Promise<void> {
    this.saving = true;
    try {
      await api('DELETE', `/articles/${encodeURIComponent(article.id)}`);
      this.editing = undefined;
      this.draft = undefined;
      this.confirmingDelete = false;
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'Could not delete the article.';
    } finally {
      this.saving = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-articles': KefuArticles;
  }
}
