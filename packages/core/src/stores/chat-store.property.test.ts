import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createKefu, type KefuClient } from '../client.js';
import { createMemoryBackendWithControls } from '../adapters/memory/memory-backend.js';
import { manualNetworkStatus } from '../ports/network.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { Clock } from '../ports/clock.js';
import type { KefuBackend } from '../ports/backend.js';
import type { ChatEvent, ChatStream, ChatStreamHandlers } from '../model/chat.js';

declare const __KEFU_PROPERTY_RUNS__: number;
const numRuns = typeof __KEFU_PROPERTY_RUNS__ === 'number' ? __KEFU_PROPERTY_RUNS__ : 200;

/**
 * The chaos test of live chat: both sides write while the socket is cut or slowed down, the
 * network goes away and the page reloads (a new client on the same storage), at random moments.
 * Afterwards the shopper's transcript must be the server's log: every message once, none missing,
 * in the server's order. fast-check prints the seed of a failing run, to replay it with
 * `fc.assert(…, { seed, path })`.
 */
type Action =
  | { type: 'shopper-send' }
  | { type: 'agent-send' }
  | { type: 'cut' }
  | { type: 'slow'; ms: number }
  | { type: 'fast' }
  | { type: 'offline' }
  | { type: 'online' }
  | { type: 'reload' }
  | { type: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ type: 'shopper-send' as const }) },
  { weight: 4, arbitrary: fc.constant({ type: 'agent-send' as const }) },
  { weight: 2, arbitrary: fc.constant({ type: 'cut' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('slow' as const), ms: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'fast' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'online' as const }) },
  { weight: 2, arbitrary: fc.constant({ type: 'reload' as const }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 10 }) }) },
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Real time for the test, but every timer of the client (reconnect and outbox backoff) 200 times shorter. */
const fastClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms / 200, 20)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The socket between the shopper and the server: `cut()` drops every open stream (the client sees
 * `closed`/`dropped`, as when a proxy or the server goes away), `slow(ms)` delays each event (in
 * order, as TCP would) and the `subscribed` answer.
 */
function createFaultyLink(backend: KefuBackend) {
  let delayMs = 0;
  const live = new Set<{ drop(): void }>();
  const wrapped: KefuBackend = {
    ...backend,
    openChatStream(id, token, handlers: ChatStreamHandlers): ChatStream {
      let dead = false;
      let queue = Promise.resolve();
      const later = (task: () => void) => {
        const wait = delayMs;
        queue = queue
          .then(() => (wait ? sleep(wait) : undefined))
          .then(() => {
            if (!dead) task();
          });
      };
      const inner = backend.openChatStream(id, token, {
        onEvent: (event: ChatEvent) => later(() => handlers.onEvent(event)),
        onConnection: (state, reason) => later(() => handlers.onConnection(state, reason)),
      });
      const link = {
        drop() {
          if (dead) return;
          dead = true;
          inner.close();
          live.delete(link);
          handlers.onConnection('closed', 'dropped');
        },
      };
      live.add(link);
      return {
        close() {
          dead = true;
          inner.close();
          live.delete(link);
        },
      };
    },
  };
  return {
    backend: wrapped,
    cut: () => [...live].forEach((link) => link.drop()),
    slow: (ms: number) => (delayMs = ms),
  };
}

describe('chat store under random socket cuts, delays, offline spells and reloads (property-based)', () => {
  it(`shows the server's log exactly — no gap, no duplicate, same order — over ${numRuns} random schedules`, async function () {
    this.timeout(numRuns * 600 + 20_000);
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 30 }), async (actions) => {
        const memory = createMemoryBackendWithControls({ latencyMs: 1, simulateAgent: false });
        const link = createFaultyLink(memory.backend);
        const network = manualNetworkStatus(true);
        // The origin's IndexedDB: survives reloads.
        const disk = createMemoryStorage();
        const open = async () => {
          const client = createKefu({ backend: link.backend, storage: () => disk, network, clock: fastClock });
          await client.activate();
          return client;
        };
        let client: KefuClient = await open();
        const clients = [client];
        try {
          const conversation = await client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Chaos' });
          if (!conversation) throw new Error('could not start');
          memory.controls.agentJoin(conversation.id, 'Mei');
          let written = 0;
          for (const step of actions) {
            switch (step.type) {
              case 'shopper-send':
                await client.chat.send(`shopper ${(written += 1)}`);
                break;
              case 'agent-send':
                memory.controls.agentSend(conversation.id, `agent ${(written += 1)}`);
                break;
              case 'cut':
                link.cut();
                break;
              case 'slow':
                link.slow(step.ms);
                break;
              case 'fast':
                link.slow(0);
                break;
              case 'offline':
                network.set(false);
                break;
              case 'online':
                network.set(true);
                break;
              case 'reload':
                client.dispose();
                client = await open();
                clients.push(client);
                await client.chat.restore();
                break;
              case 'wait':
                await sleep(step.ms);
                break;
            }
          }
          // The storm is over: the network comes back and the link is healthy.
          network.set(true);
          link.slow(0);
          const serverLog = () =>
            memory.controls
              .events(conversation.id)
              .flatMap((event) => (event.type === 'message' ? [event.message] : []));
          const expected = () => serverLog().map((message) => `${message.seq}:${message.text}`);
          const shown = () => client.chat.transcript.value.map((entry) => `${entry.seq ?? entry.state}:${entry.text}`);
          const deadline = Date.now() + 5000;
          while (Date.now() < deadline && JSON.stringify(shown()) !== JSON.stringify(expected())) await sleep(5);
          const log = serverLog();
          // Every shopper message reached the server once, whatever happened on the way.
          const shopperTexts = log.filter((message) => message.author === 'shopper').map((message) => message.text);
          expect(new Set(shopperTexts).size, 'no shopper message stored twice').to.equal(shopperTexts.length);
          const sent = actions.filter((step) => step.type === 'shopper-send').length;
          expect(shopperTexts.length, 'every shopper message stored').to.equal(sent);
          expect(shown(), 'the transcript is the server’s log').to.deep.equal(expected());
        } finally {
          for (const each of clients) each.dispose();
          memory.controls.dispose();
        }
      }),
      { numRuns },
    );
  });
});
