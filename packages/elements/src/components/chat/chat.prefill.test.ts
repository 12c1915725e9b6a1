import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { createKefu, createMemoryStorage, type KefuClient } from '@kefu/core';
import { createMemoryBackendWithControls } from '../../../../core/src/adapters/memory/memory-backend.js';
import '../../define/kefu-widget.js';
import type { KefuWidget } from '../widget/widget.js';

/**
 * What Kefu already knows fills the next form, in the widget, as a shopper goes from one feature to
 * another: the email of an order lookup reaches the pre-chat form, the chat's name the callback's.
 */

const lena = { orderNumber: 'MM-1003', email: 'lena.schmidt@example.com' };

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function openWidget(): Promise<{
  widget: KefuWidget;
  client: KefuClient;
  disk: ReturnType<typeof createMemoryStorage>;
}> {
  const memory = createMemoryBackendWithControls({
    latencyMs: 5,
    agentsOnline: 1,
    alwaysOpen: true,
    simulateAgent: false,
  });
  const disk = createMemoryStorage();
  const client = createKefu({ backend: memory.backend, storage: () => disk, locale: 'en' });
  cleanups.push(
    () => client.dispose(),
    () => memory.controls.dispose(),
  );
  const widget = await fixture<KefuWidget>(html`<kefu-widget .client=${client}></kefu-widget>`);
  await widget.show();
  return { widget, client, disk };
}

/** The view's element in the panel, once it is there. */
async function view(widget: KefuWidget, tag: string): Promise<LitElement> {
  await waitUntil(() => widget.shadowRoot!.querySelector(tag)?.shadowRoot, `${tag} shown`, { timeout: 8000 });
  return widget.shadowRoot!.querySelector(tag) as LitElement;
}

/** The control named `name` in a view, once it is drawn. */
async function control(element: HTMLElement, name: string): Promise<HTMLInputElement> {
  const find = () => element.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`);
  await waitUntil(find, `the ${name} field`, { timeout: 8000 });
  return find()!;
}

async function click(root: ParentNode, label: string) {
  const find = () =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) =>
      button.textContent?.trim().startsWith(label),
    );
  await waitUntil(find, `the “${label}” button`, { timeout: 8000 });
  find()!.click();
}

async function type(field: HTMLInputElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

/** Looks Lena's order up in the panel's order tracker as she does: home, "Track an order", type, Enter. */
async function lookUpLenasOrder(widget: KefuWidget): Promise<HTMLElement> {
  await click(widget.shadowRoot!, 'Track an order');
  const tracker = await view(widget, 'kefu-order-tracker');
  await type(await control(tracker, 'orderNumber'), lena.orderNumber);
  await type(await control(tracker, 'contact'), lena.email);
  await sendKeys({ press: 'Enter' });
  await waitUntil(
    () => tracker.shadowRoot!.querySelector('.order-heading')?.textContent?.trim() === `Order ${lena.orderNumber}`,
    'the order shown',
    { timeout: 8000 },
  );
  return tracker;
}

describe('<kefu-chat> prefilled with what the shopper told Kefu', function () {
  // Journeys through three views, each loaded on first use: more than mocha's 5 s on a busy machine.
  this.timeout(20_000);

  it('starts the pre-chat form with the email of the order lookup, and the order as its topic', async () => {
    const { widget, disk } = await openWidget();
    const tracker = await lookUpLenasOrder(widget);
    await click(tracker.shadowRoot!, 'Chat about this order');

    const chat = await view(widget, 'kefu-chat');
    const email = await control(chat, 'email');
    await waitUntil(() => email.value === lena.email, `the email prefilled (it is “${email.value}”)`);
    expect((await control(chat, 'orderNumber')).value).to.equal(lena.orderNumber);
    expect((await control(chat, 'topic')).value).to.equal(`Order ${lena.orderNumber}`);
    expect((await control(chat, 'name')).value).to.equal('');
    // Still the shopper's to change.
    email.select();
    await sendKeys({ type: 'lena@example.org' });
    expect(email.value).to.equal('lena@example.org');
    // Kept in memory only: nothing Kefu stored holds the address.
    expect(JSON.stringify([...disk.entries.values()])).not.to.contain(lena.email);
  });

  it('fills it when the shopper goes back home and chats from there, and forgets it with forget()', async () => {
    const { widget, client } = await openWidget();
    await lookUpLenasOrder(widget);
    await widget.goTo({ view: 'home' });
    await click(widget.shadowRoot!, 'Chat with us');
    const chat = await view(widget, 'kefu-chat');
    const email = await control(chat, 'email');
    await waitUntil(() => email.value === lena.email, `the email prefilled (it is “${email.value}”)`);

    await client.forget();
    expect(client.chat.contact.value.email).to.equal(undefined);
  });

  it('leaves a prefilled field the shopper emptied empty, and does not send what it held', async () => {
    const { widget, client } = await openWidget();
    await client.orders.lookup(lena);
    await click(widget.shadowRoot!, 'Chat with us');
    const chat = await view(widget, 'kefu-chat');
    const email = await control(chat, 'email');
    await waitUntil(() => email.value === lena.email, 'the email prefilled');
    email.select();
    await sendKeys({ press: 'Backspace' });
    await type(await control(chat, 'name'), 'Lena Schmidt');
    await type(await control(chat, 'message'), 'Where is my parcel?');
    await click(chat.shadowRoot!, 'Start chat');

    await waitUntil(() => email.getAttribute('aria-invalid') === 'true', 'the email asked for');
    expect(email.value).to.equal('');
    expect(client.chat.conversation.value).to.equal(undefined);
  });

  it('starts the callback form with the name given to the chat', async () => {
    const { widget } = await openWidget();
    await click(widget.shadowRoot!, 'Chat with us');
    const chat = await view(widget, 'kefu-chat');
    await type(await control(chat, 'name'), 'Lena Schmidt');
    await type(await control(chat, 'email'), lena.email);
    await type(await control(chat, 'message'), 'Can someone call me?');
    await click(chat.shadowRoot!, 'Start chat');
    await control(chat, 'composer');

    await widget.goTo({ view: 'home' });
    await click(widget.shadowRoot!, 'Call me back');
    const callback = await view(widget, 'kefu-callback');
    const name = await control(callback, 'name');
    await waitUntil(() => name.value === 'Lena Schmidt', `the name prefilled (it is “${name.value}”)`);
    // Cleared by the shopper, it stays empty, and the form asks for a name rather than sending the old one.
    name.select();
    await sendKeys({ press: 'Backspace' });
    await callback.updateComplete;
    expect(name.value).to.equal('');
    await click(callback.shadowRoot!, 'Request the call');
    await waitUntil(() => name.getAttribute('aria-invalid') === 'true', 'the name asked for');
    expect(callback.shadowRoot!.querySelector('#field-name-error')?.textContent).to.contain('Enter your name.');
  });
});
