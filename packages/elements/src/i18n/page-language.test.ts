import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage, type KefuBackend, type KefuClient } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../define/kefu-widget.js';
import '../define/kefu-faq.js';
import { setSharedClient } from '../base/shared-client.js';
import type { KefuWidget } from '../components/widget/widget.js';
import type { KefuFaq } from '../components/faq/faq.js';
import { en } from '../components/faq/faq.messages.js';
import { zhCN } from '../components/faq/faq.messages.zh-CN.js';
import { ar } from '../components/faq/faq.messages.ar.js';

/**
 * One language for every Kefu element on a page: the shopper's pick in the panel wins over each
 * element's `locale` attribute (the host's default), inline elements included.
 */

function threeLanguageStore(): KefuBackend {
  const memory = createMemoryBackend({ latencyMs: 5 });
  return {
    ...memory,
    getConfig: async (options) => ({ ...(await memory.getConfig(options)), locales: ['en', 'zh-CN', 'ar'] }),
  };
}

/** A store's page as the script tag makes it: one shared client, the panel and an inline FAQ in English. */
async function storePage(): Promise<{ client: KefuClient; widget: KefuWidget; faq: KefuFaq }> {
  const client = createKefu({ backend: threeLanguageStore(), storage: () => createMemoryStorage(), locale: 'en' });
  setSharedClient(client);
  const page = await fixture<HTMLElement>(
    html`<div>
      <kefu-faq locale="en"></kefu-faq>
      <kefu-widget></kefu-widget>
    </div>`,
  );
  const faq = page.querySelector<KefuFaq>('kefu-faq')!;
  const widget = page.querySelector<KefuWidget>('kefu-widget')!;
  await widget.show();
  return { client, widget, faq };
}

const title = (faq: KefuFaq) => faq.shadowRoot?.querySelector('h2')?.textContent;

/** Picks a language in the panel's switch, as the shopper does. */
async function pick(widget: KefuWidget, locale: string) {
  const root = widget.shadowRoot!;
  await waitUntil(() => root.querySelector('.language select'), 'the language switch', { timeout: 5000 });
  const select = root.querySelector<HTMLSelectElement>('.language select')!;
  select.value = locale;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the shopper’s language on the whole page', function () {
  this.timeout(15_000);
  let client: KefuClient | undefined;
  afterEach(() => {
    fixtureCleanup();
    setSharedClient(undefined);
    client?.dispose();
  });

  it('switches an inline element with its own locale when the shopper picks 中文 in the panel', async () => {
    const page = await storePage();
    client = page.client;
    await waitUntil(() => title(page.faq) === en.title, 'the inline FAQ in English');

    await pick(page.widget, 'zh-CN');
    await waitUntil(() => title(page.faq) === zhCN.title, `the inline FAQ in Chinese (it shows “${title(page.faq)}”)`, {
      timeout: 5000,
    });
    expect(page.faq.dir).to.equal('ltr');

    await pick(page.widget, 'ar');
    await waitUntil(() => title(page.faq) === ar.title, 'the inline FAQ in Arabic', { timeout: 5000 });
    expect(page.faq.dir).to.equal('rtl');
  });

  it('gives the inline element its own locale back when the host sets a language after the pick', async () => {
    const page = await storePage();
    client = page.client;
    await pick(page.widget, 'zh-CN');
    await waitUntil(() => title(page.faq) === zhCN.title, 'the inline FAQ in Chinese', { timeout: 5000 });

    page.client.session.setLocale('ar');
    await waitUntil(() => title(page.faq) === en.title, 'the inline FAQ in its own English', { timeout: 5000 });
    expect(page.faq.dir).to.equal('ltr');
  });
});
