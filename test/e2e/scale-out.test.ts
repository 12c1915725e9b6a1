// Issue 21, "Done when" 1 and 3, in Chromium: two reference servers, each a process of its own
// (so `kill -9` is real), on one PostgreSQL database behind a small reverse proxy that, like
// nginx's `proxy_next_upstream error`, sends a request to the next instance when the first one
// refuses the connection (test/support/reverse-proxy.ts).
//
// 1. A shopper on the built demo storefront chats through instance A; the agent's console is on
//    instance B. Both type a burst of messages; A is killed in the middle of it while the shopper
//    keeps typing. The widget reconnects through the proxy to B and, at the end, the shopper's
//    transcript, the console's and the database's `chat_messages` are the same: every message
//    once, in order.
// 2. An agent signs in through the proxy and lands on A; A is killed; the console reconnects to B
//    without asking them to sign in again and goes on working; the agents online count one, not
//    two; once B is gone too, a new instance on the same database counts none.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Availability, ChatMessage, Conversation } from '@kefu/core';
import { freshPostgresDatabase, usePostgresCluster } from '../../packages/server/src/db/both-engines.test-support.js';
import { openEngine, type Engine } from '../../packages/server/src/db/engine.js';
import { startServerProcess } from '../../packages/server/src/routes/test-helpers.js';
import { signInAgent } from '../support/agent-console.js';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer } from '../support/demo-server.js';
import { startReverseProxy, type ReverseProxy } from '../support/reverse-proxy.js';
import { screenshotPath } from '../support/storefront.js';
import { until } from '../support/until.js';

/**
 * Presence rows expire after this long without a refresh (KEFU_PRESENCE_TTL_MS; 30 s by default),
 * so a dead instance's agents drop out within seconds here; every instance refreshes its rows
 * three times as often.
 */
const PRESENCE_TTL_MS = 8000;
const repo = resolve(import.meta.dirname, '../..');

usePostgresCluster();

interface Instance {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly child: ChildProcess;
}

const children = new Set<ChildProcess>();

/** A reference server in a process of its own on `database`: the demo store, chat open at any hour. */
async function startInstance(database: string): Promise<Instance> {
  const { base, child } = await startServerProcess(
    { database, chatAlwaysOpen: true, presenceTtlMs: PRESENCE_TTL_MS },
    { KEFU_CHAT_ALWAYS_OPEN: '1' },
  );
  children.add(child);
  return { origin: base.replace(/\/v1$/, ''), child };
}

/** `kill -9`: no shutdown of any kind, its sockets and database connections cut. */
function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** What went wrong on a page: uncaught errors, and console errors other than a dead server's. */
function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // What the browser itself logs while an instance is down (502 from the proxy, a socket cut).
    if (/Failed to load resource|WebSocket connection to .* failed/.test(message.text())) return;
    problems.push(`${page.url()}: ${message.text()}`);
  });
}

/** The agents online as the widget asks for them. */
async function agentsOnline(origin: string): Promise<number> {
  const response = await fetch(`${origin}/v1/availability`);
  assert.equal(response.status, 200);
  return ((await response.json()) as Availability).agentsOnline;
}

