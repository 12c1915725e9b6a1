import { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { LiveSettings, SavedSettings } from '../settings/live.js';
import { SettingsError } from '../settings/schema.js';
import { consoleActor, type ConsoleEnv } from './http.js';
import type { AuditLog } from '../agents/audit.js';
import type { Executor } from '../db/tx.js';

/** The store's settings as the console edits them: the settings file's shape, and who saved them when. */
export interface ConsoleSettings {
  /** The store configuration (what GET /v1/config serves), key for key, plus `allowedOrigins`. */
  readonly settings: Record<string, unknown>;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

function shown(saved: SavedSettings): ConsoleSettings {
  const { store, allowedOrigins } = saved.settings;
  return { settings: { ...store, allowedOrigins }, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy };
}

/**
 * `problems` (one `key.path: what is wrong` line each, settings/schema.ts) as field errors by key
 * path; a problem of the whole document goes under `settings`.
 */
function fieldsOf(error: SettingsError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of error.problems) {
    const match = /^([A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*): (.*)$/s.exec(problem);
    const [key, message] = match ? [match[1] ?? 'settings', match[2] ?? problem] : ['settings', problem];
    fields[key] = fields[key] ? `${fields[key]}; ${message}` : message;
  }
  return fields;
}

/**
 * GET and PUT /agent/api/settings: the store's settings, edited in the console (issue 22, decision
 * 0018). A save is checked by the settings file's own schema; a refused one names each key and
 * stores nothing. Saved, it applies on this instance at once and on the others within
 * SETTINGS_REFRESH_MS.
 */
export function settingsRoutes(
  settings: LiveSettings | undefined,
  audit?: { readonly log: AuditLog; readonly db: Executor },
) {
  const routes = new Hono<ConsoleEnv>();
  const live = () => {
    if (!settings) throw new ApiError(404, 'not_found', 'This server keeps no settings to edit.');
    return settings;
  };
  routes.get('/', (c) => c.json(shown(live().saved()), 200));
  routes.put('/', async (c) => {
    const target = live();
    let value: unknown;
    try {
      value = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_json', 'The body must be JSON: the settings, as an object.');
    }
    try {
      const before = shown(target.saved()).settings;
      const saved = await target.save(value, c.get('agent').name);
      const after = shown(saved).settings;
      const changed = Object.keys({ ...before, ...after }).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      await audit?.log.record(audit.db, {
        actor: consoleActor(c),
        action: 'settings.edited',
        subject: { type: 'settings', id: 'store' },
        summary: changed.length === 0 ? 'Saved without changes' : `Changed ${changed.join(', ')}`,
      });
      return c.json(shown(saved), 200);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      throw new ApiError(
        422,
        'validation_failed',
        'Nothing was saved: please check the settings named.',
        fieldsOf(error),
      );
    }
  });
  return routes;
}
