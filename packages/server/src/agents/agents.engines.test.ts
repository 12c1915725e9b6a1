// Agent accounts, invites and the audit log on both engines (decision 0023): one account per
// e-mail whatever its case, invites used once even when accepted twice at once, the last admin
// kept, and the audit log newest first, filtered and paged.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import type { ApiError } from '../errors.js';
import { createAgents, INVITE_TTL_MS } from './agents.js';
import { createAuditLog } from './audit.js';

describeOnBothEngines('agent accounts and the audit log', (engine) => {
  let clock = 1_000_000;
  const now = () => clock;
  const setup = () => {
    const audit = createAuditLog(engine().db, now);
    return { audit, agents: createAgents(engine().db, now, audit) };
  };
  const codeOf = async (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: ApiError) => error.code,
    );

  it('keeps one account per e-mail, whatever its case, and never the password itself', async () => {
    const { agents } = setup();
    const mei = await agents.create({
      email: 'Mei@Shop.example',
      name: 'Mei',
      role: 'admin',
      password: 'pw-mei-0123456',
    });
    assert.equal(
      await codeOf(agents.create({ email: 'mei@shop.EXAMPLE', name: 'M', role: 'agent', password: 'x' })),
      'agent_exists',
    );
    assert.equal((await agents.check('MEI@shop.example', 'pw-mei-0123456'))?.id, mei.id);
    assert.equal(await agents.check('mei@shop.example', 'pw-mei-0123457'), undefined);
    const stored = JSON.stringify(await engine().db.selectFrom('agents').selectAll().execute());
    assert.ok(!stored.includes('pw-mei-0123456'));
    assert.match(stored, /scrypt\$32768\$8\$1\$/);
  });

  it('uses an invite once, even when it is accepted twice at once, and not after it expires', async () => {
    const { agents } = setup();
    const { token } = await agents.invite({ email: 'lin@shop.example', name: 'Lin', role: 'agent' }, { kind: 'cli' });
    const outcomes = await Promise.all(
      ['first-password-1', 'second-password-2'].map((password) => codeOf(agents.acceptInvite(token, { password }))),
    );
    assert.deepEqual(outcomes.sort(), ['invite_invalid', 'ok']);
    assert.equal((await agents.find('lin@shop.example'))?.status, 'active');

    const late = await agents.invite({ email: 'kai@shop.example', name: 'Kai', role: 'agent' }, { kind: 'cli' });
    clock += INVITE_TTL_MS;
    assert.equal(await agents.inviteInfo(late.token), undefined);
    assert.equal(await codeOf(agents.acceptInvite(late.token, { password: 'ember-harbour-5' })), 'invite_invalid');
    const again = await agents.invite({ email: 'kai@shop.example', name: 'Kai', role: 'agent' }, { kind: 'cli' });
    assert.equal(
      await codeOf(agents.acceptInvite(again.token, { password: 'ember-harbour-5' })),
      'ok',
      'a new link works',
    );
  });

  it('keeps the last admin an admin', async () => {
    const { agents } = setup();
    const list = await agents.list();
    const admins = list.filter((agent) => agent.role === 'admin' && agent.status === 'active');
    for (const admin of admins.slice(1)) await agents.disable(admin.id, { kind: 'cli' });
    const last = admins[0];
    assert.ok(last);
    assert.equal(await codeOf(agents.update(last.id, { role: 'agent' }, { kind: 'cli' })), 'last_admin');
    assert.equal(await codeOf(agents.disable(last.id, { kind: 'cli' })), 'last_admin');
  });

  it('lists the audit log newest first, by agent and by action, a page at a time', async () => {
    const { audit } = setup();
    const mei = { kind: 'agent', id: 'agt_mei', name: 'Mei' } as const;
    const lin = { kind: 'agent', id: 'agt_lin', name: 'Lin' } as const;
    for (let index = 1; index <= 5; index += 1) {
      clock += 1;
      await audit.record(engine().db, {
        actor: index % 2 ? mei : lin,
        action: index === 5 ? 'return.approved' : 'chat.accepted',
        subject: { type: 'thing', id: `t${index}` },
        summary: `  entry\n${index}  `,
      });
    }
    const meis = await audit.list({ agentId: 'agt_mei' });
    assert.deepEqual(
      meis.entries.map((entry) => entry.subject.id),
      ['t5', 't3', 't1'],
    );
    assert.equal(meis.entries[0]?.summary, 'entry 5');
    const approvals = await audit.list({ action: 'return.approved' });
    assert.deepEqual(
      approvals.entries.map((entry) => [entry.actor.name, entry.subject.id]),
      [['Mei', 't5']],
    );
    const first = await audit.list({ agentId: 'agt_lin', limit: 1 });
    assert.equal(first.entries[0]?.subject.id, 't4');
    const second = await audit.list({
      agentId: 'agt_lin',
      limit: 1,
      ...(first.next === undefined ? {} : { before: first.next }),
    });
    assert.equal(second.entries[0]?.subject.id, 't2');
    assert.equal(second.next, undefined);
    assert.ok((await audit.actions()).includes('return.approved'));
  });
});
