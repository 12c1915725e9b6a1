// Agent accounts over HTTP, as the console and a guesser use them (issue 22, decision 0023):
// sign-in answers that say nothing about which e-mails have accounts, limits per account and per
// address, a changed password ending the other sessions, invite links that work once and expire,
// and the admin-only routes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { agentCookie, startTestServer, testClock, TEST_AGENT_PASSWORD } from '../routes/test-helpers.js';
import { DEMO_AGENT_PASSWORD } from '../agents/demo-agents.js';
import { INVITE_TTL_MS } from '../agents/agents.js';
import type { RunningServer } from '../server.js';

const MEI = 'mei@maple-and-moss.example';

describe('agent accounts in the console', () => {
  const clock = testClock();
  let server: RunningServer;
  /** Each test signs in from its own addresses (the server trusts X-Forwarded-For here). */
  let addresses = 0;
  const address = () => `198.51.100.${(addresses += 1)}`;

  before(async () => {
    server = await startTestServer({ port: 0, trustProxy: true, now: clock.now });
  });
  after(() => server.close());

  const signIn = (email: string, password: string, from = address()) =>
    fetch(`${server.origin}/agent/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });
  const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const console = (cookie: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.origin}/agent/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('signs in by e-mail (in any case) and password, with an HttpOnly, SameSite=Strict cookie', async () => {
    const answer = await signIn(MEI.toUpperCase(), DEMO_AGENT_PASSWORD);
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { name: string; role: string };
    assert.deepEqual({ name: body.name, role: body.role }, { name: 'Mei', role: 'admin' });
    const cookie = answer.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
  });

  it('answers an unknown e-mail exactly as a wrong password', async () => {
    const unknown = await signIn('nobody@maple-and-moss.example', DEMO_AGENT_PASSWORD);
    const wrong = await signIn(MEI, 'not-the-password');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.equal(await unknown.text(), await wrong.text());
    assert.equal(unknown.headers.get('set-cookie'), null);
  });

  it('holds back an account after five failures, even from a sixth address with the right password', async () => {
    const email = 'guarded.agent@agents.test';
    await server.services.agents.create({ email, name: 'Guarded', role: 'agent', password: TEST_AGENT_PASSWORD });
    for (let attempt = 1; attempt <= 5; attempt += 1)
      assert.equal((await signIn(email, `guess-${attempt}`)).status, 401);
    const sixth = await signIn(email, TEST_AGENT_PASSWORD);
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers.get('retry-after')) > 0);
    assert.equal((await signIn(MEI, DEMO_AGENT_PASSWORD)).status, 200, 'other accounts are not held back');
    clock.advance(10 * 60_000 + 1);
    assert.equal((await signIn(email, TEST_AGENT_PASSWORD)).status, 200, 'ten minutes later');
  });

  it('ends the agent’s other sessions when they change their password, and keeps this one', async () => {
    const email = 'changer.agent@agents.test';
    await server.services.agents.create({ email, name: 'Changer', role: 'agent', password: TEST_AGENT_PASSWORD });
    const here = cookieOf(await signIn(email, TEST_AGENT_PASSWORD));
    const elsewhere = cookieOf(await signIn(email, TEST_AGENT_PASSWORD));
    const mei = await agentCookie(server);

    const wrongCurrent = await console(here, 'POST', '/session/password', {
      currentPassword: 'not-it',
      newPassword: 'a-new-long-passphrase',
    });
    assert.equal(wrongCurrent.status, 422);
    const weak = await console(here, 'POST', '/session/password', {
      currentPassword: TEST_AGENT_PASSWORD,
      newPassword: 'changer123456',
    });
    assert.equal(weak.status, 422, 'a password with the name in it');
    assert.equal((await console(elsewhere, 'GET', '/session')).status, 200, 'a refused change ends nothing');

    const changed = await console(here, 'POST', '/session/password', {
      currentPassword: TEST_AGENT_PASSWORD,
      newPassword: 'a-new-long-passphrase',
    });
    assert.equal(changed.status, 204);
    assert.equal((await console(here, 'GET', '/session')).status, 200, 'this console stays signed in');
    assert.equal((await console(elsewhere, 'GET', '/session')).status, 401, 'the other one is signed out');
    assert.equal((await console(mei, 'GET', '/session')).status, 200, 'other agents stay signed in');
    assert.equal((await signIn(email, TEST_AGENT_PASSWORD)).status, 401, 'the old password is gone');
    assert.equal((await signIn(email, 'a-new-long-passphrase')).status, 200);
  });

  it('signs out everywhere', async () => {
    const email = 'leaver.agent@agents.test';
    await server.services.agents.create({ email, name: 'Leaver', role: 'agent', password: TEST_AGENT_PASSWORD });
    const [a, b] = [
      cookieOf(await signIn(email, TEST_AGENT_PASSWORD)),
      cookieOf(await signIn(email, TEST_AGENT_PASSWORD)),
    ];
    assert.equal((await console(a, 'DELETE', '/session?everywhere=1')).status, 204);
    assert.equal((await console(a, 'GET', '/session')).status, 401);
    assert.equal((await console(b, 'GET', '/session')).status, 401);
  });

  it('lets an invite link set a password once, then signs the invitee in; an old link has expired', async () => {
    const mei = await agentCookie(server);
    const invited = await console(mei, 'POST', '/agents', { email: 'Noor@Example.com', name: 'Noor', role: 'agent' });
    assert.equal(invited.status, 201);
    const { invitePath } = (await invited.json()) as { invitePath: string };
    assert.match(invitePath, /^\/agent\/invite#[\w-]{40,}$/);
    const token = invitePath.split('#')[1] ?? '';
    const invite = (path: string, body: unknown) =>
      fetch(`${server.origin}/agent/api/invite/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const checked = (await (await invite('check', { token })).json()) as { account: { email: string; name: string } };
    assert.deepEqual(checked.account, { email: 'Noor@Example.com', name: 'Noor' });
    assert.equal((await invite('accept', { token, password: 'short' })).status, 422);
    assert.equal((await invite('accept', { token, password: 'noor-is-my-password' })).status, 422, 'the name in it');
    const accepted = await invite('accept', { token, password: 'sandstone-lantern-7' });
    assert.equal(accepted.status, 200);
    assert.equal((await console(cookieOf(accepted), 'GET', '/session')).status, 200, 'signed in at once');
    assert.equal((await invite('accept', { token, password: 'another-password-9' })).status, 410, 'once');
    assert.equal((await invite('check', { token })).status, 410);
    assert.equal((await signIn('noor@example.com', 'sandstone-lantern-7')).status, 200);

    // Noor forgets the password: an admin makes a new link; it sets a new one and signs the old sessions out.
    const noorSession = cookieOf(await signIn('noor@example.com', 'sandstone-lantern-7'));
    const { agents: everyone } = (await (await console(mei, 'GET', '/agents')).json()) as {
      agents: { id: string; email: string }[];
    };
    const noorId = everyone.find((agent) => agent.email === 'Noor@Example.com')?.id ?? '';
    const relinked = await console(mei, 'POST', `/agents/${noorId}/invite`, {});
    assert.equal(relinked.status, 201);
    const newToken = ((await relinked.json()) as { invitePath: string }).invitePath.split('#')[1] ?? '';
    assert.equal((await invite('accept', { token: newToken, password: 'copper-kettle-88' })).status, 200);
    assert.equal((await console(noorSession, 'GET', '/session')).status, 401, 'the old session is signed out');
    assert.equal((await signIn('noor@example.com', 'sandstone-lantern-7')).status, 401, 'the old password is gone');
    assert.equal((await signIn('noor@example.com', 'copper-kettle-88')).status, 200);

    const later = await console(mei, 'POST', '/agents', { email: 'omar@example.com', name: 'Omar' });
    const lateToken = ((await later.json()) as { invitePath: string }).invitePath.split('#')[1] ?? '';
    clock.advance(INVITE_TTL_MS + 1);
    assert.equal((await invite('accept', { token: lateToken, password: 'sandstone-lantern-7' })).status, 410);
  });

  it('answers malformed bodies on the account routes with 4xx, never a 5xx', async () => {
    const mei = await agentCookie(server);
    const routes = fc.constantFrom(
      ['POST', '/session', ''],
      ['POST', '/invite/check', ''],
      ['POST', '/invite/accept', ''],
      ['POST', '/session/password', mei],
      ['POST', '/agents', mei],
      ['PUT', '/agents/agt_0000000000000000', mei],
      ['POST', '/agents/%00/disable', mei],
      ['DELETE', '/session?everywhere=%00', ''],
    );
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', 'a@b.co', '\u0000', 'x'.repeat(300)));
    const bodies = fc.oneof(
      fc.json({ maxDepth: 2 }),
      fc.string({ maxLength: 40 }),
      fc
        .record(
          {
            email: text,
            password: text,
            name: text,
            role: text,
            token: text,
            currentPassword: text,
            newPassword: text,
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(routes, bodies, async ([method, path, cookie], raw) => {
        const answer = await fetch(`${server.origin}/agent/api${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address(), ...(cookie ? { cookie } : {}) },
          ...(method === 'DELETE' ? {} : { body: raw }),
        });
        assert.ok(answer.status < 500, `${method} ${path} ${raw} → ${answer.status} ${await answer.text()}`);
      }),
      { numRuns: 120, seed: 23 },
    );
  });

  it('keeps the admin screens’ routes to admins, and records who invited, changed and disabled whom', async () => {
    const lin = await agentCookie(server, { name: 'Lin' });
    for (const [method, path] of [
      ['GET', '/agents'],
      ['POST', '/agents'],
      ['GET', '/audit'],
      ['GET', '/settings'],
    ] as const) {
      const answer = await console(
        lin,
        method,
        path,
        method === 'POST' ? { email: 'x@example.com', name: 'X' } : undefined,
      );
      assert.equal(answer.status, 403, `${method} ${path}`);
    }
    const mei = await agentCookie(server);
    const { agent } = (await (
      await console(mei, 'POST', '/agents', { email: 'temp@example.com', name: 'Temp', role: 'agent' })
    ).json()) as { agent: { id: string } };
    assert.equal((await console(mei, 'PUT', `/agents/${agent.id}`, { role: 'admin' })).status, 200);
    assert.equal((await console(mei, 'POST', `/agents/${agent.id}/disable`, {})).status, 200);
    const { entries } = (await (await console(mei, 'GET', `/audit?action=agent.disabled`)).json()) as {
      entries: { actor: { name: string }; subject: { id: string } }[];
    };
    assert.deepEqual(
      entries.map((entry) => [entry.actor.name, entry.subject.id]),
      [['Mei', agent.id]],
    );
    const listed = (await (await console(mei, 'GET', '/agents')).json()) as {
      agents: { id: string; status: string }[];
    };
    assert.equal(listed.agents.find((entry) => entry.id === agent.id)?.status, 'disabled');
  });
});

describe('a store’s first start, with no agent accounts', () => {
  it('makes the first admin’s invite at each start until someone accepts it', async () => {
    const first = await startTestServer({ port: 0, demo: false });
    try {
      const link = first.firstAdminInvite;
      assert.match(link ?? '', /^\/agent\/invite#[\w-]{40,}$/);
      const accept = (token: string) =>
        fetch(`${first.origin}/agent/api/invite/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, email: 'owner@tea.example', name: 'Ada', password: 'first-admin-passphrase' }),
        });
      const answer = await accept(link?.split('#')[1] ?? '');
      assert.equal(answer.status, 200);
      assert.deepEqual(
        ((await answer.json()) as { name: string; role: string }).role,
        'admin',
        'the first account is an admin',
      );
      assert.equal(await first.services.agents.firstAdminInvite(), undefined, 'no more once someone has an account');
    } finally {
      await first.close();
    }
  });
});
