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
