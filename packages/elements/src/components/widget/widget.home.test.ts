import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createKefu, createMemoryStorage, type Availability, type KefuBackend, type KefuClient } from '@kefu/core';
import { createMemoryBackend, createMemoryBackendWithControls } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
// The views load on demand in the product; here they are loaded up front so that a slow first
// compile by the test server is not mistaken for a slow widget.
import '../../define/kefu-faq.js';
import '../../define/kefu-order-tracker.js';
import '../../define/kefu-returns.js';
import '../../define/kefu-survey.js';
import '../../define/kefu-chat.js';
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

const shopper = { name: 'Ana Garcia', email: 'ana.garcia@example.com' };
const signedIn = 'identity:cust_ana';
const cardTexts = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLButtonElement>('.conversations button')].map((button) =>
    button.textContent!.replace(/\s+/g, ' ').trim(),
  );

/** Another device of the same shopper (its own storage), where their earlier conversations happened. */
async function chatElsewhere(
  backend: KefuBackend,
  identityToken: string | undefined,
  run: (client: KefuClient) => Promise<void>,
) {
  const phone = createKefu({ backend, storage, ...(identityToken ? { identityToken } : {}) });
  await phone.activate();
  try {
    await run(phone);
  } finally {
    phone.dispose();
  }
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

  it('lists the store’s other ways to reach it: e-mail, and phone with its hours', async () => {
    const { root } = await openWidget();
    await waitUntil(() => root.querySelector('.contact-channels'), 'contact section shown');
    const headings = [...root.querySelectorAll('.section-title')].map((heading) => heading.textContent!.trim());
    expect(headings).to.include('Other ways to reach us');
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.contact-channels a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
      'mailto:help@maple-and-moss.example',
      'tel:+33123456789',
    ]);
    expect(root.querySelector('.contact-channels .phone')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Phone +33 1 23 45 67 89 · Mon–Fri 9:00 AM – 6:00 PM (Paris time)',
    );
  });

  it('shows no contact section for a store without contact channels', async () => {
    const { contact: _none, ...config } = await createMemoryBackend().getConfig();
    const { root, widget, client } = await openWidget(createMemoryBackend({ latencyMs: 5, config }));
    await waitUntil(() => root.querySelector('.actions'), 'home shown');
    // The contact section is drawn from the store's configuration: once that is in, home is final.
    await waitUntil(() => client.config.state.value.status === 'ready', 'the configuration loaded');
    await widget.updateComplete;
    expect(root.querySelector('.contact-channels')).to.equal(null);
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

  it('promises no wait, and puts the call back first, when chat is open but nobody is online', async () => {
    // The reference server with KEFU_CHAT_ALWAYS_OPEN: open, nobody online, a wait counted from the queue.
    const { root } = await openWidget(
      withAvailability({ open: true, agentsOnline: 0, queueLength: 1, estimatedWaitSeconds: 120 }),
    );
    await waitUntil(() => actionLabels(root).some((label) => label.includes('Chat with us')), 'actions shown');
    // Availability has arrived once the order changes: the call back comes first.
    await waitUntil(() => actionLabels(root)[3] === 'Call me back', 'call back first');
    expect(actionLabels(root)[4]).to.equal('Chat with us');
    expect(root.querySelector('.actions .hint')).to.equal(null);
  });

  it('puts the call back first, and does not say "closed", inside business hours with nobody signed in', async () => {
    // The reference server's rule: inside business hours but no agent signed in, chat is not open
    // and no next opening is named (it is opening hours).
    const { root } = await openWidget(
      withAvailability({ open: false, agentsOnline: 0, queueLength: 0, estimatedWaitSeconds: 90 }),
    );
    await waitUntil(() => actionLabels(root)[3] === 'Call me back', 'call back first');
    expect(actionLabels(root)[4]).to.equal('Chat with us');
    expect(root.querySelector('.actions .hint') === null).to.equal(true);
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
    // Issue 20: the card touched the search box above it.
    const gap =
      root.querySelector('.survey-prompt')!.getBoundingClientRect().top -
      root.querySelector('.home-search input')!.getBoundingClientRect().bottom;
    expect(gap, 'space between the search box and the card').to.be.at.least(12);
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

  it('shows a signed-in shopper their two conversations from another device, newest first, and opens one in the chat', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false });
    let ended = '';
    let waiting = '';
    await chatElsewhere(backend, signedIn, async (phone) => {
      ended = (await phone.chat.start({ ...shopper, topic: 'Parcel', message: 'My parcel is late.' }))!.id;
      controls.agentJoin(ended, 'Mei');
      controls.agentSend(ended, 'It arrives tomorrow.');
      controls.closeAsAgent(ended);
      waiting = (await phone.chat.start({ ...shopper, topic: 'Sizes', message: 'Is the coat true to size?' }))!.id;
    });

    // This device has never seen them: fresh storage, only the store's identity token.
    const client = createKefu({ backend, storage, identityToken: signedIn });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="en" .client=${client}></kefu-widget>`);
    await widget.show();
    const root = widget.shadowRoot!;
    await waitUntil(() => cardTexts(root).length === 2, 'both conversations listed', { timeout: 4000 });
    expect(root.querySelector('.conversations')!.previousElementSibling!.textContent).to.equal('Recent conversations');
    expect(cardTexts(root)).to.deep.equal([
      'Waiting for an agent Is the coat true to size?',
      'Ended 1 new It arrives tomorrow.',
    ]);

    root.querySelectorAll<HTMLButtonElement>('.conversations button')[1]!.click();
    await waitUntil(() => root.querySelector('kefu-chat'), 'chat shown', { timeout: 4000 });
    expect(widget.view).to.equal('chat');
    expect(client.chat.conversation.value?.id).to.equal(ended);
    const chat = root.querySelector('kefu-chat')!;
    await waitUntil(() => chat.shadowRoot!.textContent!.includes('It arrives tomorrow.'), 'its transcript');
    expect(chat.shadowRoot!.textContent).to.contain('My parcel is late.');
    expect(waiting).to.not.equal('');
    client.dispose();
    controls.dispose();
  });

  it('shows at most three, and a shopper who is not signed in the conversation on this device', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false });
    await chatElsewhere(backend, signedIn, async (phone) => {
      for (const topic of ['One', 'Two', 'Three', 'Four']) await phone.chat.start({ ...shopper, topic });
    });
    const mine = await openWidget(backend);
    mine.client.session.identify(signedIn);
    await mine.client.chat.loadRecent();
    await waitUntil(() => cardTexts(mine.root).length === 3, 'three shown');
    expect(cardTexts(mine.root)).to.deep.equal([
      'Waiting for an agent Four',
      'Waiting for an agent Three',
      'Waiting for an agent Two',
    ]);

    // Signed out: their list goes; a visitor sees only what they started here.
    mine.client.session.identify(undefined);
    await waitUntil(() => cardTexts(mine.root).length === 0, 'their list gone');
    await mine.client.chat.start({ ...shopper, topic: 'Visitor', message: 'Just looking' });
    await waitUntil(() => cardTexts(mine.root).length === 1, 'the visitor’s conversation');
    await waitUntil(() => cardTexts(mine.root)[0]!.includes('Just looking'), 'with its preview');
    controls.dispose();
  });

  it('says so, and stays home, when a conversation cannot be opened', async () => {
    const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false });
    await chatElsewhere(backend, signedIn, async (phone) => {
      await phone.chat.start({ ...shopper, topic: 'Parcel', message: 'Hello' });
    });
    const offline: KefuBackend = {
      ...backend,
      getMessages: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const client = createKefu({ backend: offline, storage, identityToken: signedIn });
    const widget = await fixture<KefuWidget>(html`<kefu-widget locale="zh-CN" .client=${client}></kefu-widget>`);
    await widget.show();
    const root = widget.shadowRoot!;
    await waitUntil(() => cardTexts(root).length === 1, 'listed', { timeout: 4000 });
    root.querySelector<HTMLButtonElement>('.conversations button')!.click();
    await waitUntil(() => root.querySelector('[role="alert"]'), 'the failure said');
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('无法打开该对话。请检查网络连接后重试。');
    expect(widget.view).to.equal('home');
    client.dispose();
    controls.dispose();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`passes axe-core with a recent conversation, the last order and the actions shown (${theme})`, async () => {
      const client = createKefu({ backend: createMemoryBackend({ latencyMs: 5 }), storage });
      const widget = await fixture<KefuWidget>(
        html`<kefu-widget locale="en" theme=${theme} .client=${client}></kefu-widget>`,
      );
      await widget.show();
      await client.orders.lookup({ orderNumber: 'MM-1001', email: 'ana.garcia@example.com' });
      await client.chat.start({ ...shopper, topic: 'Parcel', message: 'Where is my parcel?' });
      await waitUntil(() => widget.shadowRoot!.querySelector('.card.order'));
      await waitUntil(() => widget.shadowRoot!.querySelector('.actions .hint'));
      await waitUntil(() => cardTexts(widget.shadowRoot!)[0]?.includes('Where is my parcel?'));
      await expect(widget).to.be.accessible();
    });
  }
});
