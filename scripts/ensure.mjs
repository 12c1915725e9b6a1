// What `npm start` and `npm test` need before they can run, installed when missing: the npm
// dependencies, and Debian's Chromium (test tools cannot download their own browsers here).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

// Not import.meta.dirname: it is newer than some of the Node versions the check below turns away.
const root = fileURLToPath(new URL('..', import.meta.url));

/** The Node.js the README promises (package.json's engines): an older one stops here, saying so. */
export function ensureNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 20 || (major === 20 && minor >= 19)) return;
  console.error(
    `Kefu needs Node.js 20.19 or later; this is ${process.version}. Install a current Node.js (https://nodejs.org) and run this again.`,
  );
  process.exit(1);
}

// Checked as this module loads, before the script importing it runs a line of its own.
ensureNode();

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const installed = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  // better-sqlite3 compiles SQLite from source when no prebuilt binary fits, silently for a minute
  // or two: say so before it starts, so nobody takes it for a hang.
  console.log(
    'Installing npm dependencies (npm ci, about 2 minutes: better-sqlite3 compiles SQLite from source, quietly)…',
  );
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: check that the npm registry is reachable, then run npm ci yourself.');
    process.exit(1);
  }
}

/** Finds Chromium, installs Debian's package as root when it is missing, or says what to do. */
export function ensureChromium() {
  if (findChromium()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      'Chromium is missing: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set KEFU_CHROMIUM to its path, then run npm test again.',
    );
    process.exit(1);
  }
  console.log('Installing Chromium with apt-get (about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (!findChromium()) {
    console.error('apt-get finished but no Chromium binary was found; set KEFU_CHROMIUM to its path.');
    process.exit(1);
  }
}
