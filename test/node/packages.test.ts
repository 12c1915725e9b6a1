// The npm packages are publishable (issues 20 and 30): each workspace that is not private is packed
// once, as `npm publish` would pack it, and the tarball is checked by publint (package.json against
// the files really in it: exports, types, files, bin and its shebang, sideEffects) and by Are the
// Types Wrong (attw: can TypeScript resolve every entry point's types, as node16 ESM, as a bundler
// and under the old `moduleResolution: node`, which reaches subpaths through `typesVersions`). The
// packages are ESM only, so a CommonJS `require` resolving to ESM is not a finding. @kefu/loader is
// the exception: the script tag's files, for <script src>, not for import, so it declares no types
// and attw has nothing to check (the test holds attw to saying so); its own tests check what a CDN
// user relies on instead: the files, their integrity hashes, no run-time dependency. No network: the
// packing is --offline and the tools read the tarball. Needs the build (`npm run build`), like
// `npm publish` would.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { packWorkspaces, type Packed } from '../support/pack.js';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly exports?: Record<string, unknown>;
  readonly types?: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
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
/** Whether a package says it has types (a "types" field or condition): attw checks those. */
const declaresTypes = (manifest: Manifest) =>
  Boolean(manifest.types) || JSON.stringify(manifest.exports ?? {}).includes('"types"');
/** What each package's build must ship: a module and its types, or (the loader) the script tag's files. */
const builtFiles = (pkg: string) =>
  pkg === 'packages/loader'
    ? ['dist/kefu.js', 'dist/kefu-widget.js', 'dist/integrity.json']
    : ['dist/index.js', 'dist/index.d.ts'];

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
  it('are core, elements, react, vue, the script-tag build and the reference server', () => {
    assert.deepEqual(published, [
      'packages/core',
      'packages/elements',
      'packages/react',
      'packages/vue',
      'packages/loader',
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

      if (declaresTypes(manifests.get(pkg)!)) {
        it('attw finds every entry point’s types, under every moduleResolution', async () => {
          const { ok, output } = await attw.get(pkg)!;
          assert.ok(ok, `attw on ${packed.get(pkg)!.filename}:\n${output}`);
        });
      } else {
        // A folder of browser files declares no types; should it ship some, they would need checking.
        it('has no types for attw to check, and ships no declaration', async () => {
          const { ok, output } = await attw.get(pkg)!;
          assert.ok(ok && output.includes('This package does not contain types'), output);
          const declarations = packed.get(pkg)!.files.filter((file) => /\.d\.[cm]?ts$/.test(file.path));
          assert.deepEqual(declarations, []);
        });
      }

      it('ships the build, no test, test data or test helper (nor their declarations)', () => {
        const files = packed.get(pkg)!.files.map((file) => file.path);
        for (const file of ['package.json', ...builtFiles(pkg)]) assert.ok(files.includes(file), `${pkg}: ${file}`);
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

  describe('@kefu/loader, the script tag for CDNs that mirror npm', () => {
    let dist: string;
    before(async () => {
      const unpacked = join(dir, 'kefu-loader');
      mkdirSync(unpacked);
      await run('tar', ['-xzf', join(dir, packed.get('packages/loader')!.filename), '-C', unpacked]);
      dist = join(unpacked, 'package/dist');
    });
    const filesOf = (folder: string) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1));

    it('ships the built folder only: kefu.js, kefu-widget.js, the folders beside them, integrity.json', () => {
      const files = packed.get('packages/loader')!.files.map((file) => file.path);
      assert.deepEqual(files.filter((file) => !file.startsWith('dist/')).sort(), [
        'LICENSE',
        'README.md',
        'package.json',
      ]);
      for (const file of ['dist/kefu.js', 'dist/kefu-widget.js', 'dist/integrity.json'])
        assert.ok(files.includes(file), file);
      for (const folder of ['chunks', 'features', 'vendor', 'workers', 'demo']) {
        assert.ok(
          files.some((file) => file.startsWith(`dist/${folder}/`) && file.endsWith('.js')),
          `dist/${folder}/`,
        );
      }
      assert.deepEqual(
        files.filter((file) => /\.tsx?$/.test(file)),
        [],
        'no TypeScript source',
      );
    });

    it('lists every other file in integrity.json with the sha384 and size of its bytes in the tarball', () => {
      const manifest = manifests.get('packages/loader')!;
      const expected = Object.fromEntries(
        filesOf(dist)
          .filter((file) => file !== 'integrity.json')
          .sort()
          .map((file) => {
            const bytes = readFileSync(join(dist, file));
            const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
            return [file, { integrity, size: bytes.length }];
          }),
      );
      const listed = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8')) as unknown;
      assert.deepEqual(listed, { name: manifest.name, version: manifest.version, files: expected });
    });

    it('needs nothing installed beside it: no run-time dependency, every import within the folder', async () => {
      const manifest = JSON.parse(readFileSync(join(dist, '../package.json'), 'utf8')) as Manifest;
      assert.deepEqual({ ...manifest.dependencies, ...manifest.peerDependencies }, {});
      // esbuild bundles each file from the unpacked tarball, with no node_modules anywhere above it:
      // an import of a package ("lit", "@kefu/core") would not resolve.
      const entryPoints = filesOf(dist).filter((file) => file.endsWith('.js'));
      const problems = await build({
        absWorkingDir: dist,
        entryPoints,
        bundle: true,
        format: 'esm',
        outdir: 'out',
        write: false,
        logLevel: 'silent',
      }).then(
        () => [],
        (error: { errors?: { text: string; location?: { file: string } | null }[] }) =>
          (error.errors ?? [{ text: String(error) }]).map(({ text, location }) => `${location?.file ?? ''}: ${text}`),
      );
      assert.deepEqual(problems, []);
    });
  });
});
