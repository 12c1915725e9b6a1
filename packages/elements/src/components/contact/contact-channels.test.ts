import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { createKefu, createMemoryBackend, createMemoryStorage } from '@kefu/core';
import '../../define/kefu-widget.js';
import type { KefuWidget } from '../widget/widget.js';

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
