// `kefu-server agents …` and `keys …` on a store's database, as an operator runs them: an invite
// link printed once (absolute with KEFU_PUBLIC_URL), the list, disabling; and the audit log says
// the command line did it.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKeysCommand } from '../admin/keys-command.js';
import { openMigratedEngine } from '../db/database.js';
import { runAgentsCommand } from './agents-command.js';
import { createAgents } from './agents.js';
import { createAuditLog } from './audit.js';

describe('kefu-server agents and keys on the store’s database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-agents-cli-'));
  const database = join(folder, 'kefu.sqlite');
  after(() => rmSync(folder, { recursive: true, force: true }));
  async function run(args: Parameters<typeof runAgentsCommand>[0], publicUrl?: string) {
    const out: string[] = [];
    const errors: string[] = [];
    const code = await runAgentsCommand(
      args,
      database,
      publicUrl,
      (line) => out.push(line),
      (line) => errors.push(line),
    );
    return { code, out, errors };
  }

  it('invites with a link printed once, lists, disables, and refuses what it cannot do', async () => {
    const added = await run(
      { name: 'agents', action: 'add', email: 'ada@tea.example', agentName: 'Ada', role: 'admin' },
      'https://help.tea.example/',
    );
    assert.equal(added.code, 0, added.errors.join('\n'));
    const link = added.out.find((line) => line.startsWith('https://'));
    assert.match(link ?? '', /^https:\/\/help\.tea\.example\/agent\/invite#[\w-]{40,}$/);

    const pathOnly = await run({
      name: 'agents',
      action: 'add',
      email: 'noor@tea.example',
      agentName: 'Noor',
      role: 'agent',
    });
    assert.equal(pathOnly.code, 0);
    assert.ok(
      pathOnly.out.some((line) => /^\/agent\/invite#[\w-]{40,}$/.test(line)),
      pathOnly.out.join('\n'),
    );
    assert.ok(
      pathOnly.out.some((line) => line.includes('KEFU_PUBLIC_URL')),
      'says how to make it absolute',
    );

    // The link opens the account (accepted here through the service, as the console page does).
    const engine = await openMigratedEngine(database);
    try {
      const agents = createAgents(engine.db, Date.now, createAuditLog(engine.db, Date.now));
      await agents.acceptInvite(link?.split('#')[1] ?? '', { password: 'green-teapot-42' });
    } finally {
      await engine.close();
    }

    const listed = await run({ name: 'agents', action: 'list' });
    assert.deepEqual(
      listed.out.map((line) => line.split('  ').slice(0, 4)),
      [
        ['ada@tea.example', 'Ada', 'admin', 'active'],
        ['noor@tea.example', 'Noor', 'agent', 'invited'],
      ],
    );
    const again = await run({
      name: 'agents',
      action: 'add',
      email: 'ADA@tea.example',
      agentName: 'Ada',
      role: 'agent',
    });
    assert.equal(again.code, 2);
    assert.match(again.errors.join('\n'), /already exists/);
    const badEmail = await run({
      name: 'agents',
      action: 'add',
      email: 'not-an-address',
      agentName: 'X',
      role: 'agent',
    });
    assert.equal(badEmail.code, 2);
    assert.match(badEmail.errors.join('\n'), /e-mail address/);

    assert.equal((await run({ name: 'agents', action: 'disable', email: 'noor@tea.example' })).code, 0);
    assert.equal(
      (await run({ name: 'agents', action: 'disable', email: 'ada@tea.example' })).code,
      2,
      'the last admin stays',
    );
    assert.equal((await run({ name: 'agents', action: 'disable', email: 'nobody@tea.example' })).code, 1);
  });

  it('records keys made and revoked at the command line in the audit log', async () => {
    const out: string[] = [];
    const quiet = (line: string) => out.push(line);
    assert.equal(
      await runKeysCommand(
        { name: 'keys', action: 'create', keyName: 'sync', scopes: 'orders:write' },
        database,
        quiet,
        quiet,
      ),
      0,
    );
    const id = /Created key (\S+)/.exec(out.join('\n'))?.[1] ?? '';
    assert.equal(await runKeysCommand({ name: 'keys', action: 'revoke', id }, database, quiet, quiet), 0);
    const engine = await openMigratedEngine(database);
    try {
      const { entries } = await createAuditLog(engine.db, Date.now).list();
      assert.deepEqual(
        entries.slice(0, 2).map((entry) => [entry.actor.name, entry.action, entry.subject.id]),
        [
          ['cli', 'key.revoked', id],
          ['cli', 'key.created', id],
        ],
      );
      assert.ok(entries.some((entry) => entry.action === 'agent.disabled' && entry.actor.name === 'cli'));
    } finally {
      await engine.close();
    }
  });
});