describe('two server instances on one PostgreSQL database behind a proxy (Chromium)', () => {
  let browser: Browser;
  /** What a test started, ended after it in reverse order (the instances are killed last). */
  const cleanups: Array<() => Promise<unknown>> = [];
  async function cleanUp() {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup();
    await Promise.all([...children].map(killHard));
  }
  /** Two instances on a fresh database, and the database read as the tests check it. */
  async function twoInstances(): Promise<{ a: Instance; b: Instance; database: string; engine: Engine }> {
    const database = await freshPostgresDatabase();
    const [a, b] = await Promise.all([startInstance(database), startInstance(database)]);
    const engine = openEngine(database);
    cleanups.push(() => engine.close());
    return { a, b, database, engine };
  }
  /** The proxy in front of both: every request and upgrade tries A first, and B once A refuses. */
  async function proxyFor(a: Instance, b: Instance, seen?: (request: IncomingMessage) => void): Promise<ReverseProxy> {
    const proxy = await startReverseProxy({
      upstreams: [a.origin, b.origin],
      pick: (request) => {
        seen?.(request);
        return 0;
      },
    });
    cleanups.push(() => proxy.close());
    return proxy;
  }
  before(async () => {
    browser = await launchBrowser();
  });
  afterEach(cleanUp);
  after(() => browser?.close());

  it('keeps a chat whole when the shopper’s instance is killed mid-burst: every message once, in order, everywhere', async () => {
    const { a, b, engine } = await twoInstances();
    const db = engine.db;
    /** Set while A hangs: the shopper's messages the proxy has taken for it meanwhile. */
    let hung: { messages: number } | undefined;
    const proxy = await proxyFor(a, b, (request) => {
      if (hung && request.method === 'POST' && /\/messages$/.test(request.url ?? '')) hung.messages += 1;
    });
    // The storefront as `npm start` serves it, its relative /v1 forwarded to the proxy.
    const demo = await startDemoServer({ root: resolve(repo, 'demo/dist'), apiOrigin: proxy.origin });
    cleanups.push(() => demo.close());

    const problems: string[] = [];
    const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    cleanups.push(() => shopperContext.close());
    // The store gives the chat's transcript room for every message of this test, so each one is on
    // screen at the end (the widget keeps only the rows in view in the page).
    await shopperContext.addInitScript(
      `addEventListener('DOMContentLoaded', () => document.documentElement.style.setProperty('--kefu-chat-transcript-height', '6000px'));`,
    );
    const shopper = await shopperContext.newPage();
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    cleanups.push(() => agentContext.close());
    const agent = await agentContext.newPage();
    watchProblems(shopper, problems);
    watchProblems(agent, problems);
    let shopperSockets = 0;
    shopper.on('websocket', () => (shopperSockets += 1));

    const chat = shopper.locator('kefu-chat');
    const shopperTexts = () => chat.locator('li[data-key] .bubble > p').allTextContents();
    const shopperStates = () => chat.locator('li.shopper .state').allTextContents();
    const consoleTexts = () => agent.locator('kefu-console-conversation li.message[data-seq] .text').allTextContents();
    const storedMessages = async (conversationId: string) =>
      db
        .selectFrom('chat_messages')
        .select(['author', 'text'])
        .where('conversation_id', '=', conversationId)
        .orderBy('seq')
        .execute();

    // The agent's console is on B.
    await signInAgent(agent, `${b.origin}/agent`, undefined, { online: 1 });

    // The shopper, on A, sees the agent B counts and starts a chat.
    await shopper.goto(`${demo.origin}/`);
    await shopper.locator('kefu-launcher button').click();
    await shopper
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us/ })
      .first()
      .click();
    await chat.getByText('1 agent online').waitFor();
    await chat.getByLabel('Name').fill('Ana Garcia');
    await chat.getByLabel('Email').fill('ana.garcia@example.com');
    await chat.getByLabel('Topic').fill('Two parcels');
    await chat.getByLabel('How can we help?').fill('Hello, I am waiting for two parcels.');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await chat.getByLabel('Message', { exact: true }).waitFor();
    assert.equal(proxy.served[1], 0, 'so far the shopper’s traffic has all gone to A');
    // The only conversation on this database.
    const conversation = await db.selectFrom('chat_conversations').select('id').executeTakeFirstOrThrow();

    // B's console hears of it from A, live; the shopper on A hears the agent join from B.
    await agent.getByText('Two parcels').first().waitFor();
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await chat.getByText('Chatting with Mei').waitFor();

    // A burst from both sides. In its middle A hangs with one of the shopper's messages on its way
    // to it, and is killed: that message fails (the proxy answers 502) and must be sent again, and
    // still come before the ones the shopper goes on typing at once, which reach B.
    const message = chat.getByLabel('Message', { exact: true });
    const reply = agent.getByLabel('Reply');
    const shopperSent: string[] = ['Hello, I am waiting for two parcels.'];
    const agentSent: string[] = [];
    for (let turn = 1; turn <= 8; turn += 1) {
      const question = `Ana ${turn}: is parcel ${turn} on its way?`;
      if (turn === 4) {
        // Her earlier messages all answered first, so that the next one is the one A holds.
        await until(
          async () => (await shopperStates()).some((state) => /Sending|Waiting/.test(state)),
          false,
          'the shopper’s earlier messages sent',
        );
        hung = { messages: 0 };
        a.child.kill('SIGSTOP');
      }
      await message.fill(question);
      await message.press('Enter');
      shopperSent.push(question);
      const answer = `Mei ${turn}: parcel ${turn} left the depot.`;
      await reply.fill(answer);
      await reply.press('Enter');
      agentSent.push(answer);
      if (turn === 4) {
        await until(() => hung!.messages > 0, true, 'the shopper’s message on its way to A');
        // A's kernel accepts the proxy's connection while A hangs; a moment for the request to be
        // written into it, so that the kill cuts it.
        await new Promise((done) => setTimeout(done, 250));
        const failed = shopper.waitForResponse(
          (response) => response.request().method() === 'POST' && /\/messages$/.test(response.url()),
        );
        await killHard(a.child);
        assert.equal((await failed).status(), 502, 'the message in flight failed with A');
      }
    }

    const count = shopperSent.length + agentSent.length;
    await until(async () => (await storedMessages(conversation.id)).length, count, 'every message stored', 30_000);
    const stored = await storedMessages(conversation.id);
    assert.deepEqual(
      stored.map((row) => row.text).sort(),
      [...shopperSent, ...agentSent].sort(),
      'each message stored once, none lost',
    );
    // Each side's messages are in the order they were typed; the server interleaved the two.
    assert.deepEqual(
      stored.filter((row) => row.author === 'shopper').map((row) => row.text),
      shopperSent,
      'the shopper’s messages in the order she wrote them',
    );
    assert.deepEqual(
      stored.filter((row) => row.author === 'agent').map((row) => row.text),
      agentSent,
      'the agent’s messages in the order she wrote them',
    );
    const storedTexts = stored.map((row) => row.text);
    await until(shopperTexts, storedTexts, 'the shopper’s transcript is the database’s', 30_000);
    await until(consoleTexts, storedTexts, 'the console’s transcript is the database’s');
    await until(
      async () => (await shopperStates()).some((state) => /Sending|Waiting/.test(state)),
      false,
      'nothing left to send',
    );

    // The widget is live again, on B now: an answer arrives without a reload, and so does a question.
    await reply.fill('Anything else?');
    await reply.press('Enter');
    await until(async () => (await shopperTexts()).at(-1), 'Anything else?', 'the shopper hears B live');
    await message.fill('No, thank you!');
    await message.press('Enter');
    await until(async () => (await consoleTexts()).at(-1), 'No, thank you!', 'the console hears the shopper');
    const final = (await storedMessages(conversation.id)).map((row) => row.text);
    assert.deepEqual(final, [...storedTexts, 'Anything else?', 'No, thank you!']);
    await until(shopperTexts, final, 'the shopper’s transcript at the end');
    await until(consoleTexts, final, 'the console’s transcript at the end');
    assert.ok(shopperSockets >= 2, `the widget reconnected (${shopperSockets} sockets)`);
    assert.ok(proxy.served[1]! > 0, 'B served the shopper once A was gone');
    // The transcript is 6000 px tall here (above): the last messages in view, not its empty end.
    await shopper.locator('kefu-chat li[data-key]').last().scrollIntoViewIfNeeded();
    await shopper.screenshot({ path: screenshotPath('scale-out-after-failover-1280.png') });
    assert.deepEqual(problems, [], 'no page errors');
  });

  it('keeps an agent signed in when their instance dies, counted once, and none once both are gone', async () => {
    const { a, b, database, engine } = await twoInstances();
    const proxy = await proxyFor(a, b);
    const through = proxy.origin;
    /** A shopper's call through the proxy, as the widget makes it. */
    async function v1<T>(method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown } = {}) {
      const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(`${through}/v1${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      assert.ok(response.ok, `${method} ${path}: ${response.status}`);
      return (await response.json()) as T;
    }
    const startChat = (name: string, topic: string) =>
      v1<Conversation>('POST', '/conversations', {
        body: { name, email: `${name.toLowerCase()}@example.com`, topic, message: `Hello, ${topic.toLowerCase()}.` },
      });

    const problems: string[] = [];
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    cleanups.push(() => agentContext.close());
    const agent = await agentContext.newPage();
    watchProblems(agent, problems);

    // Signed in through the proxy: the session is in the database, the console's socket on A.
    await signInAgent(agent, `${through}/agent`, undefined, { online: 1 });
    assert.equal(proxy.served[1], 0, 'the console is on A');
    const first = await startChat('Ana', 'A missing parcel');
    await agent.getByText('A missing parcel').first().waitFor();

    await killHard(a.child);
    // The console notices, asks B whether the session still holds, and opens its feed there.
    await until(() => proxy.served[1]! >= 2, true, 'the console reaches B');
    await agent.getByText('Mei · 1 online').waitFor();
    assert.equal(await agent.getByRole('button', { name: 'Sign in' }).count(), 0, 'not asked to sign in again');
    // Two rows say the agent is here, A's (left behind, not yet expired) and B's; they are one
    // agent, counted once.
    const rows = await engine.db.selectFrom('agent_presence').select(['instance_id', 'session_id']).execute();
    assert.equal(rows.length, 2, 'a row from each instance');
    assert.equal(new Set(rows.map((row) => row.session_id)).size, 1, 'of one session');
    assert.equal(await agentsOnline(through), 1, 'the widget is told one agent is online');

    // The console works on B: a new chat arrives live, the agent accepts both and answers.
    const second = await startChat('Ben', 'A wrong size');
    await agent.getByText('A wrong size').first().waitFor();
    for (const [conversation, topic, answer] of [
      [first, 'A missing parcel', 'Your parcel is on its way, Ana.'],
      [second, 'A wrong size', 'We will swap the size, Ben.'],
    ] as const) {
      await agent
        .locator('kefu-console-queue')
        .getByRole('button', { name: new RegExp(topic) })
        .click();
      await agent.locator('kefu-console-conversation').getByRole('button', { name: 'Accept' }).click();
      await agent.getByLabel('Reply').fill(answer);
      await agent.getByLabel('Reply').press('Enter');
      await until(
        async () =>
          (
            await v1<{ messages: ChatMessage[] }>('GET', `/conversations/${conversation.id}/messages?after=0`, {
              token: conversation.token,
            })
          ).messages.some((message) => message.author === 'agent' && message.text === answer),
        true,
        `the shopper gets “${answer}”`,
      );
    }
    assert.equal(await agent.getByRole('button', { name: 'Sign in' }).count(), 0, 'still signed in');
    assert.equal(await agentsOnline(through), 1, 'still one agent online');
    await agent.screenshot({ path: screenshotPath('scale-out-console-on-b-1280.png') });
    assert.deepEqual(problems, [], 'no page errors');

    // B dies too, the console still open and trying; C starts on the same database: nobody is there.
    await killHard(b.child);
    const c = await startInstance(database);
    await until(() => agentsOnline(c.origin), 0, 'no agent online once both instances are gone', PRESENCE_TTL_MS * 3);
  });
});
