import { expect, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { createKefu, createMemoryStorage, type KefuClient, type TranscriptEntry } from '@kefu/core';
import { createMemoryBackendWithControls } from '../../../../core/src/adapters/memory/memory-backend.js';
import { ChatAttentionController, type ChatAttentionOptions } from './chat-attention.js';

class AttentionHost extends LitElement {
  attention?: ChatAttentionController;
}
customElements.define('kefu-test-attention-host', AttentionHost);

describe('ChatAttentionController (the closed panel’s unread count, sound, title badge, announcements)', () => {
  let client: KefuClient;
  let memory: ReturnType<typeof createMemoryBackendWithControls>;
  let conversationId: string;
  const title = 'Maple & Moss';

  beforeEach(async () => {
    document.title = title;
    memory = createMemoryBackendWithControls({ latencyMs: 1, simulateAgent: false });
    client = createKefu({ backend: memory.backend, storage: () => createMemoryStorage(), locale: 'en' });
    await client.activate();
    conversationId = (await client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Badge' }))!.id;
    memory.controls.agentJoin(conversationId, 'Mei');
    memory.controls.agentSend(conversationId, 'History, before the page opened');
    await waitUntil(() => client.chat.unread.value === 1, 'history arrived');
  });
  afterEach(() => {
    client.dispose();
    memory.controls.dispose();
    document.title = title;
  });

  function attach(options: Partial<ChatAttentionOptions> & { open?: () => boolean }) {
    const host = document.createElement('kefu-test-attention-host') as AttentionHost;
    const calls = { unread: [] as number[], messages: [] as TranscriptEntry[], sounds: 0 };
    host.attention = new ChatAttentionController(host, {
      client: () => client,
      isPanelOpen: options.open ?? (() => false),
      onUnread: (count) => calls.unread.push(count),
      onMessage: (message) => calls.messages.push(message),
      playSound: () => (calls.sounds += 1),
      lockName: `kefu-attention-test-${Math.random()}`,
      ...options,
    });
    document.body.append(host);
    return { host, attention: host.attention, calls, detach: () => host.remove() };
  }

  it('counts unread agent messages, announces each new one once, and rings one tab only if allowed', async () => {
    const first = attach({
      soundAllowed: () => true,
      titleBadgeAllowed: () => true,
      lockName: 'kefu-attention-shared',
    });
    const second = attach({
      soundAllowed: () => true,
      titleBadgeAllowed: () => true,
      lockName: 'kefu-attention-shared',
    });
    await waitUntil(() => first.attention.leader, 'the first tab leads');
    expect(second.attention.leader).to.equal(false);
    expect(first.attention.unread).to.equal(1);
    expect(first.attention.announcement, 'history is not news').to.equal('');

    memory.controls.agentSend(conversationId, 'Your parcel is out for delivery');
    await waitUntil(() => first.attention.unread === 2, 'unread 2');
    expect(first.attention.announcement).to.include('Your parcel is out for delivery');
    expect(first.calls.messages.map((message) => message.text)).to.deep.equal(['Your parcel is out for delivery']);
    expect(first.calls.sounds + second.calls.sounds, 'one tab rings').to.equal(1);
    expect(document.title).to.equal(`(2) ${title}`);

    await client.chat.markRead();
    await waitUntil(() => first.attention.unread === 0, 'read');
    expect(first.calls.unread).to.deep.equal([1, 2, 0]);
    expect(document.title).to.equal(title);
    first.detach();
    await waitUntil(() => second.attention.leader, 'the next tab takes over');
    second.detach();
  });

  it('stays silent without permission, and while the panel is open', async () => {
    let open = false;
    const tab = attach({ open: () => open });
    await waitUntil(() => tab.attention.leader);
    memory.controls.agentSend(conversationId, 'One');
    await waitUntil(() => tab.attention.unread === 2);
    expect(tab.calls.sounds).to.equal(0);
    expect(document.title).to.equal(title);
    open = true;
    memory.controls.agentSend(conversationId, 'Two');
    await waitUntil(() => tab.attention.unread === 3);
    expect(tab.calls.messages.map((message) => message.text)).to.deep.equal(['One']);
    tab.detach();
  });
});
