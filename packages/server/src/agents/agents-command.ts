import type { AgentsCommand } from '../command-line.js';
import { openMigratedEngine } from '../db/database.js';
import { ApiError } from '../errors.js';
import { createAgents } from './agents.js';
import { createAuditLog } from './audit.js';

/**
 * The invite link to print: absolute with `publicUrl` (`KEFU_PUBLIC_URL`, the address people open
 * the console at), else the path alone, which the operator puts after that address.
 */
export function inviteLink(path: string, publicUrl: string | undefined): string {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

/**
 * `kefu-server agents …` on the store's database (`target`: the SQLite file or the PostgreSQL URL
 * the server uses): prints what it did and answers the exit code. An invite link is printed once;
 * the database keeps only its token's digest.
 */
export async function runAgentsCommand(
  command: AgentsCommand,
  target: string,
  publicUrl: string | undefined,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const engine = await openMigratedEngine(target);
  try {
    const audit = createAuditLog(engine.db, Date.now);
    const agents = createAgents(engine.db, Date.now, audit);
    if (command.action === 'add') {
      const { agent, token } = await agents.invite(
        { email: command.email, name: command.agentName, role: command.role },
        { kind: 'cli' },
      );
      print(
        `Invited ${agent.name} <${agent.email}> as ${agent.role}. Send them this link (it works once, for 72 hours):`,
      );
      print(inviteLink(`/agent/invite#${token}`, publicUrl));
      if (!publicUrl)
        print('(That is the path: put the address your agents open the console at before it, or set KEFU_PUBLIC_URL.)');
      return 0;
    }
    if (command.action === 'list') {
      const list = await agents.list();
      if (list.length === 0) print('No agents yet (kefu-server agents add --email E --name N --role admin).');
      for (const agent of list) print(`${agent.email}  ${agent.name}  ${agent.role}  ${agent.status}  ${agent.id}`);
      return 0;
    }
    const found = await agents.find(command.email);
    if (!found) {
      printError(`kefu-server: no agent has the e-mail ${command.email} (kefu-server agents list shows them).`);
      return 1;
    }
    // The server's own sessions table: the disabled account's sessions end at their next request.
    await agents.disable(found.id, { kind: 'cli' });
    print(`Disabled ${found.name} <${found.email}>: they are signed out and cannot sign in again.`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const detail = error.fields ? Object.values(error.fields).join(' ') : '';
    printError(`kefu-server: agents ${command.action}: ${error.message}${detail ? ` ${detail}` : ''}`);
    return 2;
  } finally {
    await engine.close();
  }
}
