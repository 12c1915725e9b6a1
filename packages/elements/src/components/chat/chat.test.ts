import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  createHttpBackend,
  createKefu,
  createMemoryStorage,
  manualNetworkStatus,
  type KefuClient,
  type KeyValueStorage,
} from '@kefu/core';
import { createMemoryBackendWithControls } from '../../../../core/src/adapters/memory/memory-backend.js';
import { startMockServer } from '../../../../../test/support/msw.js';
import { createContractHandlers } from '../../../../../test/support/contract-handlers.js';
import '../../define/kefu-chat.js';
import '../../define/kefu-widget.js';
import type { KefuChat } from './chat.js';
import type { KefuWidget } from '../widget/widget.js';
import type { KefuNavigateDetail } from '../../base/navigation.js';
import { chatMessages, type ChatMessages } from './chat.messages.js';
import { zhCN } from './chat.messages.zh-CN.js';
import { ar } from './chat.messages.ar.js';

type Memory = ReturnType<typeof createMemoryBackendWithControls>;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(
  options: {
    agentsOnline?: number;
    alwaysOpen?: boolean;
    simulateAgent?: boolean;
    online?: boolean;
    now?: () => number;
    /** Whether the store's config says it sends e-mail. */
    sendsMail?: boolean;
    locale?: string;
  } = {},
  disk: KeyValueStorage = createMemoryStorage(),
) {
  const memory = createMemoryBackendWithControls({
    latencyMs: 5,
    agentReplyDelayMs: 30,
    agentsOnline: options.agentsOnline ?? 1,
    alwaysOpen: options.alwaysOpen ?? true,
    simulateAgent: options.simulateAgent ?? true,
    sendsMail: options.sendsMail ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  const network = manualNetworkStatus(options.online ?? true);
  const client = createKefu({ backend: memory.backend, storage: () => disk, network, locale: options.locale ?? 'en' });
  cleanups.push(
    () => client.dispose(),
    () => memory.controls.dispose(),
  );
  return { memory, client, network, disk };
}

async function mount(client: KefuClient, template = html`<kefu-chat></kefu-chat>`) {
  const element = await fixture<KefuChat>(template);
  element.client = client;
  await client.activate();
  await element.updateComplete;
  return element;
}

const root = (element: KefuChat) => element.shadowRoot!;
const text = (element: KefuChat) => root(element).textContent?.replace(/\s+/g, ' ') ?? '';
const field = (element: KefuChat, name: string) =>
  root(element).querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
const button = (element: KefuChat, label: string) =>
  [...root(element).querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === label)!;

async function type(element: KefuChat, name: string, value: string) {
  field(element, name).focus();
  await sendKeys({ type: value });
}

/** What the browser does when the shopper picks a file in the file input. */
function choose(input: HTMLInputElement, file: File) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

async function startChat(element: KefuChat, message = 'Hello, where is my parcel?') {
  await waitUntil(() => field(element, 'name'), 'the pre-chat form');
  await type(element, 'name', 'Ana Garcia');
  await type(element, 'email', 'ana.garcia@example.com');
  await type(element, 'message', message);
  button(element, 'Start chat').click();
  await waitUntil(() => field(element, 'composer'), 'the conversation opened', { timeout: 3000 });
}

const bubbles = (element: KefuChat) =>
  [...root(element).querySelectorAll('li[data-key] .bubble p')].map((node) => node.textContent ?? '');

describe('<kefu-chat> against the memory backend’s simulated agent', () => {
  it('shows who is available, suggests articles while the first message is typed, then chats with Mei', async function () {
    this.timeout(20_000);
    const { client, memory } = setup();
    const element = await mount(client);
    await waitUntil(() => text(element).includes('1 agent online'), 'availability');
    expect(text(element)).to.include('under a minute');
    await expect(element).to.be.accessible();

    await type(element, 'name', 'Ana Garcia');
    await type(element, 'email', 'ana.garcia@example.com');
    await type(element, 'message', 'How do I track my order');
    await waitUntil(() => root(element).querySelectorAll('.suggestions li').length > 0, 'FAQ suggestions', {
      timeout: 3000,
    });
    expect(root(element).querySelectorAll('.suggestions li').length).to.be.at.most(3);
    await expect(element).to.be.accessible();

    // Opening a suggestion is a deflection (the shopper went for the answer) until they chat after all.
    const deflected: string[] = [];
    const navigations: KefuNavigateDetail[] = [];
    element.addEventListener('kefu-deflection', (event) =>
      deflected.push((event as CustomEvent<{ articleId: string }>).detail.articleId),
    );
    element.addEventListener('kefu-navigate', (event) => navigations.push(event.detail));
    root(element).querySelector<HTMLAnchorElement>('.suggestions a')!.click();
    expect(deflected).to.have.length(1);
    expect(navigations).to.deep.equal([{ view: 'faq', articleId: deflected[0] }]);
    expect(client.chat.deflections.value).to.deep.equal(deflected);

    button(element, 'Start chat').click();
    await waitUntil(() => text(element).includes('Chatting with Mei'), 'Mei joined', { timeout: 3000 });
    expect(client.chat.deflections.value, 'chatting after all is no deflection').to.deep.equal([]);
    await waitUntil(() => root(element).querySelector('li.agent'), 'Mei answered', { timeout: 3000 });
    await expect(element).to.be.accessible();

    // Enter sends; the message is shown at once, then stored, then read by the agent.
    await type(element, 'composer', 'Thanks!');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => bubbles(element).includes('Thanks!'), 'my message shows');
    expect(field(element, 'composer').value).to.equal('');
    const id = client.chat.conversation.value!.id;
    await waitUntil(() =>
      memory.controls.events(id).some((event) => event.type === 'message' && event.message.text === 'Thanks!'),
    );
    // The agent reads: a read receipt.
    await waitUntil(() => text(element).includes('Sent') || text(element).includes('Read'));

    // Typing shows, from the agent; and the shopper's typing reaches the agent.
    memory.controls.agentTyping(id, true);
    await waitUntil(() => text(element).includes('Mei is typing…'), 'agent typing');
    await type(element, 'composer', 'a');
    await waitUntil(() =>
      memory.controls.events(id).some((event) => event.type === 'typing' && event.author === 'shopper' && event.typing),
    );
  });

  it('marks messages waiting to send while offline, then sends each once when back online', async () => {
    const { client, network, memory } = setup();
    const element = await mount(client);
    await startChat(element);
    network.set(false);
    await type(element, 'composer', 'Typed offline');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(element).includes('Waiting to send'), 'waiting to send');
    expect(text(element)).to.include('You are offline');
    await expect(element).to.be.accessible();
    network.set(true);
    await waitUntil(() => !text(element).includes('Waiting to send'), 'sent', { timeout: 4000 });
    const id = client.chat.conversation.value!.id;
    const copies = memory.controls
      .events(id)
      .filter((event) => event.type === 'message' && event.message.text === 'Typed offline');
    expect(copies).to.have.length(1);
  });

  it('in the widget’s panel on a phone, offline, shows one offline notice, not two', async () => {
    await setViewport({ width: 375, height: 667 });
    try {
      const { client, network } = setup();
      const element = await mount(client);
      await startChat(element);
      const widget = await fixture<KefuWidget>(html`<kefu-widget locale="en" .client=${client}></kefu-widget>`);
      await widget.show({ view: 'chat' });
      await waitUntil(() => widget.shadowRoot!.querySelector('kefu-chat'), 'the chat view');
      const chat = widget.shadowRoot!.querySelector<KefuChat>('kefu-chat')!;
      await waitUntil(() => field(chat, 'composer'), 'the conversation in the panel', { timeout: 3000 });
      network.set(false);
      await waitUntil(() => widget.shadowRoot!.querySelector('.notice'), 'the panel’s offline notice');
      await chat.updateComplete;
      const notices = [
        ...widget.shadowRoot!.querySelectorAll('.notice, .banner'),
        ...root(chat).querySelectorAll('.notice, .banner'),
      ].filter((node) => /offline/i.test(node.textContent ?? ''));
      expect(notices).to.have.length(1);
      // On its own on a page, chat still says it.
      expect(text(element)).to.include('You are offline');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('offers a callback or a message by email when chat is closed, with the next opening in local time', async () => {
    // A Saturday, outside the store's hours: on a weekday between 9:00 and 18:00 in Paris, chat is
    // "closed" only for want of agents, and there is no next opening to show. The store sends
    // e-mail here (its config says so): the message left is answered by e-mail.
    const startedAt = Date.now();
    const saturday = Date.parse('2026-11-28T10:00:00Z');
    const { client } = setup({
      alwaysOpen: false,
      agentsOnline: 0,
      now: () => saturday + Date.now() - startedAt,
      sendsMail: true,
    });
    const element = await mount(client, html`<kefu-chat order-number="MM-1001" topic="Delivery"></kefu-chat>`);
    await waitUntil(() => text(element).includes('Chat is closed right now.'), 'closed');
    expect(text(element)).to.match(/We open again .+\./);
    await expect(element).to.be.accessible();
    let navigation: KefuNavigateDetail | undefined;
    element.addEventListener('kefu-navigate', (event) => {
      navigation = event.detail;
      event.preventDefault();
    });
    button(element, 'Request a callback').click();
    expect(navigation).to.deep.equal({ view: 'callback', orderNumber: 'MM-1001', topic: 'Delivery' });

    button(element, 'Leave a message').click();
    await element.updateComplete;
    expect(button(element, 'Send message')).to.exist;
    button(element, 'Send message').click();
    await element.updateComplete;
    // Nothing typed is lost; each field says what is wrong.
    expect(text(element)).to.include('Enter your name.');
    expect(text(element)).to.include('Write a message first.');
    await expect(element).to.be.accessible();
    await type(element, 'name', 'Ana');
    await type(element, 'email', 'ana@example.com');
    await type(element, 'message', 'Please call me about the sofa.');
    button(element, 'Send message').click();
    await waitUntil(() => text(element).includes('We will answer by email at ana@example.com'), 'message left');
  });

  it('names what is wrong above each field, tied to it, and focuses the first', async () => {
    const { client } = setup();
    const element = await mount(client);
    await waitUntil(() => field(element, 'name'), 'the pre-chat form');
    await type(element, 'email', 'ana@example');
    button(element, 'Start chat').click();
    await waitUntil(() => root(element).activeElement === field(element, 'name'), 'focus on the first wrong field');
    const expected = {
      name: 'Enter your name.',
      email: 'Enter a valid email address, e.g. ana@example.com.',
    };
    for (const [name, error] of Object.entries(expected)) {
      const control = field(element, name);
      const message = root(element).querySelector(`#field-${name}-error`)!;
      expect(control.id).to.equal(`field-${name}`);
      expect(control.labels![0]!.textContent, 'the label is the label alone').to.not.include(error);
      expect(message.textContent).to.equal(error);
      expect(control.getAttribute('aria-invalid')).to.equal('true');
      expect(control.getAttribute('aria-describedby')).to.equal(message.id);
      // Above the control, where a phone's keyboard does not cover it.
      expect(message.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    }
    // The first message is optional when chatting (it is required only for a message left by email).
    expect(field(element, 'message').getAttribute('aria-invalid')).to.equal('false');
    await expect(element).to.be.accessible();

    await type(element, 'name', 'Ana');
    await element.updateComplete;
    expect(root(element).querySelector('#field-name-error')!.textContent).to.equal('');
    expect(field(element, 'name').hasAttribute('aria-describedby')).to.equal(false);
  });

  it('skips name and email for an identified shopper', async () => {
    const { client } = setup();
    const element = await mount(client);
    element.shopper = { name: 'Ana Garcia', email: 'ana.garcia@example.com' };
    element.prechatFields = [];
    await element.updateComplete;
    await waitUntil(() => field(element, 'message'), 'the form');
    expect(field(element, 'name')).to.equal(null);
    expect(field(element, 'email')).to.equal(null);
    await type(element, 'message', 'Hi');
    button(element, 'Start chat').click();
    await waitUntil(() => field(element, 'composer'), 'started');
  });

  it('renders bold, lists and http(s) links, and never markup from a message', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element, 'Hi');
    const id = client.chat.conversation.value!.id;
    memory.controls.agentJoin(id, 'Lin');
    memory.controls.agentSend(
      id,
      '**Good news**: see https://example.com/track.\n- one\n- two\n[bad](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    await waitUntil(() => root(element).querySelector('li.agent strong'), 'formatted message', { timeout: 3000 });
    const agent = root(element).querySelector('li.agent')!;
    expect(agent.querySelector('strong')!.textContent).to.equal('Good news');
    expect([...agent.querySelectorAll('a')].map((link) => link.getAttribute('href'))).to.deep.equal([
      'https://example.com/track',
    ]);
    expect(agent.querySelectorAll('ul li')).to.have.length(2);
    expect(agent.querySelector('img')).to.equal(null);
    expect(agent.textContent).to.include('<img src=x onerror=alert(1)>');
    expect(text(element)).to.include('Chatting with Lin');
  });

  it('keeps at most 300 nodes for 1,000 messages, and scrolls to the oldest', async function () {
    this.timeout(20_000);
    // A long conversation opened again (a reload, another page): the history arrives in one
    // catch-up, as it would from the server, not as 1,000 live events.
    const disk = createMemoryStorage();
    const first = setup({ simulateAgent: false }, disk);
    await first.client.activate();
    const conversation = await first.client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Long' });
    first.client.dispose();
    first.memory.controls.agentJoin(conversation!.id, 'Mei');
    for (let index = 1; index <= 1000; index += 1)
      first.memory.controls.agentSend(conversation!.id, `Message ${index}`);
    const client = createKefu({ backend: first.memory.backend, storage: () => disk, locale: 'en' });
    cleanups.push(() => client.dispose());
    const element = await mount(client);
    await waitUntil(() => bubbles(element).includes('Message 1000'), 'the newest shows', { timeout: 8000 });
    const nodes = root(element).querySelectorAll('*').length;
    expect(nodes).to.be.at.most(300);
    const scroller = root(element).querySelector<HTMLElement>('.scroller')!;
    for (let step = 0; step < 40 && !bubbles(element).includes('Message 1'); step += 1) {
      scroller.scrollTop = 0;
      scroller.dispatchEvent(new Event('scroll'));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 20)));
    }
    expect(bubbles(element)).to.include('Message 1');
    expect(root(element).querySelectorAll('*').length).to.be.at.most(300);
  });

  it('survives a reload: the transcript shows from the cache, then syncs what came meanwhile', async () => {
    const disk = createMemoryStorage();
    const first = setup({ simulateAgent: false }, disk);
    const element = await mount(first.client);
    await startChat(element, 'Before reload');
    const id = first.client.chat.conversation.value!.id;
    await waitUntil(() => first.client.chat.transcript.value.some((entry) => entry.seq));
    element.remove();
    first.client.dispose();
    first.memory.controls.agentJoin(id, 'Mei');
    first.memory.controls.agentSend(id, 'While you were away');
    const reloaded = createKefu({ backend: first.memory.backend, storage: () => disk, locale: 'en' });
    cleanups.push(() => reloaded.dispose());
    const again = await mount(reloaded);
    await waitUntil(() => bubbles(again).includes('Before reload'), 'from the cache');
    await waitUntil(() => bubbles(again).includes('While you were away'), 'synced', { timeout: 3000 });
  });

  it('ends the chat, offers the CSAT survey and emails the transcript', async () => {
    // A store that sends e-mail (its config says so) offers the transcript by e-mail.
    const { client, memory } = setup({ sendsMail: true });
    const element = await mount(client);
    await startChat(element);
    const id = client.chat.conversation.value!.id;
    await waitUntil(() => button(element, 'Email me the transcript'), 'the transcript offer');
    button(element, 'Email me the transcript').click();
    await element.updateComplete;
    expect(field(element, 'transcript-email').value).to.equal('ana.garcia@example.com');
    // An address that is not one: the field says so, and gets the focus; nothing is sent.
    field(element, 'transcript-email').focus();
    field(element, 'transcript-email').select();
    await sendKeys({ type: 'ana.garcia' });
    button(element, 'Send transcript').click();
    await waitUntil(() => root(element).activeElement === field(element, 'transcript-email'), 'focus on the field');
    expect(root(element).querySelector('#field-transcript-email-error')!.textContent).to.equal(
      'Enter a valid email address, e.g. ana@example.com.',
    );
    expect(field(element, 'transcript-email').getAttribute('aria-invalid')).to.equal('true');
    expect(text(element)).to.not.include('could not be sent');
    await sendKeys({ type: '@example.com' });
    await element.updateComplete;
    expect(field(element, 'transcript-email').getAttribute('aria-invalid')).to.equal('false');
    button(element, 'Send transcript').click();
    await waitUntil(() => text(element).includes('The transcript is on its way'), 'transcript sent');
    expect(memory.controls.transcriptEmails(id)).to.deep.equal(['ana.garcia@example.com']);

    button(element, 'End chat').click();
    await element.updateComplete;
    button(element, 'End chat').click();
    await waitUntil(() => text(element).includes('This chat has ended.'), 'ended');
    await expect(element).to.be.accessible();
    let navigation: KefuNavigateDetail | undefined;
    element.addEventListener('kefu-navigate', (event) => (navigation = event.detail));
    button(element, 'Rate this chat').click();
    expect(navigation).to.deep.equal({
      view: 'survey',
      surveyKind: 'csat',
      surveySubject: { type: 'conversation', id },
    });
  });

  it('checks attachments by content and size, shows progress, and sends the photo with the message', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element);
    const input = root(element).querySelector<HTMLInputElement>('input[type="file"]')!;
    choose(input, new File(['not really a picture'], 'photo.png', { type: 'image/png' }));
    await waitUntil(() => text(element).includes('Only JPEG, PNG, WebP images and PDF files'), 'type refused');
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
      (character) => character.charCodeAt(0),
    );
    choose(input, new File([png], 'parcel.png', { type: 'image/png' }));
    await waitUntil(() => root(element).querySelector('.pending li'), 'pending attachment');
    await waitUntil(() => !root(element).querySelector('.pending progress'), 'uploaded', { timeout: 3000 });
    button(element, 'Send').click();
    const id = client.chat.conversation.value!.id;
    await waitUntil(
      () =>
        memory.controls
          .events(id)
          .some((event) => event.type === 'message' && (event.message.attachments?.length ?? 0) === 1),
      'stored with its attachment',
      { timeout: 3000 },
    );
    await waitUntil(() => root(element).querySelector('li.shopper img'), 'shown in the transcript');
    // A message's files are not a bulleted list, as its own formatted lists are.
    const item = root(element).querySelector('li.shopper .attachments li')!;
    expect(getComputedStyle(item).listStyleType).to.equal('none');
  });

  it('attaches a PDF through the file input, sends it, and shows it as a download link, not inline', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element);
    const input = root(element).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).to.contain('application/pdf');
    // An HTML page renamed .pdf is refused by its bytes before anything is uploaded.
    choose(input, new File(['<!doctype html><script>alert(1)</script>'], 'fake.pdf', { type: 'application/pdf' }));
    await waitUntil(() => text(element).includes('Only JPEG, PNG, WebP images and PDF files'), 'type refused');
    expect(root(element).querySelector('.pending li')).to.equal(null);

    const pdf = new File(['%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'], 'invoice-MM-1004.pdf', {
      type: 'application/pdf',
    });
    choose(input, pdf);
    await waitUntil(() => root(element).querySelector('.pending li'), 'pending attachment');
    await waitUntil(() => !root(element).querySelector('.pending progress'), 'uploaded', { timeout: 3000 });
    await type(element, 'composer', 'Here is the invoice.');
    button(element, 'Send').click();

    const id = client.chat.conversation.value!.id;
    await waitUntil(
      () =>
        memory.controls
          .events(id)
          .some(
            (event) => event.type === 'message' && event.message.attachments?.[0]?.contentType === 'application/pdf',
          ),
      'stored with the PDF',
      { timeout: 3000 },
    );
    await waitUntil(() => root(element).querySelector('li.shopper .attachments a'), 'shown in the transcript');
    const link = root(element).querySelector<HTMLAnchorElement>('li.shopper .attachments a')!;
    expect(link.textContent!.trim()).to.equal('Attachment: invoice-MM-1004.pdf');
    expect(link.getAttribute('download')).to.equal('invoice-MM-1004.pdf');
    expect(link.href).to.match(/^blob:/);
    expect(root(element).querySelector('li.shopper .attachments img')).to.equal(null);
    // The link opens this device's own copy of the file.
    expect(await (await fetch(link.href)).text()).to.match(/^%PDF-1\.7/);
    await expect(element).to.be.accessible();
  });

  it('names the agent who is answering, even when their joining was missed (a reload)', async () => {
    const disk = createMemoryStorage();
    const first = setup({ simulateAgent: false }, disk);
    const element = await mount(first.client);
    await startChat(element, 'Before reload');
    const id = first.client.chat.conversation.value!.id;
    await waitUntil(() => first.client.chat.transcript.value.some((entry) => entry.seq));
    expect(text(element)).to.include('number 1 in line');
    element.remove();
    first.client.dispose();
    // Lin takes the chat and answers while the page is away: the catch-up brings her message only.
    first.memory.controls.agentJoin(id, 'Lin');
    first.memory.controls.agentSend(id, 'Hi, Lin here. Let me check.');
    const reloaded = createKefu({ backend: first.memory.backend, storage: () => disk, locale: 'en' });
    cleanups.push(() => reloaded.dispose());
    const again = await mount(reloaded);
    await waitUntil(() => bubbles(again).includes('Hi, Lin here. Let me check.'), 'synced', { timeout: 3000 });
    await waitUntil(() => text(again).includes('Chatting with Lin'), 'the header names Lin');
    expect(text(again)).to.not.include('Waiting for an agent').and.not.include('in line');
    first.memory.controls.agentTyping(id, true);
    await waitUntil(() => text(again).includes('Lin is typing…'), 'typing names Lin');
    expect(text(again)).to.not.include('Agent is typing');
  });

  it('after a reload, names the agent who joined but has not written yet', async () => {
    const disk = createMemoryStorage();
    const first = setup({ simulateAgent: false }, disk);
    const element = await mount(first.client);
    await startChat(element, 'Before reload');
    const id = first.client.chat.conversation.value!.id;
    await waitUntil(() => first.client.chat.transcript.value.some((entry) => entry.seq));
    element.remove();
    first.client.dispose();
    // Lin accepts while the page reloads, and has not written anything yet.
    first.memory.controls.agentJoin(id, 'Lin');
    const reloaded = createKefu({ backend: first.memory.backend, storage: () => disk, locale: 'en' });
    cleanups.push(() => reloaded.dispose());
    const again = await mount(reloaded);
    await waitUntil(() => bubbles(again).includes('Before reload'), 'the transcript is back', { timeout: 3000 });
    await waitUntil(() => text(again).includes('Chatting with Lin'), 'the header names Lin', { timeout: 3000 });
    expect(text(again)).to.not.include('Waiting for an agent').and.not.include('in line');
  });

  it('asks about an article in a new chat: the article goes with it, the message stays as typed', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element, 'An old question');
    const old = client.chat.conversation.value!.id;
    memory.controls.closeAsAgent(old);
    await waitUntil(() => text(element).includes('This chat has ended.'), 'the old chat ended');

    // "Ask our team about this" under an article that did not help.
    const article = { id: 'en-payment-charged-twice', title: 'I was charged twice' };
    element.articleId = article.id;
    element.topic = article.title;
    await waitUntil(() => field(element, 'message'), 'a new pre-chat form, not the ended chat');
    // What Kefu knows is filled in, and stays editable.
    expect(field(element, 'name').value).to.equal('Ana Garcia');
    expect(field(element, 'email').value).to.equal('ana.garcia@example.com');
    expect(field(element, 'topic').value).to.equal(article.title);
    await type(element, 'message', 'Still charged twice after the refund.');
    button(element, 'Start chat').click();
    await waitUntil(() => field(element, 'composer'), 'the new conversation', { timeout: 3000 });

    const conversation = client.chat.conversation.value!;
    expect(conversation.id).to.not.equal(old);
    const state = await memory.backend.getConversation(conversation.id, { token: conversation.token });
    expect(state.context).to.deep.equal({ articleId: article.id, articleTitle: article.title });
    await waitUntil(() => bubbles(element).length > 0, 'the first message');
    expect(bubbles(element)).to.deep.equal(['Still charged twice after the refund.']);
  });

  it('asks about an article while a chat is queued: that chat gets the article, the shopper’s words stay theirs', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element, 'Where is my parcel?');
    const running = client.chat.conversation.value!;

    // "Ask our team about this" under an article, with the chat still waiting for an agent.
    const article = { id: 'en-payment-charged-twice', title: 'I was charged twice' };
    element.articleId = article.id;
    element.topic = article.title;
    await waitUntil(() => text(element).includes('We have shown the agent the article you asked about'), 'said', {
      timeout: 3000,
    });
    // The same conversation, not a new pre-chat form; the agent sees the article as its context.
    expect(client.chat.conversation.value!.id).to.equal(running.id);
    expect(field(element, 'composer')).to.exist;
    expect(text(element)).to.include(article.title);
    const state = await memory.backend.getConversation(running.id, { token: running.token });
    expect(state.context).to.deep.equal({ articleId: article.id, articleTitle: article.title });
    const words = memory.controls
      .events(running.id)
      .flatMap((event) => (event.type === 'message' ? [event.message.text] : []));
    expect(words).to.deep.equal(['Where is my parcel?']);
    expect(words.join(' ')).to.not.include(article.id);
    await expect(element).to.be.accessible();

    // When it ends, the ended chat shows as before (rating, transcript), not an empty form.
    memory.controls.closeAsAgent(running.id);
    await waitUntil(() => text(element).includes('This chat has ended.'), 'ended');
  });

  it('prefills the chat about an order the shopper looked up, editable', async () => {
    const { client } = setup({ simulateAgent: false });
    const element = await mount(client);
    const order = await client.orders.lookup({ orderNumber: 'MM-1003', email: 'lena.schmidt@example.com' });
    expect(order?.number).to.equal('MM-1003');
    await element.updateComplete;
    await waitUntil(() => field(element, 'orderNumber'), 'the pre-chat form');
    expect(field(element, 'orderNumber').value).to.equal('MM-1003');
    expect(field(element, 'topic').value).to.equal('Order MM-1003');
    // Editable: the shopper's own topic replaces it.
    field(element, 'topic').select();
    await type(element, 'topic', 'A broken plate');
    expect(field(element, 'topic').value).to.equal('A broken plate');
  });

  it('shows that the chat was rated once its CSAT is answered, instead of offering it again', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element);
    const id = client.chat.conversation.value!.id;
    memory.controls.closeAsAgent(id);
    await waitUntil(() => button(element, 'Rate this chat'), 'the rating offered');
    // Answered in the survey view (or remembered from an earlier visit): the survey store knows.
    await client.survey.answer({ kind: 'csat', score: 5, subject: { type: 'conversation', id } });
    await waitUntil(() => text(element).includes('You rated this chat.'), 'the thank-you', { timeout: 3000 });
    expect(button(element, 'Rate this chat')).to.equal(undefined);
    expect(text(element)).to.not.include('How did we do?');
    await expect(element).to.be.accessible();
  });

  it('with nobody online, says so and what happens, with no green dot and no wait', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false, agentsOnline: 0 });
    cleanups.push(() => memory.controls.dispose());
    // The reference server with KEFU_CHAT_ALWAYS_OPEN: open, nobody online, a wait counted from the queue.
    const backend = {
      ...memory.backend,
      getAvailability: async () => ({ open: true, agentsOnline: 0, queueLength: 1, estimatedWaitSeconds: 120 }),
    };
    const client = createKefu({ backend, storage: () => createMemoryStorage(), locale: 'en' });
    cleanups.push(() => client.dispose());
    const element = await mount(client);
    await waitUntil(() => text(element).includes('Nobody is online right now.'), 'nobody online');
    expect(text(element)).to.include('it waits in the queue');
    expect(text(element)).to.not.include('0 agents online').and.not.include('Expected wait').and.not.include('minute');
    expect(root(element).querySelector('.dot')).to.equal(null);
    await expect(element).to.be.accessible();
    // The shopper may chat anyway: the conversation waits in the queue, as the server keeps it.
    button(element, 'Chat anyway').click();
    await startChat(element, 'Anyone there?');
    await waitUntil(() => text(element).includes('number 1 in line'), 'queued');
  });

  it('inside business hours with nobody signed in, says nobody is online, not closed, with no wait', async () => {
    const memory = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false, agentsOnline: 0 });
    cleanups.push(() => memory.controls.dispose());
    // The reference server's rule: not open without an agent, and no next opening inside the hours.
    const backend = {
      ...memory.backend,
      getAvailability: async () => ({ open: false, agentsOnline: 0, queueLength: 0, estimatedWaitSeconds: 90 }),
    };
    const client = createKefu({ backend, storage: () => createMemoryStorage(), locale: 'en' });
    cleanups.push(() => client.dispose());
    const element = await mount(client);
    await waitUntil(() => text(element).includes('Nobody is online right now.'), 'nobody online');
    expect(text(element)).to.not.include('Chat is closed').and.not.include('Expected wait');
    expect(text(element)).to.not.include('it waits in the queue');
    expect(button(element, 'Chat anyway') === undefined).to.equal(true);
    expect(button(element, 'Request a callback') === undefined).to.equal(false);
    expect(root(element).querySelector('.dot') === null).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('shows a failed message with retry and remove', async () => {
    const { client, memory } = setup({ simulateAgent: false });
    const element = await mount(client);
    await startChat(element);
    memory.controls.closeAsAgent(client.chat.conversation.value!.id);
    // The store hears the close; a message sent to a closed conversation fails for good.
    await client.chat.send('Too late');
    // The closing alone shows "This chat has ended": wait for the message's own failed state.
    await waitUntil(() => root(element).querySelector('li.shopper.failed'), 'the message failed');
    const failed = root(element).querySelector('li.shopper.failed')!;
    expect(failed.textContent).to.include('Too late');
    expect(failed.querySelector('.state')?.textContent?.trim()).to.equal('Not sent');
    const buttons = [...failed.querySelectorAll('.failed-actions button')].map((button) => button.textContent?.trim());
    expect(buttons).to.deep.equal(['Retry', 'Remove']);
  });
});

