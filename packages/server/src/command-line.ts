import { parseArgs } from 'node:util';

/** What `kefu-server` was asked to do, from its arguments. */
export type Command =
  | ImportArticlesCommand
  | ImportOrdersCommand
  | {
      readonly name: 'start';
      /** `--config path`: the store's settings file (over KEFU_CONFIG). */
      readonly config?: string;
      /** `--demo`: fill an empty database with the Maple & Moss demo store. */
      readonly demo: boolean;
    }
  | {
      readonly name: 'init';
      /** Where the starter settings file goes. */
      readonly path: string;
    }
  | KeysCommand
  | AgentsCommand;

/** `kefu-server agents add --email E --name N [--role admin|agent]`, `agents list`, `agents disable EMAIL`. */
export type AgentsCommand =
  | {
      readonly name: 'agents';
      readonly action: 'add';
      readonly email: string;
      readonly agentName: string;
      readonly role: 'admin' | 'agent';
    }
  | { readonly name: 'agents'; readonly action: 'list' }
  | { readonly name: 'agents'; readonly action: 'disable'; readonly email: string };

/**
 * `kefu-server import orders FILE` (`-`: standard input): orders from NDJSON (admin/import-orders.ts);
 * `--config FILE` is the settings file used when the database holds no settings yet.
 */
export interface ImportOrdersCommand {
  readonly name: 'import-orders';
  readonly file: string;
  readonly config?: string;
}

/** `kefu-server keys create --name N --scopes S,…`, `keys list`, `keys revoke ID`: admin API keys. */
export type KeysCommand =
  | { readonly name: 'keys'; readonly action: 'create'; readonly keyName: string; readonly scopes: string }
  | { readonly name: 'keys'; readonly action: 'list' }
  | { readonly name: 'keys'; readonly action: 'revoke'; readonly id: string };

/** The file `kefu-server init` writes when it is given no path. */
export const DEFAULT_SETTINGS_FILE = 'kefu.config.yaml';

/** Arguments the CLI cannot use; printed as one line, like a setting it cannot use. */
export class CommandLineError extends Error {}

const usage =
  'usage: kefu-server [--config FILE] [--demo] | kefu-server init [FILE] | kefu-server keys create --name NAME --scopes S,… | keys list | keys revoke ID | agents add --email E --name N [--role admin|agent] | agents list | agents disable EMAIL';

/**
 * `kefu-server [--config FILE] [--demo]` starts the server; `kefu-server init [FILE]` writes a
 * starter settings file. Anything else is refused with the usage line.
 */
export function readCommandLine(args: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        demo: { type: 'boolean' },
        name: { type: 'string' },
        scopes: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CommandLineError(`${(error as Error).message.split('. ')[0]} (${usage})`);
  }
  const [command, ...rest] = parsed.positionals;
  if (command === 'import' && rest[0] === 'articles') return importArticlesCommand(rest.slice(1), parsed.values);
  if (command === 'import' && rest[0] === 'orders') return importOrdersCommand(rest.slice(1), parsed.values);
  if (command === 'init') {
    if (rest.length > 1 || parsed.values.config !== undefined || parsed.values.demo)
      throw new CommandLineError(`init takes one file name at most (${usage})`);
    return { name: 'init', path: rest[0] ?? DEFAULT_SETTINGS_FILE };
  }
  if (command === 'agents') return agentsCommand(rest, parsed.values);
  if (parsed.values.email !== undefined || parsed.values.role !== undefined)
    throw new CommandLineError(`--email and --role go with agents add (${usage})`);
  if (command === 'keys') return keysCommand(rest, parsed.values);
  if (parsed.values.name !== undefined || parsed.values.scopes !== undefined)
    throw new CommandLineError(`--name and --scopes go with keys create (${usage})`);
  if (command !== undefined) throw new CommandLineError(`unknown command "${command}" (${usage})`);
  if (parsed.values.config !== undefined && parsed.values.config.trim() === '')
    throw new CommandLineError(`--config needs a file name (${usage})`);
  return {
    name: 'start',
    demo: parsed.values.demo ?? false,
    ...(parsed.values.config === undefined ? {} : { config: parsed.values.config }),
  };
}

