import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

/**
 * The console's script: its Lit sources bundled by esbuild into memory the first time it is
 * asked for, once per process. Nothing is prebuilt, so `npm start` and a clean checkout serve it
 * with no extra step. esbuild is looked up at run time (not imported) so the package's rollup
 * build leaves it alone.
 */
let bundle: Promise<string> | undefined;

export function consoleScript(): Promise<string> {
  bundle ??= build().catch((error: unknown) => {
    // A failed build is retried on the next request instead of being cached for good.
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function build(): Promise<string> {
  const specifier = 'esbuild';
  const esbuild = (await import(specifier)) as typeof Esbuild;
  const result = await esbuild.build({
    entryPoints: [entryPoint()],
    bundle: true,
    format: 'esm',
    // es2022: with a later target esbuild leaves the decorators in and browsers throw.
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    // Lit's decorators as the repository compiles them (docs/decisions/0001-stack.md).
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no console bundle');
  return output.text;
}

/** src/console/ui/main.ts, whether this module runs from src (tsx) or from the package's dist. */
function entryPoint(): string {
  const candidates = [
    new URL('./ui/main.ts', import.meta.url),
    new URL('../../src/console/ui/main.ts', import.meta.url),
  ];
  const found = candidates.map((url) => fileURLToPath(url)).find((path) => existsSync(path));
  if (!found) throw new Error('The agent console sources (src/console/ui) are missing.');
  return found;
}
