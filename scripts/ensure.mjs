// What `npm start` and `npm test` need before they can run, installed when missing: the npm
// dependencies, Debian's Chromium (test tools cannot download their own browsers here), the
// Chinese font the end-to-end screenshots are drawn with, and PostgreSQL's server programs for
// the node tests' throw-away clusters.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';
import { findPostgresBin } from './postgres.mjs';

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

/**
 * Finds Chromium, installs Debian's package as root when it is missing, or says what to do; then
 * the same for the font its pages' Chinese is drawn with (ensureFonts).
 */
export function ensureChromium() {
  installChromium();
  ensureFonts();
}

function installChromium() {
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

/** The CJK font the Chinese screenshots' references (test/e2e/screenshots/*-zh-*) were drawn with. */
const chineseFont = { family: 'WenQuanYi Micro Hei', debianPackage: 'fonts-wqy-microhei' };

/**
 * Without a Chinese font Chromium draws Kefu's Chinese as empty boxes, and the e2e screenshots of
 * the zh-CN views cannot match their references: installs Debian's package as root, or says what
 * to do and stops, before an hour is spent on diffs that only say "the font is missing".
 */
export function ensureFonts() {
  if (hasChineseFont()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  const byHand = `install it (Debian/Ubuntu: sudo apt-get install -y ${chineseFont.debianPackage}), then run npm test again`;
  if (!isRoot || !hasApt) {
    console.error(
      `The font ${chineseFont.family} is missing: the end-to-end tests draw Kefu's Chinese with it. Please ${byHand}.`,
    );
    process.exit(1);
  }
  console.log(`Installing the font ${chineseFont.family} with apt-get (${chineseFont.debianPackage})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', chineseFont.debianPackage], { stdio: 'inherit', env }).status === 0;
  // A machine whose package lists were never fetched (a fresh container) knows no package yet.
  const installed =
    install() || (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 && install());
  if (!installed || !hasChineseFont()) {
    console.error(
      `apt-get could not install ${chineseFont.debianPackage} (is the Debian mirror reachable?): ${byHand}.`,
    );
    process.exit(1);
  }
}

/** fontconfig's list of families, where Chromium on Linux finds its fonts; else the package's file. */
function hasChineseFont() {
  const listed = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  if (listed.status === 0) return listed.stdout.includes(chineseFont.family);
  return existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
}

/**
 * The node tests start throw-away PostgreSQL clusters (test/support/postgres.ts) with the server's
 * own programs (initdb, postgres): finds them, installs Debian's `postgresql` as root when they are
 * missing, or says what to do and stops. Debian's package also creates a `main` cluster of its own
 * (port 5432, started where systemd runs); the tests do not use it.
 */
export function ensurePostgres() {
  if (findPostgresBin()) return;
  if (process.env.KEFU_POSTGRES_BIN) {
    console.error(`KEFU_POSTGRES_BIN is ${process.env.KEFU_POSTGRES_BIN}, which holds no initdb and postgres.`);
    process.exit(1);
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  const byHand =
    'install it (Debian/Ubuntu: sudo apt-get install -y postgresql) or set KEFU_POSTGRES_BIN to the folder holding initdb and postgres, then run npm test again';
  if (!isRoot || !hasApt) {
    console.error(
      `PostgreSQL is missing: the node tests start throw-away clusters with its initdb and postgres. Please ${byHand}.`,
    );
    process.exit(1);
  }
  console.log('Installing PostgreSQL with apt-get (postgresql, about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env }).status === 0;
  // A machine whose package lists were never fetched (a fresh container) knows no package yet.
  const installed =
    install() || (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 && install());
  if (!installed || !findPostgresBin()) {
    console.error(`apt-get could not install postgresql (is the Debian mirror reachable?): ${byHand}.`);
    process.exit(1);
  }
}
