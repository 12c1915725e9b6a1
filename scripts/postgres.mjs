// Where PostgreSQL's server programs are. `npm test` installs Debian's package when they are
// missing (ensurePostgres in ensure.mjs); test/support/postgres.ts starts throw-away clusters with
// them. One finder for both, so the check and the tests never disagree about what is installed.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Debian installs each major version side by side, off PATH: /usr/lib/postgresql/<major>/bin. */
const debianRoot = '/usr/lib/postgresql';

/**
 * The folder holding `initdb` and `postgres` of one installation, or undefined when there is none:
 * KEFU_POSTGRES_BIN if set, else the first `initdb` on PATH (followed through symlinks, so its
 * `postgres` is the same version), else Debian's highest version.
 *
 * @returns {string | undefined}
 */
export function findPostgresBin() {
  const isServer = (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  if (process.env.KEFU_POSTGRES_BIN) {
    return isServer(process.env.KEFU_POSTGRES_BIN) ? process.env.KEFU_POSTGRES_BIN : undefined;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !existsSync(join(dir, 'initdb'))) continue;
    const real = dirname(realpathSync(join(dir, 'initdb')));
    if (isServer(real)) return real;
  }
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((name) => /^\d+$/.test(name) && isServer(join(debianRoot, name, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] === undefined ? undefined : join(debianRoot, versions[0], 'bin');
}
