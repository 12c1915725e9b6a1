// The README promises a Node version; every installed package must run on it. npm only warns
// (EBADENGINE) about a dependency that needs a newer Node, and a newcomer on the promised version
// then reads 25 warnings before anything runs (issue 20), or gets a crash later.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('the Node version the README promises', () => {
  const promised = semver.minVersion(manifest.engines.node)!.version;

  it('is the one package.json’s engines and the README state', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`Node ${promised.replace(/\.0$/, '').replaceAll('.', '\\.')} or later`));
  });

  it('runs every package in the lock file (npm ci prints no EBADENGINE warning)', () => {
    const refused = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // npm leaves out an optional package (a platform binary) that its engines refuse, quietly.
      if (!path || !range || entry.optional) return [];
      if (semver.satisfies(promised, range, { includePrerelease: true })) return [];
      return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${range}`];
    });
    assert.deepEqual(refused, [], `Node ${promised} is promised`);
  });
});
