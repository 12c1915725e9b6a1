// The console's replies, as the agent types them: in the order written, even when the agent types
// faster than the server answers or a reply has to be sent again after a server fault. The
// console's calls go through `fetch`, which these tests answer by hand.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatModel } from './chat-model.js';

interface Call {
  readonly path: string;
  readonly body: { clientId: string; text: string };
  answer(status: number, body: unknown): void;
}

describe('the console’s replies', () => {
  let calls: Call[] = [];
  /** After a test (a failed one too): every call is refused at once, so no reply is left waiting. */
  let finished = false;
  const refusal = () =>
    new Response(JSON.stringify({ error: { code: 'invalid', message: 'test over' } }), { status: 400 });
  beforeEach(() => {
    calls = [];
    finished = false;
    globalThis.fetch = ((url: string, init: RequestInit) =>
      finished
        ? Promise.resolve(refusal())
        : new Promise<Response>((resolve) => {
            calls.push({
              path: url,
              body: JSON.parse(String(init.body)) as Call['body'],
              answer: (status, body) =>
                resolve(
                  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
                ),
            });
          })) as typeof fetch;
  });
  afterEach(() => {
    finished = true;
    for (const call of calls) call.answer(400, { error: { code: 'invalid', message: 'test over' } });
    // The stub stays (this file runs in a process of its own): a reply still retrying after a
    // failed test must meet the refusal, not the real fetch, whose error it would retry forever.
  });

  /** The replies sent so far (the typing notices left out), waiting up to 5 s for `count` of them. */
  async function sent(count: number): Promise<Call[]> {
    const replies = () => calls.filter((call) => call.path.endsWith('/messages'));
    for (const deadline = Date.now() + 5000; replies().length < count && Date.now() < deadline;) {
      await new Promise((done) => setTimeout(done, 5));
    }
    // A moment more: nothing else may go out before the next answer.
    await new Promise((done) => setTimeout(done, 20));
    return replies();
  }
  const stored = (call: Call, seq: number) =>
    call.answer(201, {
      id: `msg_${seq}`,
      seq,
      author: 'agent',
      clientId: call.body.clientId,
      text: call.body.text,
      createdAt: new Date().toISOString(),
    });

  it('sends replies typed in quick succession one after another, in the order typed', async () => {
    const model = new ChatModel(
      () => {},
      () => {},
      () => undefined,
    );
    const done = [
      model.reply('cnv_1', 'One moment, please.'),
      model.reply('cnv_1', 'I am checking your order.'),
      model.reply('cnv_1', 'It left the depot this morning.'),
    ];
    let replies = await sent(1);
    assert.deepEqual(
      replies.map((call) => call.body.text),
      ['One moment, please.'],
      'the second waits for the first',
    );
    stored(replies[0]!, 1);
    replies = await sent(2);
    assert.deepEqual(
      replies.map((call) => call.body.text),
      ['One moment, please.', 'I am checking your order.'],
    );
    stored(replies[1]!, 2);
    replies = await sent(3);
    stored(replies[2]!, 3);
    await Promise.all(done);
    assert.deepEqual(
      replies.map((call) => call.body.text),
      ['One moment, please.', 'I am checking your order.', 'It left the depot this morning.'],
    );
  });

  it('sends a reply again after a server fault before the ones typed after it', async () => {
    const model = new ChatModel(
      () => {},
      () => {},
      () => undefined,
    );
    const done = [model.reply('cnv_1', 'First.'), model.reply('cnv_1', 'Second.')];
    let replies = await sent(1);
    // The instance behind the proxy died: 502.
    replies[0]!.answer(502, { error: { code: 'server', message: 'Bad Gateway' } });
    replies = await sent(2);
    assert.deepEqual(
      replies.map((call) => call.body.text),
      ['First.', 'First.'],
      'the first again, under the same client id, before the second',
    );
    assert.equal(replies[1]!.body.clientId, replies[0]!.body.clientId);
    stored(replies[1]!, 1);
    replies = await sent(3);
    assert.equal(replies[2]!.body.text, 'Second.');
    stored(replies[2]!, 2);
    await Promise.all(done);
  });

  it('does not hold one conversation’s replies behind another’s', async () => {
    const model = new ChatModel(
      () => {},
      () => {},
      () => undefined,
    );
    const done = [model.reply('cnv_1', 'To Ana.'), model.reply('cnv_2', 'To Ben.')];
    const replies = await sent(2);
    assert.deepEqual(replies.map((call) => call.body.text).sort(), ['To Ana.', 'To Ben.']);
    replies.forEach((call, index) => stored(call, index + 1));
    await Promise.all(done);
  });
});

describe('the console’s feed', () => {
  /** The console's socket, as the browser would give it: the test pushes the server's frames. */
  class FeedSocket extends EventTarget {
    static last: FeedSocket | undefined;
    constructor(readonly url: string) {
      super();
      FeedSocket.last = this;
    }
    close(): void {}
    frame(frame: unknown): void {
      this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
    }
  }
  const requests: string[] = [];
  const message = (seq: number, text: string) => ({
    id: `msg_${seq}`,
    seq,
    author: 'shopper',
    clientId: `c${seq}`,
    text,
    createdAt: '2026-12-07T10:00:00.000Z',
  });
  const conversation = (lastSeq: number) => ({ id: 'cnv_1', status: 'active', lastSeq, agentName: 'Mei' });
  // What the server holds: five messages; the feed will lose the fourth on its way.
  const stored = [1, 2, 3, 4, 5].map((seq) => message(seq, `Message ${seq}`));

  beforeEach(() => {
    requests.length = 0;
    Object.assign(globalThis, { WebSocket: FeedSocket, location: { protocol: 'http:', host: '127.0.0.1' } });
    globalThis.fetch = ((url: string) => {
      requests.push(url);
      const path = new URL(url, 'http://127.0.0.1');
      const after = Number(path.searchParams.get('after') ?? 0);
      const body = path.pathname.endsWith('/messages')
        ? { conversation: conversation(5), messages: stored.filter((item) => item.seq > after) }
        : path.pathname.endsWith('/read')
          ? {}
          : { conversation: conversation(2), messages: stored.slice(0, 2), order: null };
      return Promise.resolve(
        new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }) as typeof fetch;
  });

  it('fetches what a gap in the seqs left out, instead of skipping it', async () => {
    const model = new ChatModel(
      () => {},
      () => {},
      () => undefined,
    );
    await model.open('cnv_1');
    model.start();
    const socket = FeedSocket.last!;
    socket.frame({ type: 'hello', agentName: 'Mei', agentsOnline: 1, conversations: [conversation(2)] });
    // Seq 3 arrives, seq 4 is lost (a notification missed while a database connection was down),
    // seq 5 arrives.
    socket.frame({ type: 'event', conversationId: 'cnv_1', event: { type: 'message', seq: 3, message: stored[2] } });
    socket.frame({ type: 'event', conversationId: 'cnv_1', event: { type: 'message', seq: 5, message: stored[4] } });
    const texts = () => model.threads.get('cnv_1')?.messages.map((item) => item.text) ?? [];
    for (const deadline = Date.now() + 2000; texts().length < 5 && Date.now() < deadline;) {
      await new Promise((done) => setTimeout(done, 5));
    }
    model.stop();
    assert.deepEqual(texts(), ['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    assert.ok(
      requests.some((url) => url.endsWith('/conversations/cnv_1/messages?after=3')),
      `the catch-up starts after the last seq seen in order: ${requests.join(', ')}`,
    );
  });
});
