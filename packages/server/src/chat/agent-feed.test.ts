// The console's feed keeps its frames in order when the list is slower to read than an event is to
// arrive: the list is a database query now (decision 0016), an event is in memory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import type { ChatEvent } from '@kefu/core';
import type { AgentFeedFrame } from './agent-feed.js';
import { openAgentFeed } from './agent-feed.js';
import { createChatHub, type ChatHub } from './hub.js';
import type { ChatRuntime } from './runtime.js';
import type { ConversationSummary } from './service.js';

/** A socket as the feed uses it, keeping what it was sent. */
function fakeSocket() {
  const frames: AgentFeedFrame[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (data: string) => void frames.push(JSON.parse(data) as AgentFeedFrame),
    once: () => socket,
    close: () => undefined,
    terminate: () => undefined,
  };
  return { socket: socket as unknown as WebSocket, frames };
}

const summary = (id: string): ConversationSummary => ({
  id,
  status: 'queued',
  name: 'Ana',
  email: 'ana@example.com',
  topic: 'Help',
  createdAt: '2026-12-07T10:00:00.000Z',
  lastSeq: 0,
  shopperTyping: false,
  shopperReadUpTo: 0,
  agentReadUpTo: 0,
});

/** The chat runtime the feed uses: `hub`, one agent online, and list reads (numbered from 1) by `read`. */
function runtimeWith(hub: ChatHub, read: (count: number) => Promise<ConversationSummary[]>): ChatRuntime {
  let reads = 0;
  return {
    hub,
    presence: {
      connect: async () => async () => undefined,
      count: async () => 1,
      online: async () => [{ id: 'a_mei', name: 'Mei', role: 'admin' }],
    },
    service: { summaries: () => read((reads += 1)) },
  } as unknown as ChatRuntime;
}

describe('the agent console’s feed', () => {
  it('sends a list read slowly before the events published after it was asked for', async () => {
    const hub = createChatHub();
    // Every list read takes a while; the first is slowest, as a cold query would be.
    const runtime = runtimeWith(hub, async (read) => {
      await delay(read === 1 ? 60 : 20);
      return [summary(`c_${read}`)];
    });
    const { socket, frames } = fakeSocket();
    openAgentFeed(socket, { id: 's1', name: 'Mei' } as Parameters<typeof openAgentFeed>[1], runtime);

    const event: ChatEvent = { type: 'typing', seq: 1, author: 'shopper', typing: true };
    hub.publish('c_1', event);
    hub.listChanged();
    hub.publish('c_1', { ...event, seq: 2, typing: false });

    for (let waited = 0; frames.length < 5 && waited < 100; waited += 1) await delay(10);
    assert.deepEqual(
      frames.map((frame) => (frame.type === 'event' ? `event ${frame.event.seq}` : frame.type)),
      // The hello, then what happened after, in order; last the list the feed's own opening asked
      // for once the agent's presence was written (the other consoles' news of one more agent).
      ['hello', 'event 1', 'conversations', 'event 2', 'conversations'],
    );
    assert.equal(frames[0]?.type === 'hello' && frames[0].agentName, 'Mei');
  });

  it('closes the socket for a reconnect when a list read fails before its turn, and the process goes on', async () => {
    const hub = createChatHub();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // The hello's read is slow; the next one fails at once (its database connection was reset, as
    // when a PostgreSQL backend is ended), while the hello is still waiting for its turn.
    const runtime = runtimeWith(hub, async (read) => {
      if (read !== 1) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      await delay(60);
      return [summary('c_1')];
    });
    const { socket, frames } = fakeSocket();
    const closes: number[] = [];
    (socket as unknown as { close: (code: number) => void }).close = (code) => void closes.push(code);
    const logged = console.error;
    console.error = () => undefined;
    try {
      // The feed's opening reads the hello's list, then (once the agent's presence is written) asks
      // for a list of its own: the second read.
      openAgentFeed(socket, { id: 's1', name: 'Mei' } as Parameters<typeof openAgentFeed>[1], runtime);
      for (let waited = 0; closes.length === 0 && waited < 100; waited += 1) await delay(10);
      // A turn of the event loop for Node to report a rejection nobody handled.
      await delay(20);
    } finally {
      console.error = logged;
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, [], 'no rejection went unhandled (in production that ends the process)');
    assert.deepEqual(closes, [1011], 'the console is told to reconnect, and is greeted with the list afresh');
    assert.deepEqual(
      frames.map((frame) => frame.type),
      ['hello'],
    );
  });
});
