import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';
import { createDemoOrders } from '@kefu/core/seed';
import '../define/kefu-order-tracker.js';
import type { KefuOrderTracker } from '../components/order-tracker/order-tracker.js';
import { ar } from '../components/order-tracker/order-tracker.messages.ar.js';

/**
 * Issue 20: inside Arabic text, "MM-1003" could wrap as "MM-" / "1003" on a narrow phone, and a
 * store's number must keep its own direction. The number is a <bdi> that never breaks; the text
 * around it is the catalogue's sentence, unchanged (it reads, copies and finds as written).
 */
describe('an order number inside a sentence', () => {
  it('stays on one line and in its own direction in a narrow Arabic heading', async () => {
    const seed = createDemoOrders(new Date()).find((candidate) => candidate.order.number === 'MM-1003')!;
    const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage: () => createMemoryStorage() });
    // Narrower than the number itself: a number that may break, breaks at its hyphen.
    const tracker = await fixture<KefuOrderTracker>(
      html`<kefu-order-tracker locale="ar" style="inline-size: 3em" .client=${client}></kefu-order-tracker>`,
    );
    const root = tracker.shadowRoot!;
    await waitUntil(() => root.querySelector('#field-orderNumber'), 'the form');
    const fill = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(`#field-${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    fill('orderNumber', 'MM-1003');
    fill('contact', seed.email);
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root.querySelector('.order-heading'), 'the order');
    const heading = root.querySelector('.order-heading')!;

    expect(heading.textContent!.trim()).to.equal(ar.orderHeading('MM-1003'));
    const number = heading.querySelector('bdi')!;
    expect(number.textContent).to.equal('MM-1003');
    const range = document.createRange();
    range.selectNodeContents(number);
    expect(range.getClientRects().length, 'one line').to.equal(1);
    const [mm, digits] = ['MM', '1003'].map((part) => {
      const text = [...number.childNodes].find(
        (node): node is Text => node instanceof Text && node.data.includes(part),
      )!;
      const at = text.data.indexOf(part);
      range.setStart(text, at);
      range.setEnd(text, at + part.length);
      return range.getBoundingClientRect();
    });
    expect(mm!.left, '"MM" is read first, on the left').to.be.below(digits!.left);
    client.dispose();
  });
});
