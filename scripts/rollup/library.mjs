// The one rollup setup every library package builds with: ESM, one output file per source module
// (so bundlers tree-shake and the .d.ts files from tsc sit beside their .js), dependencies external.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import MagicString from 'magic-string';
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
    // UTF-8 as written: escaped (esbuild's default), each Chinese or Arabic character took six bytes,
    // and the npm files of @kefu/elements 3 KB more brotli. ES modules are always read as UTF-8.
    plugins: [cleanOutput(resolve(packageDir, 'dist')), esbuildPlugin({ charset: 'utf8' })],
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

/**
 * Collapses the indentation in Lit's html`…` templates: every run of whitespace that holds a line
 * break becomes one space. Outside `white-space: pre*` the browser renders both the same (one
 * space, or nothing at a block's edge), and our templates keep pre-wrap text (chat bubbles, the
 * return comment) on one line, so nothing on screen changes; the indentation was about 1.2 KB
 * brotli of the widget. Terser leaves template literals alone, and a regular expression cannot
 * find where a template ends once templates nest (html`${x ? html`…` : y}`), so this walks the
 * syntax tree — after esbuild, on JavaScript — and rewrites only the static parts of templates
 * tagged `html` or `svg`, through magic-string so the source maps stay right.
 */
export function minifyHtmlTemplates() {
  return {
    name: 'kefu-minify-html-templates',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\b(html|svg)`/.test(code)) return null;
      const source = new MagicString(code);
      visit(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || !['html', 'svg'].includes(node.tag.name)) return;
        for (const quasi of node.quasi.quasis) {
          const raw = quasi.value.raw;
          const collapsed = raw.replace(/[ \t]*\r?\n\s*/g, ' ');
          if (collapsed !== raw) source.overwrite(quasi.start, quasi.end, collapsed);
        }
      });
      return source.hasChanged() ? { code: source.toString(), map: source.generateMap({ hires: true }) } : null;
    },
  };
}

/** Calls `enter` on every node of an ESTree syntax tree, parents before children. */
function visit(node, enter) {
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => child?.type && visit(child, enter));
    else if (value?.type && value !== node) visit(value, enter);
  }
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
