import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage, type KefuBackend, type KefuOptions } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
import type { KefuWidget } from './widget.js';

/** The demo store, writing English, Chinese and Arabic. */
function threeLanguageStore(): KefuBackend {
  const memory = createMemoryBackend({ latencyMs: 5 });
  return {
    ...memory,
    getConfig: async (options) => ({ ...(await memory.getConfig(options)), locales: ['en', 'zh-CN', 'ar'] }),
  };
}

/** A widget the host set to a language (English unless said), over a store writing three. */
async function openWidget(options: Partial<KefuOptions> = {}, locale = 'en') {
  const client = createKefu({ backend: threeLanguageStore(), storage: () => createMemoryStorage(), ...options });
  const widget = await fixture<KefuWidget>(html`<kefu-widget locale=${locale} .client=${client}></kefu-widget>`);
  await widget.show();
  return { widget, client, root: widget.shadowRoot! };
}

/** Waits for an element in the panel and returns it. */
async function found<T extends Element>(root: ShadowRoot, selector: string): Promise<T> {
  await waitUntil(() => root.querySelector(selector), `${selector} shown`);
  return root.querySelector<T>(selector)!;
}

const greeting = (root: ShadowRoot) => root.querySelector('.greeting')?.textContent?.trim();

async function pick(root: ShadowRoot, locale: string) {
  const select = await found<HTMLSelectElement>(root, '.language select');
  select.value = locale;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<kefu-widget> languages', () => {
  afterEach(() => fixtureCleanup());

  it('lists the store’s languages, each in itself, and switches the panel, its direction and the FAQ', async () => {
    const { widget, client, root } = await openWidget();
    expect(greeting(root)).to.equal('Hi! How can we help?');
    await waitUntil(() => root.querySelector('.language select'), 'language switch');
    const options = [...root.querySelectorAll<HTMLOptionElement>('.language option')];
    expect(options.map((option) => option.value)).to.deep.equal(['en', 'zh-CN', 'ar']);
    expect(options.map((option) => option.textContent)).to.deep.equal(['English', '中文（中国）', 'العربية']);
    expect(options[1]!.lang).to.equal('zh-CN');
    expect(root.querySelector('.language label')!.textContent).to.equal('Language');

    await pick(root, 'ar');
    await waitUntil(() => greeting(root) === 'مرحبًا! كيف يمكننا مساعدتك؟', 'home in Arabic');
    expect(widget.dir).to.equal('rtl');
    expect(root.querySelector('.language label')!.textContent).to.equal('اللغة');
    expect(root.querySelector<HTMLSelectElement>('.language select')!.value).to.equal('ar');
    expect(client.session.locale.value).to.equal('ar');
    expect(client.faq.contentLocale.value).to.equal('ar');

    await pick(root, 'zh-CN');
    await waitUntil(() => greeting(root) === '您好！有什么可以帮您？', 'home in Chinese');
    expect(widget.dir).to.equal('ltr');
  });

  it('shows the language the panel speaks as picked, also when the store does not write in it', async () => {
    // An Arabic page of a store whose help centre is in English and Chinese: the switch must not
    // claim English is shown while the panel speaks Arabic.
    const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage: () => createMemoryStorage() });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="ar" .client=${client}></kefu-widget>`);
    await widget.show();
    const select = await found<HTMLSelectElement>(widget.shadowRoot!, '.language select');
    expect(select.value).to.equal('ar');
    expect([...select.options].map((option) => option.value)).to.deep.equal(['ar', 'en', 'zh-CN']);
    expect(select.selectedOptions[0]!.textContent).to.equal('العربية');
    // Picking a language the store writes in still works.
    await pick(widget.shadowRoot!, 'zh-CN');
    await waitUntil(() => widget.shadowRoot!.querySelector<HTMLSelectElement>('.language select')?.value === 'zh-CN');
  });

  it('lets the host’s later setLocale replace the shopper’s pick', async () => {
    const { widget, client, root } = await openWidget();
    await pick(root, 'ar');
    await waitUntil(() => widget.dir === 'rtl', 'Arabic');
    client.session.setLocale('zh-CN');
    widget.locale = undefined;
    await waitUntil(() => greeting(root) === '您好！有什么可以帮您？', 'the host’s language');
    expect(client.session.chosenLocale.value).to.equal(undefined);
  });

  it('offers a Chinese phone the Chinese help centre on an English page, in Chinese, once', async () => {
    const { root } = await openWidget({ locale: 'en', languages: ['zh-CN', 'en-US'] });
    const offer = await found<HTMLElement>(root, '.language-offer');
    expect(offer.lang).to.equal('zh-CN');
    expect(offer.textContent).to.contain('查看中文版？');
    expect(greeting(root)).to.equal('Hi! How can we help?');

    offer.querySelector<HTMLButtonElement>('.accept')!.click();
    await waitUntil(() => greeting(root) === '您好！有什么可以帮您？', 'home in Chinese');
    expect(root.querySelector('.language-offer')).to.equal(null);
  });

  it('offers nothing when the browser reads the language shown, and goes away when declined', async () => {
    const same = await openWidget({ locale: 'en', languages: ['en-GB', 'zh-CN'] });
    await waitUntil(() => same.root.querySelector('.language select'), 'configuration loaded');
    expect(same.root.querySelector('.language-offer')).to.equal(null);
    fixtureCleanup();

    const { root } = await openWidget({ locale: 'zh-CN', languages: ['en-US'] }, 'zh-CN');
    const offer = await found<HTMLElement>(root, '.language-offer');
    expect(offer.textContent).to.contain('View in English?');
    offer.querySelector<HTMLButtonElement>('.dismiss')!.click();
    await waitUntil(() => !root.querySelector('.language-offer'), 'offer gone');
    expect(greeting(root)).to.equal('您好！有什么可以帮您？');
  });

  it('remembers the pick on the next page, before the panel paints', async () => {
    const disk = createMemoryStorage();
    const first = await openWidget({ storage: () => disk });
    await pick(first.root, 'zh-CN');
    await waitUntil(
      () => [...disk.entries.values()].some((value) => JSON.stringify(value).includes('zh-CN')),
      'stored',
    );
    first.client.dispose();
    fixtureCleanup();

    // The next page: a new client over the same storage, the host's default still English.
    const client = createKefu({ backend: threeLanguageStore(), storage: () => disk, locale: 'en' });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="en" .client=${client}></kefu-widget>`);
    const painted: (string | undefined)[] = [];
    widget.addEventListener('kefu-open', () => painted.push(greeting(widget.shadowRoot!)));
    await widget.show();
    expect(painted).to.deep.equal(['您好！有什么可以帮您？']);
    expect(client.session.locale.value).to.equal('zh-CN');
  });

  it('keeps the pick in memory only while the host’s consent is pending', async () => {
    const disk = createMemoryStorage();
    const { client, root } = await openWidget({ storage: () => disk, consent: 'pending' });
    await pick(root, 'ar');
    await waitUntil(() => greeting(root) === 'مرحبًا! كيف يمكننا مساعدتك؟', 'home in Arabic');
    expect(disk.entries.size).to.equal(0);

    await client.setConsent('granted');
    expect(JSON.stringify([...disk.entries.values()])).to.contain('"ar"');
  });
});
