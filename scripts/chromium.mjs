// Where the browser is and how to start it. Test tools cannot download their own browsers on our
// machines, so everything (wtr, Playwright, screenshots, benchmarks) uses Debian's Chromium.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.KEFU_CHROMIUM,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** The Chromium binary to use, or undefined when none is installed. */
export function findChromium() {
  return candidates.find((path) => path && existsSync(path));
}

export function chromiumPath() {
  const path = findChromium();
  if (!path) throw new Error('Chromium not found: run `npm test` (it installs it) or set KEFU_CHROMIUM.');
  return path;
}

/**
 * --no-sandbox: Chromium refuses to start as root without it. --disable-dev-shm-usage: Debian's
 * wrapper does not add it. The background-networking flags stop it dialling hosts it cannot reach.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
