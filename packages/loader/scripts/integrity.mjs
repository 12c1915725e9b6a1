// After the rollup build: writes dist/integrity.json, the Subresource Integrity hash (sha384, the
// algorithm CDNs and the SRI spec's examples use) and the size of every file of the script-tag
// build, keyed by its path relative to kefu.js. A page that loads kefu.js from a CDN copies its
// hash into <script integrity="…" crossorigin="anonymous">; docs/loader.md says what that covers
// (kefu.js itself: the chunks it imports cannot carry an integrity attribute).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const packageDir = resolve(import.meta.dirname, '..');
const dist = join(packageDir, 'dist');
const output = 'integrity.json';
const { name, version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/'))
  .filter((path) => path !== output)
  .sort();
if (!files.includes('kefu.js')) throw new Error(`${dist} has no kefu.js: run rollup first`);

const hashes = {};
for (const path of files) {
  const bytes = readFileSync(join(dist, path));
  hashes[path] = { integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`, size: bytes.length };
}
writeFileSync(join(dist, output), `${JSON.stringify({ name, version, files: hashes }, null, 2)}\n`);
