import { isDeepStrictEqual } from 'node:util';
import type { Engine } from '../db/engine.js';
import { checkSettings, type StoreSettings } from './schema.js';

/** The settings as last saved, and when and by whom. */
export interface SavedSettings {
  readonly settings: StoreSettings;
  /** Milliseconds since the epoch. */
  readonly updatedAt: number;
  /** The console agent's name, or where the first value came from (`settings file`, …). */
  readonly updatedBy: string;
}

/**
 * The store's settings while the server runs (issue 22, decision 0018): saved in the database
 * (`store_settings`, migration 13), edited in the agent console, and re-read from the database
 * every `refreshMs` so that a save on another instance applies here too. Everything that uses a
 * setting reads `current()` (or `deps.config`, which is it) when it needs it, never once at start.
 */
export interface LiveSettings {
  /** The settings in force on this instance now. */
  current(): StoreSettings;
  /** The settings with when and by whom they were saved. */
  saved(): SavedSettings;
  /** How the start went: the database's settings, or `initial` stored as the first value. */
  readonly start: {
    readonly from: 'database' | 'initial';
    /** The database's settings are not the initial ones (a settings file edited after the first start). */
    readonly initialIgnored: boolean;
  };
  /**
   * Checks `value` (the settings file's shape) with the file's schema and saves it for every
   * instance. Throws a SettingsError naming each key that is wrong; nothing is saved then.
   */
  save(value: unknown, by: string): Promise<SavedSettings>;
  /** Reads the database's settings now (the timer does it every `refreshMs`). */
  refresh(): Promise<void>;
  /** Called with the new settings after a save here or a change seen in the database. */
  onChange(listener: (saved: SavedSettings) => void): () => void;
  /** Stops the re-reads. */
  close(): void;
}

/** How often an instance looks for settings saved on another one. */
export const SETTINGS_REFRESH_MS = 2000;

const STORED = 'the settings saved in the database';

/**
 * Opens the store's settings on `engine`: when the database has none, `initial` (the settings
 * file's, or the starter's) is stored as the first value, by `initialSource`; after that the
 * database's settings win over the file.
 */
export async function openLiveSettings(
  engine: Engine,
  initial: StoreSettings,
  options: { readonly initialSource: string; readonly now: () => number; readonly refreshMs?: number },
): Promise<LiveSettings> {
  const { db } = engine;
  // Two instances starting together on an empty database: one insert wins, both read it.
  const inserted = await db
    .insertInto('store_settings')
    .values({ id: 1, json: stored(initial), updated_at: options.now(), updated_by: options.initialSource })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  const readRow = () =>
    db.selectFrom('store_settings').select(['json', 'updated_at', 'updated_by']).where('id', '=', 1).executeTakeFirst();
  const first = await readRow();
  if (!first) throw new Error('store_settings has no row right after its insert');
  const initialJson = stored(initial);
  // The initial settings as given (a test's configuration, say) when they are what is stored; any
  // other row is checked again, since a newer server may check more than the one that saved it.
  const fromRow = (row: { json: string; updated_at: number; updated_by: string }): SavedSettings => ({
    settings: row.json === initialJson ? initial : checkSettings(JSON.parse(row.json) as unknown, STORED),
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  });
  let json = first.json;
  let saved = fromRow(first);
  const listeners = new Set<(saved: SavedSettings) => void>();
  const apply = (row: { json: string; updated_at: number; updated_by: string }) => {
    if (row.json === json && row.updated_at === saved.updatedAt) return;
    json = row.json;
    saved = fromRow(row);
    for (const listener of listeners) listener(saved);
  };

  // Bumped by each save here: a re-read that started before it must not put the older row back.
  let saves = 0;
  const refresh = async () => {
    const before = saves;
    const row = await readRow();
    if (row && before === saves) apply(row);
  };
  let refreshing = false;
  const timer = setInterval(() => {
    if (refreshing) return;
    refreshing = true;
    // A database away for a moment: the settings in force stay, and the next tick tries again.
    refresh()
      .catch(() => undefined)
      .finally(() => (refreshing = false));
  }, options.refreshMs ?? SETTINGS_REFRESH_MS);
  timer.unref();

  return {
    current: () => saved.settings,
    saved: () => saved,
    start: {
      from: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'initial' : 'database',
      initialIgnored: first.json !== initialJson && !isDeepStrictEqual(saved.settings, initial),
    },
    async save(value, by) {
      const settings = checkSettings(value, 'settings');
      const row = { json: stored(settings), updated_at: options.now(), updated_by: by };
      await db.updateTable('store_settings').set(row).where('id', '=', 1).execute();
      saves += 1;
      apply(row);
      return saved;
    },
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => clearInterval(timer),
  };
}

/** The settings as the row keeps them: the settings file's shape, so the file's schema checks them. */
function stored(settings: StoreSettings): string {
  return JSON.stringify({ ...settings.store, allowedOrigins: settings.allowedOrigins });
}
