// The one rollup setup every library package builds with: ESM, one output file per source module
// (so bundlers tree-shake and the .d.ts files from tsc sit beside their .js), dependencies external.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';

/**
 * @param {string} packageDir the package's folder (pass `import.meta.dirname`)
 * @param {{ input?: string[] | Record<string, string> }} [options]
 */
export function libraryConfig(packageDir, options = {}) {
  const pkg = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8'));
  const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  return {
    input: options.input ?? [resolve(packageDir, 'src/index.ts')],
    external: (id) => nodeBuiltins.has(id) || dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
    output: {
      dir: resolve(packageDir, 'dist'),
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: resolve(packageDir, 'src'),
    },
    plugins: [cleanOutput(resolve(packageDir, 'dist')), esbuildPlugin()],
    onwarn: failOnUnresolvedImport,
  };
}

/**
 * Empties the output folder before a build: files of modules since moved or renamed, and chunks
 * under old hashes, would otherwise ship with the package and count against its size budget.
 */
export function cleanOutput(dir) {
  return {
    name: 'kefu-clean-output',
    buildStart() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An import rollup cannot resolve would ship as a broken bare specifier: stop the build instead. */
export function failOnUnresolvedImport(warning, warn) {
  if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
  warn(warning);
}

/** TypeScript through esbuild. target es2022: with a later target esbuild leaves decorators in. */
export function esbuildPlugin(options = {}) {
  return esbuild({
    target: 'es2022',
    tsconfig: resolve(import.meta.dirname, '../../tsconfig.json'),
    ...options,
  });
}

/**
 * Minifies the CSS in Lit's css`…` templates (comments, runs of whitespace, spaces around
 * punctuation). Terser leaves template literals alone, and every element carries a stylesheet, so
 * this is a few hundred bytes per feature. Only css`` templates are touched: in html`` templates
 * whitespace can be meaningful (pre-wrap text).
 */
export function minifyCssTemplates() {
  const cssTemplate = /\bcss`((?:[^`\\]|\\.)*)`/g;
  return {
    name: 'kefu-minify-css-templates',
    transform(code, id) {
      if (!/\.(ts|js)$/.test(id) || id.includes('/node_modules/') || !code.includes('css`')) return null;
      const minified = code.replace(cssTemplate, (_, body) => `css\`${minifyCss(body)}\``);
      return minified === code ? null : { code: minified, map: null };
    },
  };
}

function minifyCss(css) {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // Only after a colon: before one, a space is a descendant combinator (".list :focus").
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}
