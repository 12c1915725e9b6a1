// The agent console's script: its Lit sources (src/console/ui/main.ts) bundled by esbuild into one
// minified ES module. One definition for both uses: the package's build emits it as
// dist/console/console.js (rollup.config.mjs), so the packed package serves it without its sources
// or esbuild; run from the sources (`npm start`, the tests), src/console/assets.ts bundles it in
// memory with this same function, so a change to the console shows without a build.
import { resolve } from 'node:path';
import { build } from 'esbuild';

export const consoleEntry = resolve(import.meta.dirname, '../src/console/ui/main.ts');

/** @returns {Promise<string>} the bundle's text */
export async function bundleConsole() {
  const result = await build({
    entryPoints: [consoleEntry],
    bundle: true,
    format: 'esm',
    // es2022: with a later target esbuild leaves the decorators in and browsers throw.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    // The widget's sources the console shares (src/console/ui/widget-shared.ts) import @kefu/core:
    // its sources too, so bundling needs no build of the other packages first.
    conditions: ['source'],
    // Lit's decorators as the repository compiles them (docs/decisions/0001-stack.md).
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'silent',
    write: false,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no console bundle');
  return output.text;
}
