import { parseArgs } from 'node:util';

/** What `kefu-server` was asked to do, from its arguments. */
export type Command =
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
    };

/** The file `kefu-server init` writes when it is given no path. */
export const DEFAULT_SETTINGS_FILE = 'kefu.config.yaml';

/** Arguments the CLI cannot use; printed as one line, like a setting it cannot use. */
export class CommandLineError extends Error {}

const usage = 'usage: kefu-server [--config FILE] [--demo] | kefu-server init [FILE]';

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
      options: { config: { type: 'string' }, demo: { type: 'boolean' } },
    });
  } catch (error) {
    throw new CommandLineError(`${(error as Error).message.split('. ')[0]} (${usage})`);
  }
  const [command, ...rest] = parsed.positionals;
  if (command === 'init') {
    if (rest.length > 1 || parsed.values.config !== undefined || parsed.values.demo)
      throw new CommandLineError(`init takes one file name at most (${usage})`);
    return { name: 'init', path: rest[0] ?? DEFAULT_SETTINGS_FILE };
  }
  if (command !== undefined) throw new CommandLineError(`unknown command "${command}" (${usage})`);
  if (parsed.values.config !== undefined && parsed.values.config.trim() === '')
    throw new CommandLineError(`--config needs a file name (${usage})`);
  return {
    name: 'start',
    demo: parsed.values.demo ?? false,
    ...(parsed.values.config === undefined ? {} : { config: parsed.values.config }),
  };
}
