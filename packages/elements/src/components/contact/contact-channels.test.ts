import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import { demoStoreConfig } from '@kefu/core/seed';
import '../../define/kefu-widget.js';
import type { KefuWidget } from '../widget/widget.js';
import { pickCatalogue } from '../../i18n/localize.js';
import { contactMessages, summarizeHours } from './contact-channels.js';

/**
 * The store's e-mail and phone on a phone's home, in each language: rows like the quick actions,
 * no list bullets, and an address that wraps inside the panel rather than running out of it (a
 * screenshot in Arabic showed bullets and "help@maple-and-" cut at the panel's edge).
 */
describe('the store’s other ways to reach it, on a phone', () => {
  for (const locale of ['en', 'zh-CN', 'ar']) {
    it(`draws rows without bullets that fit the panel (${locale})`, async () => {
      await setViewport({ width: 375, height: 740 });
      const client = createKefu({
        backend: createMemoryBackend({ latencyMs: 5 }),
        storage: () => createMemoryStorage(),
      });
      const widget = await fixture<KefuWidget>(html`<kefu-widget locale=${locale} .client=${client}></kefu-widget>`);
      await widget.show();
      const root = widget.shadowRoot!;
      await waitUntil(() => root.querySelector('.contact-channels'), 'contact section shown');
      const list = root.querySelector<HTMLElement>('.contact-channels')!;
      expect(getComputedStyle(list).listStyleType).to.equal('none');
      const panel = root.querySelector<HTMLElement>('[part="body"]')!.getBoundingClientRect();
      for (const row of root.querySelectorAll<HTMLElement>('.contact-channel')) {
        const box = row.getBoundingClientRect();
        expect(box.left >= panel.left && box.right <= panel.right, `${row.textContent!.trim()} fits`).to.equal(true);
        expect(row.scrollWidth <= row.clientWidth, 'nothing runs out of its row').to.equal(true);
      }
      client.dispose();
    });
  }
});

/**
 * Whose clock the hours are on, in words the shopper reads: the npm-start screenshots showed
 * "(Paris时间)" and "(بتوقيت Paris)", an English city name inside Chinese and Arabic.
 */
describe('the store’s hours, in the shopper’s language', () => {
  for (const [locale, zone] of [
    ['en', '(Paris time)'],
    ['zh-CN', '（法国时间）'],
    ['ar', '(توقيت فرنسا)'],
  ] as const) {
    it(`says whose clock they are on in ${locale}`, () => {
      const hours = summarizeHours(demoStoreConfig.businessHours, locale, pickCatalogue(contactMessages, locale));
      expect(hours).to.include(zone);
      if (locale !== 'en') expect(hours, 'no word in Latin letters').not.to.match(/[A-Za-z]/);
    });
  }
});

/** The npm-start screenshot in Arabic: "الاثنين–" at the end of a line, "الجمعة" on the next. */
describe('the store’s days, on a phone', () => {
  it('keeps a range of days on one line (ar)', async () => {
    await setViewport({ width: 375, height: 740 });
    const client = createKefu({
      backend: createMemoryBackend({ latencyMs: 5 }),
      storage: () => createMemoryStorage(),
    });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="ar" .client=${client}></kefu-widget>`);
    await widget.show();
    const root = widget.shadowRoot!;
    await waitUntil(() => root.querySelector('.contact-channel .hours'), 'the hours shown');
    const walker = document.createTreeWalker(root.querySelector('.contact-channel .hours')!, NodeFilter.SHOW_TEXT);
    let text: Text | undefined;
    while (walker.nextNode())
      if ((walker.currentNode as Text).data.includes('الجمعة')) text = walker.currentNode as Text;
    const lineOf = (index: number) => {
      const range = document.createRange();
      range.setStart(text!, index);
      range.setEnd(text!, index + 1);
      return Math.round(range.getBoundingClientRect().top);
    };
    const first = text!.data.indexOf('الاثنين');
    const last = text!.data.indexOf('الجمعة');
    expect(lineOf(first), text!.data).to.equal(lineOf(last + 'الجمعة'.length - 1));
    client.dispose();
  });
});
