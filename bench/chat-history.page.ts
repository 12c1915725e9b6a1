/**
 * The page side of bench/chat-history.ts: a conversation of 1,000 messages, shown by <kefu-chat>
 * (windowed) and by a plain list of every message (the comparison), each measured from attach to
 * the first frame painted after the transcript is in the DOM.
 */
import { html, render } from 'lit';
import { effect } from '@preact/signals-core';
import { createKefu, createMemoryStorage, type TranscriptEntry } from '@kefu/core';
import { createMemoryBackendWithControls } from '../packages/core/src/adapters/memory/memory-backend.js';
import { renderFormatted } from '../packages/elements/src/components/chat/chat-format.js';
import '../packages/elements/src/define/kefu-chat.js';

const nextPaint = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));

async function prepare(count: number) {
  const memory = createMemoryBackendWithControls({ latencyMs: 0, simulateAgent: false });
  const client = createKefu({ backend: memory.backend, storage: () => createMemoryStorage(), locale: 'en' });
  await client.activate();
  const conversation = await client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Bench' });
  if (!conversation) throw new Error('no conversation');
  memory.controls.agentJoin(conversation.id, 'Mei');
  for (let index = 1; index <= count; index += 1) {
    memory.controls.agentSend(
      conversation.id,
      index % 10 === 0 ? `Message ${index}: **bold** and a link https://example.com/${index}` : `Message ${index}`,
    );
  }
  while (client.chat.transcript.value.length < count) await new Promise((done) => setTimeout(done, 10));
  return client;
}

/** The same bubbles as <kefu-chat>, every one of them: what a chat without windowing renders. */
function renderAll(entries: readonly TranscriptEntry[]) {
  return html`<div style="height: 420px; overflow-y: auto">
    <ol>
      ${entries.map(
        (entry) =>
          html`<li class="row ${entry.author}">
            <div class="bubble">
              <span class="author">${entry.authorName}</span>${renderFormatted(entry.text)}
              <span class="meta"><time datetime=${entry.createdAt}>${entry.createdAt}</time></span>
            </div>
          </li>`,
      )}
    </ol>
  </div>`;
}

export interface Measurement {
  readonly firstPaintMs: number;
  readonly domNodes: number;
}

async function measureWindowed(count: number): Promise<Measurement> {
  const client = await prepare(count);
  const host = document.createElement('div');
  document.body.append(host);
  const start = performance.now();
  const element = document.createElement('kefu-chat');
  element.client = client;
  host.append(element);
  await element.updateComplete;
  await nextPaint();
  const firstPaintMs = performance.now() - start;
  const domNodes = element.shadowRoot?.querySelectorAll('*').length ?? 0;
  host.remove();
  client.dispose();
  return { firstPaintMs, domNodes };
}

async function measureUnwindowed(count: number): Promise<Measurement> {
  const client = await prepare(count);
  const host = document.createElement('div');
  document.body.append(host);
  const start = performance.now();
  render(renderAll(client.chat.transcript.value), host);
  await nextPaint();
  const firstPaintMs = performance.now() - start;
  const domNodes = host.querySelectorAll('*').length;
  host.remove();
  client.dispose();
  return { firstPaintMs, domNodes };
}

/**
 * A busy live conversation: agent messages arrive one at a time over the stream, into a client on
 * real IndexedDB. Returns the milliseconds each batch of `batch` messages took to reach the
 * transcript; a flat series means a message costs the same at 1,000 as at 100.
 */
async function measureLive(count: number, batch: number): Promise<readonly number[]> {
  const memory = createMemoryBackendWithControls({ latencyMs: 0, simulateAgent: false });
  const client = createKefu({ backend: memory.backend, locale: 'en', databaseName: `kefu-bench-${Math.random()}` });
  await client.activate();
  const conversation = await client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Bench' });
  if (!conversation) throw new Error('no conversation');
  memory.controls.agentJoin(conversation.id, 'Mei');
  const received = (target: number) =>
    new Promise<void>((done) => {
      const stop = effect(() => {
        if (client.chat.transcript.value.length >= target) queueMicrotask(() => (stop(), done()));
      });
    });
  const batches: number[] = [];
  for (let sent = 0; sent < count; sent += batch) {
    const start = performance.now();
    for (let index = sent + 1; index <= sent + batch; index += 1) {
      memory.controls.agentSend(conversation.id, `Message ${index}`);
      await received(index);
    }
    batches.push(performance.now() - start);
  }
  client.dispose();
  return batches;
}

declare global {
  interface Window {
    chatHistoryBench: {
      windowed: typeof measureWindowed;
      unwindowed: typeof measureUnwindowed;
      live: typeof measureLive;
    };
  }
}
window.chatHistoryBench = { windowed: measureWindowed, unwindowed: measureUnwindowed, live: measureLive };
