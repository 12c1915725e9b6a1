import { expect, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage, type KefuClient } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import '../define/kefu-faq.js';
import '../define/kefu-order-tracker.js';
import '../define/kefu-returns.js';
import '../define/kefu-callback.js';
import '../define/kefu-survey.js';
import '../define/kefu-chat.js';
import '../define/kefu-widget.js';
import type { KefuElement } from '../base/kefu-element.js';

/**
 * Every feature's strings other than English load on demand. A shopper reading Chinese or Arabic
 * must never see the English text first: the element waits for its language before its first paint.
 * Each title below is checked in every state the element's shadow root goes through.
 */
const features = [
  { tag: 'kefu-faq', attributes: {}, titles: { en: 'Help centre', 'zh-CN': '帮助中心', ar: 'مركز المساعدة' } },
  {
    tag: 'kefu-order-tracker',
    attributes: {},
    titles: { en: 'Track your order', 'zh-CN': '查询订单', ar: 'تتبّع طلبك' },
  },
  { tag: 'kefu-returns', attributes: {}, titles: { en: 'Return items', 'zh-CN': '退货', ar: 'إرجاع المنتجات' } },
  {
    tag: 'kefu-callback',
    attributes: {},
    titles: { en: 'Request a call back', 'zh-CN': '预约回电', ar: 'اطلب معاودة الاتصال' },
  },
  {
    tag: 'kefu-survey',
    attributes: { kind: 'csat' },
    titles: { en: 'Tell us how we did', 'zh-CN': '请评价我们的服务', ar: 'أخبرنا عن تجربتك' },
  },
  { tag: 'kefu-chat', attributes: {}, titles: { en: 'Chat with us', 'zh-CN': '在线客服', ar: 'تحدّث معنا' } },
  {
    // The widget's own strings: its home's greeting, with the panel open.
    tag: 'kefu-widget',
    attributes: { open: '' },
    titles: { en: 'Hi! How can we help?', 'zh-CN': '您好！有什么可以帮您？', ar: 'مرحبًا! كيف يمكننا مساعدتك؟' },
  },
] as const;

describe('strings in the shopper’s language', () => {
  let client: KefuClient;
  let element: KefuElement | undefined;
  beforeEach(() => {
    client = createKefu({
      backend: createMemoryBackend({ latencyMs: 5 }),
      storage: () => createMemoryStorage(),
      locale: 'en',
    });
  });
  afterEach(() => {
    element?.remove();
    client.dispose();
  });

  for (const feature of features) {
    for (const locale of ['zh-CN', 'ar'] as const) {
      it(`<${feature.tag}> in ${locale} never shows English first`, async () => {
        element = document.createElement(feature.tag) as KefuElement;
        element.client = client;
        element.locale = locale;
        for (const [name, value] of Object.entries(feature.attributes)) element.setAttribute(name, value);
        const seen: string[] = [];
        document.body.append(element);
        // The shadow root exists once connected; the first render comes later, so every state it
        // goes through is recorded.
        const observer = new MutationObserver(() => seen.push(element!.shadowRoot!.textContent ?? ''));
        observer.observe(element.shadowRoot!, { childList: true, subtree: true, characterData: true });
        await waitUntil(
          () => element!.shadowRoot!.textContent?.includes(feature.titles[locale]),
          `${feature.tag} shows its ${locale} title`,
        );
        observer.disconnect();
        expect(seen.length).to.be.greaterThan(0);
        expect(seen.filter((text) => text.includes(feature.titles.en))).to.deep.equal([]);
      });
    }
  }

  it('switches language when the shopper’s locale changes, and back', async () => {
    element = document.createElement('kefu-callback') as KefuElement;
    element.client = client;
    document.body.append(element);
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain('Request a call back');
    element.locale = 'zh-CN';
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain('预约回电');
    expect(element.dir).to.equal('ltr');
    element.locale = 'ar-EG';
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain('اطلب معاودة الاتصال');
    expect(element.dir).to.equal('rtl');
    element.locale = 'fr';
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.contain('Request a call back');
  });
});
