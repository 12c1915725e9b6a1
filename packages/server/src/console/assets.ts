import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The console's script, read once per process. The package's build bundles it into
 * dist/console/console.js beside this module's built file (packages/server/rollup.config.mjs), and
 * the packed package serves that: it ships neither the console's sources nor a bundler. Run from
 * the sources instead (tsx: `npm start`, the tests), there is no built file here and the sources
 * are bundled in memory, with the same function as the build, so a change to the console shows on
 * the next start without a build.
 */
let bundle: Promise<string> | undefined;

export function consoleScript(): Promise<string> {
  bundle ??= load().catch((error: unknown) => {
    // A failed read or build is retried on the next request instead of being cached for good.
    bundle = undefined;
    throw error;
  });
  return bundle;
}

const built = new URL('./console.js', import.meta.url);
const sources = new URL('./ui/main.ts', import.meta.url);

async function load(): Promise<string> {
  if (existsSync(fileURLToPath(sources))) {
    // Looked up at run time, not imported: the build script is not part of the package, and the
    // package's rollup build is to leave this import alone.
    const script = new URL('../../scripts/bundle-console.mjs', import.meta.url).href;
    const { bundleConsole } = (await import(script)) as { bundleConsole(): Promise<string> };
    return bundleConsole();
  }
  if (!existsSync(fileURLToPath(built))) {
    throw new Error(`The agent console is not built (${fileURLToPath(built)}): run npm run build.`);
  }
  return readFile(built, 'utf8');
}
