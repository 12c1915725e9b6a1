import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackendWithControls } from '@kefu/core/memory';
import '../../define/kefu-widget.js';
import type { KefuWidget } from './widget.js';

async function widgetWithChat(locale = 'en') {
  const { backend, controls } = createMemoryBackendWithControls({ latencyMs: 5, simulateAgent: false });
  const client = createKefu({ backend, storage: () => createMemoryStorage() });
  // Parallel test pages share an origin, and so the lock that elects the tab that rings.
  const lock = `kefu-test-${Math.random()}`;
  const widget = await fixture<KefuWidget>(
    html`<kefu-widget locale=${locale} .attentionLockName=${lock} .client=${client}></kefu-widget>`,
  );
  await client.activate();
  const conversation = await client.chat.start({ name: 'Ana', email: 'ana.garcia@example.com', topic: 'order' });
  if (!conversation) throw new Error('no conversation');
  await waitUntil(() => client.chat.connection.value === 'open', 'chat connected', { timeout: 4000 });
  return { widget, client, controls, conversationId: conversation.id };
}

const launcher = (widget: KefuWidget) => widget.shadowRoot!.querySelector<HTMLButtonElement>('.launcher')!;

describe('<kefu-widget> while a chat goes on with the panel closed', () => {
  it('counts the agent’s replies on the launcher, says so to screen readers once, and tells the page', async () => {
    const { widget, controls, conversationId } = await widgetWithChat();
    const unreadEvent = oneEvent(widget, 'kefu-unread');
    const messageEvent = oneEvent(widget, 'kefu-message');
    controls.agentSend(conversationId, 'Hi Ana, I am looking at your order now.');

    expect((await unreadEvent).detail).to.deep.equal({ count: 1 });
    expect((await messageEvent).detail.text).to.equal('Hi Ana, I am looking at your order now.');
    await waitUntil(() => widget.shadowRoot!.querySelector('.launcher .badge'), 'badge shown');
    expect(widget.shadowRoot!.querySelector('.launcher .badge')!.textContent).to.equal('1');
    expect(launcher(widget).getAttribute('aria-label')).to.equal('Open help, 1 new message');
    expect(widget.shadowRoot!.querySelector('.chat-announcer')!.textContent).to.match(
      /New message (from .+)?: Hi Ana, I am looking at your order now\./,
    );

    controls.agentSend(conversationId, 'It left our warehouse this morning.');
    await waitUntil(() => widget.shadowRoot!.querySelector('.launcher .badge')?.textContent === '2', 'two unread');
    expect(launcher(widget).getAttribute('aria-label')).to.equal('Open help, 2 new messages');
    await expect(widget).to.be.accessible();
  });

  it('announces a new reply in the shopper’s language', async () => {
    const { widget, controls, conversationId } = await widgetWithChat('zh-CN');
    controls.agentSend(conversationId, '您的包裹今天上午已发出。');
    const announcer = () => widget.shadowRoot!.querySelector('.chat-announcer')!.textContent ?? '';
    await waitUntil(() => announcer().includes('您的包裹'), 'announced');
    expect(announcer()).to.match(/新消息：您的包裹今天上午已发出。/);
  });

  it('plays no sound and leaves the tab’s title alone unless the shopper allowed it', async () => {
    const title = document.title;
    const { widget, controls, conversationId } = await widgetWithChat();
    controls.agentSend(conversationId, 'Hello?');
    await waitUntil(() => widget.shadowRoot!.querySelector('.launcher .badge'), 'badge shown');
    expect(document.title).to.equal(title);

    // The shopper turns the sound on from the panel's header, then closes the panel.
    await widget.show();
    const toggle = widget.shadowRoot!.querySelector<HTMLButtonElement>('.sound')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await widget.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await widget.hide();
    controls.agentSend(conversationId, 'Still there?');
    await waitUntil(() => document.title.startsWith('('), 'title badge', { timeout: 4000 });
    await widget.show();
    widget.sound = false;
    sessionStorage.removeItem('kefu:sound');
  });
});
