// Checks every entry point against its brotli budget (size-budgets.json) and prints them all.
// Sizes are deterministic, so a budget is a hard limit: exceeding one fails the build and npm test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
// --budgets FILE checks another budget file (the size check's own test uses it).
const budgetsArg = process.argv.indexOf('--budgets');
const budgetsFile = budgetsArg > 0 ? resolve(process.argv[budgetsArg + 1]) : resolve(root, 'size-budgets.json');
const { entries } = JSON.parse(readFileSync(budgetsFile, 'utf8'));

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
let failures = 0;
const rows = [];
// --json prints the figures (bytes) as JSON instead of the table: npm run bench reads them.
const json = process.argv.includes('--json');
const results = [];
for (const entry of entries) {
  // A pattern starting with "!" removes what it matches. "loads" entries count what loading those
  // files loads (their static imports, transitively), minus what "alreadyLoaded" loads: a feature's
  // cost is what going there adds to the panel that is open already.
  const excluded = new Set([
    ...entry.files.filter((p) => p.startsWith('!')).flatMap((p) => expand(p.slice(1))),
    ...(entry.alreadyLoaded ?? []).flatMap((pattern) => expand(pattern)).flatMap((file) => staticGraph(file)),
  ]);
  const matched = entry.files.filter((p) => !p.startsWith('!')).flatMap((pattern) => expand(pattern));
  const files = [...new Set(entry.loads ? matched.flatMap((file) => staticGraph(file)) : matched)].filter(
    (file) => !excluded.has(file),
  );
  if (files.length === 0 && entry.optional) {
    rows.push([entry.name, '—', '—', kb(entry.brotli), 'not in this build']);
    results.push({ name: entry.name, budget: entry.brotli, status: 'not in this build' });
    continue;
  }
  if (files.length === 0) {
    rows.push([entry.name, '—', '—', kb(entry.brotli), 'MISSING (build first)']);
    results.push({ name: entry.name, budget: entry.brotli, status: 'missing' });
    failures += 1;
    continue;
  }
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(resolve(root, file));
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  const ok = brotli <= entry.brotli;
  if (!ok) failures += 1;
  rows.push([entry.name, kb(gzip), kb(brotli), kb(entry.brotli), ok ? 'ok' : 'OVER BUDGET']);
  results.push({
    name: entry.name,
    files: files.length,
    gzip,
    brotli,
    budget: entry.brotli,
    status: ok ? 'ok' : 'over budget',
  });
}
if (json) console.log(JSON.stringify(results, null, 2));

const header = ['entry', 'gzip', 'brotli', 'budget', ''];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
if (!json) for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
if (failures) {
  console.error(`size: ${failures} entr${failures === 1 ? 'y' : 'ies'} over budget or missing`);
  process.exit(1);
}

/** A module and every module it imports statically (not `import()`), transitively. */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return [...seen];
  seen.add(file);
  const code = readFileSync(resolve(root, file), 'utf8');
  // Minified ESM: import{a as b}from"./x.js" · import"./x.js" · export{c}from"./x.js".
  for (const match of code.matchAll(
    /(?:^|[;}\s])(?:import|export)(?:[\s{*][^'"();]*?from)?\s*["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    staticGraph(relative(root, resolve(root, dirname(file), match[1])), seen);
  }
  return [...seen];
}

/** Node 20 has no fs.glob: enough of one for `dir/file.js`, `dir/*.js` and `dir/**` + `/*.js`. */
function expand(pattern) {
  const fixed = pattern.split('/').filter((_, i, parts) => !parts.slice(0, i + 1).some((p) => p.includes('*')));
  const base = resolve(root, fixed.join('/'));
  // "**/" is any number of folders, "*" anything within one; "**/" is replaced last, or its "*"
  // would become a one-folder "*" too (and files two folders down were left out).
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .split('**/')
    .map((part) => part.replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  const matcher = new RegExp(`^${source}$`);
  if (!existsSync(base)) return [];
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((dirent) =>
      dirent.isDirectory() ? walk(join(dir, dirent.name)) : [relative(root, join(dir, dirent.name))],
    );
  const candidates = fixed.length === pattern.split('/').length ? [relative(root, base)] : walk(base);
  return candidates.filter((file) => matcher.test(file) && existsSync(resolve(root, file)));
}
