import type { KeysCommand } from '../command-line.js';
import { openMigratedEngine } from '../db/database.js';
import { ApiKeyInputError, createApiKeys, parseScopes } from './keys.js';
import { createAuditLog } from '../agents/audit.js';

/**
 * `kefu-server keys …` on the store's database (`target`: the SQLite file or the PostgreSQL URL
 * the server uses): prints what it did and answers the exit code. A new key is printed once; the
 * database keeps only its digest.
 */
export async function runKeysCommand(
  command: KeysCommand,
  target: string,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const engine = await openMigratedEngine(target);
  try {
    const keys = createApiKeys(engine.db, Date.now);
    // Who made or revoked a key is in the console's audit log: here, someone at the command line.
    const audit = createAuditLog(engine.db, Date.now);
    if (command.action === 'create') {
      const { key, info } = await keys.create(command.keyName, parseScopes(command.scopes));
      await audit.record(engine.db, {
        actor: { kind: 'cli' },
        action: 'key.created',
        subject: { type: 'api_key', id: info.id },
        summary: `"${info.name}" (${info.scopes.join(', ')})`,
      });
      print(`Created key ${info.id} "${info.name}" (${info.scopes.join(', ')}). The key, shown this once:`);
      print(key);
      print(
        'Send it as Authorization: Bearer <key> to /admin/v1. Keep it secret; kefu-server keys revoke ' +
          info.id +
          ' ends it.',
      );
      return 0;
    }
    if (command.action === 'list') {
      const list = await keys.list();
      if (list.length === 0) print('No API keys (kefu-server keys create --name NAME --scopes orders:write,read).');
      for (const info of list) {
        const state = info.revokedAt === undefined ? 'active' : `revoked ${new Date(info.revokedAt).toISOString()}`;
        const used =
          info.lastUsedAt === undefined ? 'never used' : `last used ${new Date(info.lastUsedAt).toISOString()}`;
        print(
          `${info.id}  ${info.name}  ${info.scopes.join(',')}  created ${new Date(info.createdAt).toISOString()}  ${used}  ${state}`,
        );
      }
      return 0;
    }
    if (!(await keys.revoke(command.id))) {
      printError(`kefu-server: no API key has the id ${command.id} (kefu-server keys list shows them).`);
      return 1;
    }
    await audit.record(engine.db, {
      actor: { kind: 'cli' },
      action: 'key.revoked',
      subject: { type: 'api_key', id: command.id },
      summary: 'Revoked',
    });
    print(`Revoked key ${command.id}: it opens nothing from now on.`);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiKeyInputError)) throw error;
    printError(`kefu-server: keys create: ${error.message}`);
    return 2;
  } finally {
    await engine.close();
  }
}
