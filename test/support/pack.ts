import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

export interface Packed {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/**
 * Packs workspaces as `npm publish` would, into `destination`, one `npm pack` for all of them, and
 * returns what npm says of each tarball, in the order given. Packing needs the build (`dist/`):
 * without it the test says so rather than failing on a missing file.
 */
export async function packWorkspaces(workspaces: readonly string[], destination: string): Promise<Packed[]> {
  // dist/index.js for a module package, dist/kefu.js for the script tag's (packages/loader).
  const built = (dir: string) => ['dist/index.js', 'dist/kefu.js'].some((file) => existsSync(resolve(root, dir, file)));
  const unbuilt = workspaces.filter((dir) => !built(dir));
  assert.deepEqual(
    unbuilt,
    [],
    'run the build first (npm run build; npm test builds before the node suite): these packages have no dist/',
  );
  const { stdout } = await run(
    'npm',
    [
      'pack',
      '--offline',
      '--ignore-scripts',
      '--json',
      '--pack-destination',
      destination,
      ...workspaces.flatMap((dir) => ['-w', dir]),
    ],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Packed[];
}
