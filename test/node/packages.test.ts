// The npm packages are publishable (issues 20 and 30): each workspace that is not private is packed
// once, as `npm publish` would pack it, and the tarball is checked by publint (package.json against
// the files really in it: exports, types, files, bin and its shebang, sideEffects) and by Are the
// Types Wrong (attw: can TypeScript resolve every entry point's types, as node16 ESM, as a bundler
// and under the old `moduleResolution: node`, which reaches subpaths through `typesVersions`). The
// packages are ESM only, so a CommonJS `require` resolving to ESM is not a finding. No network: the
// packing is --offline and both tools read the tarball. Needs the build (`npm run build`), like
// `npm publish` would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packWorkspaces, type Packed } from '../support/pack.js';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly exports?: Record<string, unknown>;
  readonly engines?: { readonly node?: string };
  readonly publishConfig?: { readonly access?: string };
}

const workspaces = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const manifests = new Map(
  workspaces.map((dir) => [dir, JSON.parse(readFileSync(resolve(root, dir, 'package.json'), 'utf8')) as Manifest]),
);
const published = workspaces.filter((dir) => !manifests.get(dir)!.private);
const rootManifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Manifest;

/** The entry points attw is to check: the exports' keys, each wildcard expanded over the packed files. */
function entrypoints(manifest: Manifest, files: readonly string[]): string[] {
  return Object.keys(manifest.exports ?? { '.': '' }).flatMap((key) => {
    if (!key.includes('*')) return [key];
    const [prefix, suffix] = key.slice(2).split('*') as [string, string];
    // "./define/*.js" → the built files of dist/define/ (the "default" target's folder).
    const target = JSON.stringify(manifest.exports![key]).match(/"default":"\.\/([^"*]*)\*([^"]*)"/);
    if (!target) return [];
    return files
      .filter((file) => file.startsWith(target[1]!) && file.endsWith(target[2]!))
      .map((file) => `./${prefix}${file.slice(target[1]!.length, file.length - target[2]!.length)}${suffix}`);
  });
}

describe('the packages that would be published', () => {
  it('are core, elements, react, vue and the reference server; the script-tag build is not', () => {
    assert.deepEqual(published, [
      'packages/core',
      'packages/elements',
      'packages/react',
      'packages/vue',
      'packages/server',
    ]);
  });

  let dir: string;
  const packed = new Map<string, Packed>();
  const attw = new Map<string, Promise<{ ok: boolean; output: string }>>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-pack-'));
    for (const [i, result] of (await packWorkspaces(published, dir)).entries()) packed.set(published[i]!, result);
    // attw takes a few seconds a package: all of them at once, each test awaits its own.
    for (const pkg of published) {
      const { filename, files } = packed.get(pkg)!;
      // Every resolution mode (profile "strict"), node10 included; only "from CommonJS, this is
      // ESM" is expected of an ESM-only package.
      const args = [join(dir, filename), '--profile', 'strict', '--ignore-rules', 'cjs-resolves-to-esm'];
      args.push('--format', 'ascii', '--no-color', '--no-emoji');
      args.push(
        '--entrypoints',
        ...entrypoints(
          manifests.get(pkg)!,
          files.map((file) => file.path),
        ),
      );
      attw.set(
        pkg,
        run(resolve(root, 'node_modules/.bin/attw'), args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
          ({ stdout: output }) => ({ ok: true, output }),
          (error: { stdout?: string; stderr?: string; message: string }) => ({
            ok: false,
            output: `${error.stdout ?? ''}${error.stderr ?? ''}` || error.message,
          }),
        ),
      );
    }
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const pkg of published) {
    const { name } = manifests.get(pkg)!;

    describe(name, () => {
      it('publint finds nothing, suggestions included', async () => {
        const tarball = readFileSync(join(dir, packed.get(pkg)!.filename));
        const { messages, pkg: manifest } = await publint({
          pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
          level: 'suggestion',
          strict: true,
        });
        const findings = messages.map(
          (message) => `${message.type}: ${formatMessage(message, manifest) ?? message.code}`,
        );
        assert.deepEqual(findings, [], `publint on ${packed.get(pkg)!.filename}:\n${findings.join('\n')}`);
      });

      it('attw finds every entry point’s types, under every moduleResolution', async () => {
        const { ok, output } = await attw.get(pkg)!;
        assert.ok(ok, `attw on ${packed.get(pkg)!.filename}:\n${output}`);
      });

      it('ships the build, no test, test data or test helper (nor their declarations)', () => {
        const files = packed.get(pkg)!.files.map((file) => file.path);
        assert.ok(
          files.includes('package.json') && files.includes('dist/index.js') && files.includes('dist/index.d.ts'),
        );
        const tests = files.filter((file) =>
          /\.test(-data)?(\.d)?\.tsx?$|(^|\/)test-suites\/|(^|\/)test-helpers(\.d)?\.ts$/.test(file),
        );
        assert.deepEqual(tests, []);
      });

      it('has a README and its licence, the Node version of the repository, and publishes publicly', () => {
        const manifest = manifests.get(pkg)!;
        const files = packed.get(pkg)!.files.map((file) => file.path);
        assert.ok(files.includes('README.md'), `${pkg}/README.md`);
        // The manifest's "license" names MIT; the MIT licence asks for its text with every copy.
        assert.equal(manifest.license, rootManifest.license);
        assert.ok(files.includes('LICENSE'), `${pkg}/LICENSE`);
        assert.equal(manifest.engines?.node, rootManifest.engines?.node);
        // A scoped package is published restricted (paid, private) unless it says otherwise.
        assert.equal(manifest.publishConfig?.access, 'public');
      });
    });
  }
});