describe('<kefu-chat> over HTTP and WebSocket (msw)', () => {
  const apiBase = `${location.origin}/chat-mock/v1`;
  let worker: Awaited<ReturnType<typeof startMockServer>>;
  let memory: Memory;

  before(async () => {
    worker = await startMockServer();
  });
  after(() => worker.stop());
  beforeEach(() => {
    memory = createMemoryBackendWithControls({ latencyMs: 5, agentReplyDelayMs: 30 });
    worker.resetHandlers(...createContractHandlers(apiBase, memory.backend));
  });
  afterEach(() => memory.controls.dispose());

  it('starts a chat, gets the agent’s reply live, and sends a message once', async () => {
    const client = createKefu({
      backend: createHttpBackend({ apiBase }),
      storage: () => createMemoryStorage(),
      locale: 'en',
    });
    cleanups.push(() => client.dispose());
    const element = await mount(client);
    await waitUntil(() => text(element).includes('1 agent online'), 'availability', { timeout: 3000 });
    await startChat(element, 'Hello over HTTP');
    await waitUntil(() => root(element).querySelector('li.agent'), 'the agent answered', { timeout: 4000 });
    await type(element, 'composer', 'One more');
    await sendKeys({ press: 'Enter' });
    const id = client.chat.conversation.value!.id;
    await waitUntil(
      () =>
        memory.controls.events(id).filter((event) => event.type === 'message' && event.message.text === 'One more')
          .length === 1,
      'stored once',
      { timeout: 3000 },
    );
    await waitUntil(() => bubbles(element).filter((line) => line === 'One more').length === 1, 'shown once');
  });
});

