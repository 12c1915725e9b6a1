// Run under the shared build lock by bench/lib/demo.ts (`flock /tmp/kefu-dist.lock node bench/lib/copy-demo.mjs DEST`):
// rebuilds demo/dist when it is missing or older than its sources (checked once the lock is held:
// someone else may have just rebuilt), copies it to DEST, and prints scripts/size.mjs --json for
// the same build on stdout.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const destination = process.argv[2];
if (!destination) throw new Error('usage: copy-demo.mjs DEST');

/** Newest modification time of the source files under `dir`. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = resolve(repo, 'demo/dist/kefu/kefu.js');
const sources = Math.max(
  ...['packages/core/src', 'packages/elements/src', 'packages/loader/src', 'demo/public'].map((dir) =>
    newest(resolve(repo, dir)),
  ),
  ...['demo/index.html', 'demo/styles.css'].map((file) => statSync(resolve(repo, file)).mtimeMs),
);
const stale = !existsSync(built) || sources > statSync(built).mtimeMs;
if (stale && process.env.KEFU_BENCH_NO_BUILD) {
  console.error('bench: demo/dist is missing or older than the sources (KEFU_BENCH_NO_BUILD: not rebuilding)');
} else if (stale) {
  console.error('bench: demo/dist is missing or older than the sources — running scripts/build.mjs');
  // The build's own size check may fail (a budget exceeded); the bench reports sizes itself.
  try {
    execFileSync('node', ['scripts/build.mjs'], { cwd: repo, stdio: ['ignore', 2, 2] });
  } catch {
    console.error('bench: the build reported a failure (see above); measuring what it produced');
  }
}
if (!existsSync(resolve(repo, 'demo/dist/index.html'))) throw new Error('demo/dist is missing: run `npm run build`');
cpSync(resolve(repo, 'demo/dist'), destination, { recursive: true });
let sizes = '[]';
try {
  sizes = execFileSync('node', ['scripts/size.mjs', '--json'], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  // Over budget exits 1 but still prints the figures.
  sizes = error.stdout ?? '[]';
}
process.stdout.write(JSON.stringify({ rebuilt: stale && !process.env.KEFU_BENCH_NO_BUILD, sizes: JSON.parse(sizes) }));
