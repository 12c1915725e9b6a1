// An import map for a page without a bundler (docs/no-bundler.md): the `@kefu/*` packages a page
// imports and every package they depend on, read from the installed packages' package.json
// (`exports`, else `module`/`main`; `dependencies`), so a browser can resolve `import '@kefu/core'`.
//
//   node scripts/import-map.mjs                         for a page served with /node_modules/
//   node scripts/import-map.mjs --base /assets/npm/     node_modules served under another path
//   node scripts/import-map.mjs --cdn https://cdn.jsdelivr.net/npm/
//                                                       a CDN that mirrors npm: name@version/…,
//                                                       the versions you have installed
//   … --root ../my-shop @kefu/core @kefu/elements       whose node_modules, which packages (these
//                                                       two by default)
//
// Conditions are a browser's: `browser`, `import`, `module`, `default` (never `source`, `node`,
// `require` or `development`). An export whose subpath is its file's path (lit's
// `./decorators.js`) is covered by one `name/` prefix; the others are listed one by one.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const conditions = ['browser', 'import', 'module', 'default'];

/** The folder of `name` as Node would find it from `from` (the path through symlinks, not the real one). */
function locate(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** An export's target for a browser, or undefined (types only, require only, null). */
function target(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(target).find((t) => t !== undefined);
  if (value && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) {
      if (conditions.includes(key)) {
        const found = target(nested);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

const isModule = (file) => /\.m?js$/.test(file);

/** The map's entries for one package, its files under `url` (ending in /). */
function entriesOf(name, manifest, url) {
  const file = (path) => `${url}${path.replace(/^\.\//, '')}`;
  const entries = {};
  let exports = manifest.exports;
  if (exports === undefined) {
    const main = manifest.module ?? manifest.main ?? 'index.js';
    entries[name] = file(/\.[cm]?js$/.test(main) ? main : `${main}.js`);
    entries[`${name}/`] = url;
    return entries;
  }
  if (typeof exports === 'string' || Array.isArray(exports) || !Object.keys(exports).some((k) => k.startsWith('.'))) {
    exports = { '.': exports };
  }
  let identity = false;
  for (const [subpath, value] of Object.entries(exports)) {
    const to = target(value);
    if (to === undefined || subpath === './package.json') continue;
    const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
    if (subpath.includes('*')) {
      // "./define/*.js": "./dist/define/*.js" is the prefix name/define/ → dist/define/.
      const [from, fromSuffix] = subpath.split('*');
      const [into, intoSuffix] = to.split('*');
      if (!from.endsWith('/') || !into.endsWith('/') || fromSuffix !== intoSuffix) {
        throw new Error(`${name}: the export ${subpath} → ${to} is not a folder an import map can express`);
      }
      if (from === into) identity = true;
      else entries[`${name}/${from.slice(2)}`] = file(into);
    } else if (subpath.endsWith('/')) {
      entries[specifier] = file(to);
    } else if (isModule(to)) {
      if (subpath !== '.' && subpath === to) identity = true;
      else entries[specifier] = file(to);
    }
  }
  if (identity) entries[`${name}/`] = url;
  return entries;
}

/**
 * The import map (`{ imports }`) for `packages` and what they depend on, as installed under `root`.
 * Throws when two versions of one package would be needed (an import map would need scopes).
 */
export function importMap({
  root = process.cwd(),
  base = '/node_modules/',
  cdn = false,
  packages = ['@kefu/core', '@kefu/elements'],
} = {}) {
  const nodeModules = join(resolve(root), 'node_modules');
  const found = new Map(); // name → { dir, real, version }
  const queue = packages.map((name) => ({ name, from: resolve(root), by: 'the page' }));
  const imports = {};
  while (queue.length > 0) {
    const { name, from, by } = queue.shift();
    const dir = locate(name, from);
    if (!dir) throw new Error(`${name} (needed by ${by}) is not installed under ${root}`);
    const real = realpathSync(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const seen = found.get(name);
    if (seen) {
      if (seen.real !== real) {
        throw new Error(
          `two versions of ${name} (${seen.version}, ${manifest.version}): an import map would need scopes`,
        );
      }
      continue;
    }
    found.set(name, { dir, real, version: manifest.version });
    if (name.startsWith('@types/')) continue;
    const path = relative(nodeModules, dir).split(sep).join('/');
    if (!cdn && path.startsWith('..')) throw new Error(`${name} is outside ${nodeModules}`);
    const url = cdn ? `${base}${name}@${manifest.version}/` : `${base}${path}/`;
    Object.assign(imports, entriesOf(name, manifest, url));
    const optional = manifest.peerDependenciesMeta ?? {};
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !optional[peer]?.optional);
    for (const dependency of [...Object.keys(manifest.dependencies ?? {}), ...peers]) {
      queue.push({ name: dependency, from: dir, by: name });
    }
  }
  return { imports: Object.fromEntries(Object.entries(imports).sort(([a], [b]) => a.localeCompare(b))) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const options = { packages: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--base') options.base = args[++i];
    else if (arg === '--cdn') Object.assign(options, { cdn: true, base: args[++i] });
    else if (arg === '--root') options.root = args[++i];
    else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}: see the top of scripts/import-map.mjs`);
      process.exit(2);
    } else options.packages.push(arg);
  }
  if (options.packages.length === 0) delete options.packages;
  if (options.base !== undefined && !options.base.endsWith('/')) options.base += '/';
  console.log(JSON.stringify(importMap(options), null, 2));
}
