import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage, manualPageLocation, type KefuBackend, type KefuClient } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../define/kefu-widget.js';
import '../define/kefu-faq.js';
import type { KefuWidget } from '../components/widget/widget.js';
import type { KefuFaq } from '../components/faq/faq.js';
import { ar } from '../components/faq/faq.messages.ar.js';

/**
 * Every Kefu element says which language it speaks (`lang` on its host), so a screen reader reads
 * a Chinese panel on an English page with a Chinese voice (WCAG 3.1.2, Language of Parts); content
 * in another language than the panel's (an English article in an Arabic panel) says its own.
 */

function threeLanguageStore(): KefuBackend {
  const memory = createMemoryBackend({ latencyMs: 5 });
  return {
    ...memory,
    getConfig: async (options) => ({ ...(await memory.getConfig(options)), locales: ['en', 'zh-CN', 'ar'] }),
  };
}

/** Whether an element (in a shadow root, say) is in a language, as the browser works it out. */
const inLanguage = (element: Element | null | undefined, tag: string) => element?.matches(`:lang(${tag})`) === true;

describe('the language of Kefu’s elements', function () {
  this.timeout(15_000);
  const pageLanguage = document.documentElement.lang;
  let client: KefuClient | undefined;
  beforeEach(() => {
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    fixtureCleanup();
    client?.dispose();
    document.documentElement.lang = pageLanguage;
  });

  it('is the shopper’s pick in the panel on an English page: the host, the panel and its view', async () => {
    client = createKefu({ backend: threeLanguageStore(), storage: () => createMemoryStorage() });
    const widget = await fixture<KefuWidget>(html`<kefu-widget .client=${client}></kefu-widget>`);
    await widget.show();
    const root = widget.shadowRoot!;
    const panel = root.querySelector('.panel');
    expect(widget.lang).to.equal('en');
    expect(inLanguage(panel, 'en')).to.equal(true);

    await waitUntil(() => root.querySelector('.language select'), 'the language switch');
    const select = root.querySelector<HTMLSelectElement>('.language select')!;
    select.value = 'zh-CN';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => widget.lang === 'zh-CN', 'the host in Chinese');
    expect(widget.getAttribute('lang')).to.equal('zh-CN');
    expect(inLanguage(panel, 'zh-CN'), 'the panel in Chinese').to.equal(true);
    expect(inLanguage(panel, 'en'), 'the panel not in English').to.equal(false);

    // A feature opened in the panel speaks Chinese too, and follows the host's later setLocale.
    await widget.show({ view: 'faq' });
    await waitUntil(() => root.querySelector('kefu-faq'), 'the FAQ in the panel');
    const faq = root.querySelector<KefuFaq>('kefu-faq')!;
    await faq.updateComplete;
    expect(faq.lang).to.equal('zh-CN');
    client.session.setLocale('ar');
    await waitUntil(() => widget.lang === 'ar' && faq.lang === 'ar', 'the host’s setLocale');
    expect([widget.dir, faq.dir]).to.deep.equal(['rtl', 'rtl']);
  });

  it('marks an English article in an Arabic panel as English, and the panel’s words as Arabic', async () => {
    // The demo store writes English and Chinese: an Arabic shopper reads its English articles.
    client = createKefu({
      backend: createMemoryBackend({ latencyMs: 5 }),
      storage: () => createMemoryStorage(),
      locale: 'ar',
      faq: { pageLocation: manualPageLocation('/cart') },
    });
    const faq = await fixture<KefuFaq>(html`<kefu-faq .client=${client} locale="ar"></kefu-faq>`);
    const root = faq.shadowRoot!;
    await waitUntil(() => root.querySelector('h2')?.textContent === ar.title, 'the Arabic strings');
    await waitUntil(() => root.querySelector('.language-note'), 'the note: the articles are in English');
    expect(client.faq.contentLocale.value).to.equal('en');
    expect(faq.lang).to.equal('ar');
    expect(inLanguage(root.querySelector('.language-note'), 'ar'), 'the note is in Arabic').to.equal(true);

    await waitUntil(() => root.querySelector('.articles button'), 'articles to browse');
    const listed = root.querySelector<HTMLButtonElement>('.articles button')!;
    expect(inLanguage(listed, 'en'), 'an English title in the list').to.equal(true);

    listed.click();
    await waitUntil(() => root.querySelector('[part="article"] [part="body"]'), 'the article');
    const article = root.querySelector('[part="article"]')!;
    expect(inLanguage(article.querySelector('h3'), 'en'), 'its title').to.equal(true);
    expect(article.querySelector('[part="body"]')!.getAttribute('lang')).to.equal('en');
    expect(inLanguage(article.querySelector('.back'), 'ar'), 'the way back, in the panel’s words').to.equal(true);
    expect(inLanguage(article.querySelector('.meta'), 'ar'), 'the date line').to.equal(true);
  });

  it('is English where Kefu has no words in the page’s language (a French page)', async () => {
    document.documentElement.lang = 'fr';
    client = createKefu({
      backend: createMemoryBackend({ latencyMs: 5 }),
      storage: () => createMemoryStorage(),
      faq: { pageLocation: manualPageLocation('/cart') },
    });
    const faq = await fixture<KefuFaq>(html`<kefu-faq .client=${client}></kefu-faq>`);
    await waitUntil(() => faq.shadowRoot!.querySelector('h2'), 'rendered');
    expect(faq.shadowRoot!.querySelector('h2')!.textContent).to.equal('Help centre');
    expect([faq.lang, faq.dir]).to.deep.equal(['en', 'ltr']);
  });
});