function keysCommand(
  rest: readonly string[],
  values: { config?: string; demo?: boolean; name?: string; scopes?: string },
): KeysCommand {
  const [action, ...operands] = rest;
  if (values.config !== undefined || values.demo)
    throw new CommandLineError(`keys takes no --config or --demo (${usage})`);
  if (action === 'create' && operands.length === 0) {
    if (values.name === undefined || values.scopes === undefined)
      throw new CommandLineError(`keys create needs --name and --scopes (${usage})`);
    return { name: 'keys', action, keyName: values.name, scopes: values.scopes };
  }
  if (values.name !== undefined || values.scopes !== undefined)
    throw new CommandLineError(`--name and --scopes go with keys create (${usage})`);
  if (action === 'list' && operands.length === 0) return { name: 'keys', action };
  if (action === 'revoke' && operands.length === 1 && operands[0]) return { name: 'keys', action, id: operands[0] };
  throw new CommandLineError(`keys create, keys list or keys revoke ID (${usage})`);
}

function agentsCommand(
  rest: readonly string[],
  values: { config?: string; demo?: boolean; name?: string; scopes?: string; email?: string; role?: string },
): AgentsCommand {
  const [action, ...operands] = rest;
  if (values.config !== undefined || values.demo || values.scopes !== undefined)
    throw new CommandLineError(`agents takes no --config, --demo or --scopes (${usage})`);
  if (action === 'add' && operands.length === 0) {
    if (values.email === undefined || values.name === undefined)
      throw new CommandLineError(`agents add needs --email and --name (${usage})`);
    const role = values.role ?? 'agent';
    if (role !== 'admin' && role !== 'agent') throw new CommandLineError(`--role is admin or agent, not "${role}"`);
    return { name: 'agents', action, email: values.email, agentName: values.name, role };
  }
  if (values.email !== undefined || values.name !== undefined || values.role !== undefined)
    throw new CommandLineError(`--email, --name and --role go with agents add (${usage})`);
  if (action === 'list' && operands.length === 0) return { name: 'agents', action };
  if (action === 'disable' && operands.length === 1 && operands[0])
    return { name: 'agents', action, email: operands[0] };
  throw new CommandLineError(`agents add, agents list or agents disable EMAIL (${usage})`);
}

const importUsage = 'usage: kefu-server import orders FILE.ndjson [--config FILE] (FILE "-" reads standard input)';

function importOrdersCommand(operands: readonly string[], values: Record<string, unknown>): ImportOrdersCommand {
  const [file, ...others] = operands;
  const refused = Object.keys(values).filter((option) => option !== 'config' && values[option] !== undefined);
  if (refused.length > 0)
    throw new CommandLineError(`import orders takes no --${refused.join(', --')} (${importUsage})`);
  if (file === undefined || file.trim() === '' || others.length > 0)
    throw new CommandLineError(`import orders takes one file name (${importUsage})`);
  const config = values['config'];
  if (typeof config === 'string' && config.trim() === '')
    throw new CommandLineError(`--config needs a file name (${importUsage})`);
  return { name: 'import-orders', file, ...(typeof config === 'string' ? { config } : {}) };
}

/**
 * `kefu-server import articles PATH [--config FILE]`: help articles from a folder of Markdown
 * files or a help centre's JSON export (admin/import-articles.ts); `--config` is the settings file
 * used when the database holds no settings yet.
 */
export interface ImportArticlesCommand {
  readonly name: 'import-articles';
  readonly path: string;
  readonly config?: string;
}

const importArticlesUsage = 'usage: kefu-server import articles FOLDER|FILE.md|FILE.json [--config FILE]';

function importArticlesCommand(rest: readonly string[], values: Record<string, unknown>): ImportArticlesCommand {
  const refused = Object.keys(values).filter((option) => option !== 'config' && values[option] !== undefined);
  if (refused.length > 0)
    throw new CommandLineError(`import articles takes no --${refused.join(', --')} (${importArticlesUsage})`);
  const [path, ...others] = rest;
  if (path === undefined || path.trim() === '' || others.length > 0)
    throw new CommandLineError(`import articles takes one folder or file (${importArticlesUsage})`);
  const config = values['config'];
  if (typeof config === 'string' && config.trim() === '')
    throw new CommandLineError(`--config needs a file name (${importArticlesUsage})`);
  return { name: 'import-articles', path, ...(typeof config === 'string' ? { config } : {}) };
}