describe('<kefu-chat> promises an e-mail only where the store sends one (decision 0025)', () => {
  // What each language calls an e-mail: none of it may show where the store sends none.
  const languages: [string, ChatMessages, RegExp][] = [
    ['en', chatMessages.en, /e-?mail/i],
    ['zh-CN', zhCN, /邮件|邮箱/],
    ['ar', ar, /البريد/],
  ];
  for (const [locale, messages, emailWords] of languages) {
    for (const sendsMail of [false, true]) {
      const what = sendsMail ? 'answers by e-mail and offers the transcript by e-mail' : 'promises no e-mail';
      it(`${what} where the store ${sendsMail ? 'sends' : 'sends no'} mail, in ${locale}`, async () => {
        // A Saturday, outside the store's hours: the shopper leaves a message.
        const startedAt = Date.now();
        const saturday = Date.parse('2026-11-28T10:00:00Z');
        const { client, memory } = setup({
          alwaysOpen: false,
          agentsOnline: 0,
          simulateAgent: false,
          now: () => saturday + Date.now() - startedAt,
          sendsMail,
          locale,
        });
        const element = await mount(client);
        await waitUntil(() => text(element).includes(messages.closedNow), 'closed');
        await waitUntil(() => client.config.state.value.status === 'ready', 'the store’s config');
        // A message is offered beside a callback; it is answered in this chat either way.
        expect(text(element)).to.include(messages.alternatives).and.not.match(emailWords);

        button(element, messages.leaveMessage).click();
        await element.updateComplete;
        await type(element, 'name', 'Ana');
        await type(element, 'email', 'ana@example.com');
        await type(element, 'message', 'Please call me about the sofa.');
        button(element, messages.sendMessage).click();
        const notice = () => root(element).querySelector('.notice')?.textContent?.trim() ?? '';
        await waitUntil(() => notice(), 'the message left');
        const id = client.chat.conversation.value!.id;
        if (sendsMail) {
          expect(notice()).to.equal(messages.messageAnsweredByEmail('ana@example.com'));
          await waitUntil(() => button(element, messages.emailTranscript), 'the transcript offered by e-mail');
        } else {
          expect(notice()).to.equal(messages.messageLeft);
          expect(text(element)).to.not.match(emailWords);
          expect(button(element, messages.emailTranscript), 'no transcript by e-mail').to.equal(undefined);
          // What it says happens: the agent's answer, written in the console, shows in this chat.
          memory.controls.agentJoin(id, 'Mei');
          memory.controls.agentSend(id, 'Of course: we will call you on Monday.');
          await waitUntil(() => bubbles(element).includes('Of course: we will call you on Monday.'), 'the answer', {
            timeout: 3000,
          });
        }

        // Ended, the transcript is offered by e-mail only where the store sends it.
        button(element, messages.endChat).click();
        await element.updateComplete;
        button(element, messages.endChat).click();
        await waitUntil(() => text(element).includes(messages.ended), 'ended');
        expect(Boolean(button(element, messages.emailTranscript))).to.equal(sendsMail);
        if (!sendsMail) expect(text(element)).to.not.match(emailWords);
      });
    }
  }
});
