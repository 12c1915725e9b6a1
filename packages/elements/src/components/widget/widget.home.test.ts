import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createKefu, createMemoryBackend, createMemoryStorage, type Availability, type KefuBackend } from '@kefu/core';
import '../../define/kefu-widget.js';
// The views load on demand in the product; here they are loaded up front so that a slow first
// compile by the test server is not mistaken for a slow widget.
import '../../define/kefu-faq.js';
import '../../define/kefu-order-tracker.js';
import '../../define/kefu-returns.js';
import '../../define/kefu-survey.js';
import type { KefuWidget } from './widget.js';
import type { KefuNavigateDetail } from '../../base/navigation.js';

const storage = () => createMemoryStorage();

async function openWidget(backend: KefuBackend = createMemoryBackend({ latencyMs: 5 })) {
  const client = createKefu({ backend, storage });
  const widget = await fixture<KefuWidget>(html`<kefu-widget locale="en" .client=${client}></kefu-widget>`);
  await widget.show();
  return { widget, client, root: widget.shadowRoot! };
}

function withAvailability(availability: Availability): KefuBackend {
  const memory = createMemoryBackend({ latencyMs: 5 });
  return { ...memory, getAvailability: () => Promise.resolve(availability) };
}

const actionLabels = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLButtonElement>('.actions button')].map((button) => button.textContent!.trim());

describe('<kefu-widget> home', () => {
  it('goes from the search box straight to the help centre’s results, and back', async () => {
    const { widget, root } = await openWidget();
    expect(root.activeElement?.matches('.home-search input')).to.equal(true);
    await sendKeys({ type: 'r' });
    await waitUntil(() => root.querySelector('kefu-faq'), 'FAQ view shown', { timeout: 4000 });
    expect(widget.view).to.equal('faq');
    expect(root.querySelector('kefu-faq')!.query).to.equal('r');

    root.querySelector<HTMLButtonElement>('.back')!.click();
    await waitUntil(() => root.querySelector('.home-search'), 'home again');
    expect(widget.view).to.equal('home');
    expect(root.querySelector('.back')).to.equal(null);
  });

  it('offers chat first, with the wait, when agents are there', async () => {
    const { root } = await openWidget(
      withAvailability({ open: true, agentsOnline: 2, queueLength: 1, estimatedWaitSeconds: 180 }),
    );
    await waitUntil(() => root.querySelector('.actions .hint'), 'wait shown');
    const labels = actionLabels(root);
    expect(labels[3]).to.contain('Chat with us').and.contain('About 3 min wait');
    expect(labels[4]).to.equal('Call me back');
  });

  it('puts the call back first, and says when chat opens, when nobody is there', async () => {
    const { root } = await openWidget(
      withAvailability({
        open: false,
        agentsOnline: 0,
        queueLength: 0,
        estimatedWaitSeconds: 0,
        nextOpeningAt: '2026-11-23T09:00:00Z',
      }),
    );
    await waitUntil(() => root.querySelector('.actions .hint'), 'opening shown');
    const labels = actionLabels(root);
    expect(labels[3]).to.equal('Call me back');
    expect(labels[4]).to.contain('Chat with us').and.contain('Opens');
  });

  it('shows the order looked up last, and opens it in the tracker', async () => {
    const { widget, client, root } = await openWidget();
    await client.orders.lookup({ orderNumber: 'MM-1001', email: 'ana.garcia@example.com' });
    await waitUntil(() => root.querySelector('.card.order'), 'last order shown');
    expect(root.querySelector('.card.order')!.textContent).to.contain('MM-1001').and.contain('Being prepared');

    root.querySelector<HTMLButtonElement>('.card.order')!.click();
    await waitUntil(() => root.querySelector('kefu-order-tracker'), 'tracker shown', { timeout: 4000 });
    expect(widget.view).to.equal('orders');
    expect(root.querySelector('kefu-order-tracker')!.orderNumber).to.equal('MM-1001');
  });

  it('takes a feature’s hand-over to another view itself, without letting it reach the page', async () => {
    const { widget, root } = await openWidget();
    await widget.goTo({ view: 'orders' });
    await waitUntil(() => root.querySelector('kefu-order-tracker'));
    let reachedPage = false;
    const listener = () => (reachedPage = true);
    document.addEventListener('kefu-navigate', listener);
    root.querySelector('kefu-order-tracker')!.dispatchEvent(
      new CustomEvent<KefuNavigateDetail>('kefu-navigate', {
        detail: { view: 'returns', orderNumber: 'MM-1004' },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    document.removeEventListener('kefu-navigate', listener);
    await waitUntil(() => root.querySelector('kefu-returns'), 'returns shown', { timeout: 4000 });
    expect(root.querySelector('kefu-returns')!.orderNumber).to.equal('MM-1004');
    expect(reachedPage).to.equal(false);

    // Back goes to the tracker, then home.
    await widget.back();
    expect(widget.view).to.equal('orders');
    await widget.back();
    expect(widget.view).to.equal('home');
  });

  it('keeps a due survey on home until the shopper takes it', async () => {
    const { widget, client, root } = await openWidget();
    await client.config.load();
    expect(await client.survey.ask('nps')).to.equal('prompted');
    await waitUntil(() => root.querySelector('.survey-prompt'), 'survey card shown');
    root.querySelector<HTMLButtonElement>('.survey-prompt')!.click();
    await waitUntil(() => root.querySelector('kefu-survey'), 'survey shown', { timeout: 4000 });
    expect(widget.view).to.equal('survey');
    expect(root.querySelector('kefu-survey')!.kind).to.equal('nps');

    // "Not now": the survey says it will not ask again for a while; back home, the card is gone.
    const survey = root.querySelector('kefu-survey')!;
    await waitUntil(() => survey.shadowRoot!.querySelector('[part="dismiss"]'), 'dismiss shown');
    survey.shadowRoot!.querySelector<HTMLButtonElement>('[part="dismiss"]')!.click();
    await waitUntil(() => client.survey.prompt.value === undefined, 'prompt withdrawn', { timeout: 4000 });
    await widget.back();
    expect(widget.view).to.equal('home');
    expect(root.querySelector('.survey-prompt')).to.equal(null);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe-core with the last order and the actions shown (${theme})`, async () => {
      const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage });
      const widget = await fixture<KefuWidget>(
        html`<kefu-widget locale="en" theme=${theme} .client=${client}></kefu-widget>`,
      );
      await widget.show();
      await client.orders.lookup({ orderNumber: 'MM-1001', email: 'ana.garcia@example.com' });
      await waitUntil(() => widget.shadowRoot!.querySelector('.card.order'));
      await waitUntil(() => widget.shadowRoot!.querySelector('.actions .hint'));
      await expect(widget).to.be.accessible();
    });
  }
});
