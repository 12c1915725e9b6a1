import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { checkSettings, SettingsError, type StoreSettings } from './schema.js';

/**
 * Reads settings from text: JSON when `format` is 'json', else YAML 1.2 (which reads JSON too).
 * YAML 1.2, not 1.1: "09:00" stays a time and `no` stays a word; a key written twice is an error.
 */
export function parseSettings(text: string, format: 'json' | 'yaml', source: string): StoreSettings {
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SettingsError(source, [`is not valid JSON: ${(error as Error).message}`]);
    }
  } else {
    const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0)
      throw new SettingsError(
        source,
        document.errors.map((error) => {
          const at = error.linePos?.[0];
          const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
          return `${at ? `line ${at.line}, column ${at.col}: ` : ''}is not valid YAML: ${message}`;
        }),
      );
    value = document.toJS();
  }
  if (value === null || value === undefined) throw new SettingsError(source, ['is empty: it must hold the settings']);
  return checkSettings(value, source);
}

/** Reads and checks a settings file (KEFU_CONFIG or --config): `.json` is JSON, anything else YAML. */
export function readSettingsFile(path: string): StoreSettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsError(path, [
      code === 'ENOENT'
        ? 'no such file (kefu-server init writes a starter file)'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? (error as Error).message})`,
    ]);
  }
  return parseSettings(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml', path);
}
