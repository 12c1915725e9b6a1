// A file of its own: the help centre's Chinese strings must not have been loaded by another test
// in this page, as they are not for a shopper who opens the panel for the first time.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
import type { KefuWidget } from './widget.js';

describe('<kefu-widget> home search, typed without a pause', () => {
  it('has the help centre’s box drawn and focused the moment home’s box is gone: no keystroke lands nowhere', async () => {
    const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage: () => createMemoryStorage() });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="zh-CN" .client=${client}></kefu-widget>`);
    await widget.show();
    const root = widget.shadowRoot!;
    await waitUntil(() => root.activeElement?.matches('.home-search input'), 'home’s search box has focus');

    // A key press is a task of its own: the next one after home's box leaves the page is the
    // earliest the shopper's next character can arrive. By then the help centre's box must be
    // there and have focus, even the first time, when its code and Chinese strings still had to load.
    let atNextKey: { drawn: boolean; focused: boolean; value: string | undefined } | undefined;
    const observer = new MutationObserver(() => {
      if (root.querySelector('.home-search input')) return;
      observer.disconnect();
      setTimeout(() => {
        const faq = root.querySelector('kefu-faq');
        const box = faq?.shadowRoot?.querySelector<HTMLInputElement>('#q');
        atNextKey = {
          drawn: Boolean(box),
          focused: Boolean(box) && faq?.shadowRoot?.activeElement === box,
          value: box?.value,
        };
      });
    });
    observer.observe(root, { childList: true, subtree: true });

    await sendKeys({ type: '退' });
    await waitUntil(() => atNextKey, 'home’s box has left', { timeout: 4000 });
    expect(atNextKey).to.deep.equal({ drawn: true, focused: true, value: '退' });
  });
});
