// Every code block in the docs that is meant to run compiles as a user's project would compile it
// (issue 30: "docs/react.md's sample fails tsc", "`import type … from '@kefu/elements'` fails under
// pnpm"). The fenced blocks of docs/**/*.md, the packages' READMEs and README.md are read, and:
// - ts/tsx/js blocks, the `<script setup lang="ts">` of vue blocks and the `<script type="module">`
//   of html blocks are type-checked together with the TypeScript compiler API, under the
//   repository's strict settings plus what Vite's app templates add (noUnusedLocals/Parameters), as
//   a browser app (no Node types), with `@kefu/*` read as a user sees them: the packages' built
//   `dist/*.d.ts` through their `exports`, without the `source` condition the repository uses;
// - the `<kefu-…>` tags of html and vue blocks are elements of custom-elements.json, with attributes
//   and events it lists (vue-tsc is not installed: the rest of a Vue template is not checked);
// - every package a block imports is named by the nearest `npm install` line before it in the same
//   file (in a shell block) (a tarball counts as its package), so a pnpm project that follows the page has it.
// A block that is deliberately not a program is marked ```ts fragment (the info string's second
// word) and must then fail to compile: a mark nobody needs is removed. See decision 0015.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import ts from 'typescript';
import { customElements } from '../../scripts/manifest.mjs';

const root = resolve(import.meta.dirname, '../..');
const published = ['core', 'elements', 'react', 'vue'];

/** A Vite app's build tools, which the app already has: its config may import them without the page installing them. */
const appTooling = /^(vite|@vitejs\/.*)$/;

interface Block {
  readonly file: string;
  /** The fence's line, 1-based. */
  readonly line: number;
  readonly lang: string;
  readonly fragment: boolean;
  readonly code: string;
}

/** A piece of a block that TypeScript checks, and the Markdown line of its first line. */
interface Source {
  readonly block: Block;
  readonly fileName: string;
  readonly text: string;
  readonly firstLine: number;
  /** Names the piece declares for a template beside it (a Vue SFC's script setup). */
  readonly template?: string;
}

function markdownFiles(): string[] {
  const out = execFileSync(
    'git',
    [
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '-z',
      '--',
      'docs/*.md',
      'packages/*/README.md',
      'README.md',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return [...new Set(out.split('\0').filter(Boolean))].filter((path) => existsSync(resolve(root, path))).sort();
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(resolve(root, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open as unknown as [string, string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j += 1) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    }
    blocks.push({
      file,
      line: i + 1,
      lang: lang.toLowerCase(),
      fragment: rest.split(/\s+/).includes('fragment'),
      code: body.join('\n'),
    });
    i = j;
  }
  return blocks;
}

const scriptLangs: Record<string, string> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  jsx: 'jsx',
};

/** The parts of a block that TypeScript checks. */
function sourcesOf(block: Block, index: number): Source[] {
  // Under a folder that does not exist, mirroring the page's path: a relative import in a sample
  // (`./my-backend.js`) is the reader's own file and never resolves into the repository.
  const base = `${root}/docs-code/${block.file.replace(/\.md$/, '')}-${block.line}-${index}`;
  const ext = scriptLangs[block.lang];
  if (ext) return [{ block, fileName: `${base}.${ext}`, text: block.code, firstLine: block.line + 1 }];
  const scripts = (pattern: RegExp) =>
    [...block.code.matchAll(pattern)].map((match) => ({
      text: match[1]!,
      firstLine: block.line + 1 + block.code.slice(0, match.index + match[0].indexOf(match[1]!)).split('\n').length - 1,
    }));
  if (block.lang === 'vue') {
    const template = /<template>([\s\S]*)<\/template>/.exec(block.code)?.[1] ?? '';
    return scripts(/<script\s+setup\s+lang="ts"\s*>([\s\S]*?)<\/script>/g).map((part, i) => ({
      block,
      fileName: `${base}_${i}.ts`,
      ...part,
      template,
    }));
  }
  if (block.lang === 'html') {
    return scripts(/<script\s+type="module"\s*>([\s\S]*?)<\/script>/g).map((part, i) => ({
      block,
      fileName: `${base}_${i}.js`,
      ...part,
    }));
  }
  return [];
}

/** The repository's compiler settings, as a browser app that installed the packages sees them. */
function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return {
    ...options,
    customConditions: undefined, // the user's view: dist/*.d.ts through "types", not "source"
    types: [], // a browser app: no Node, no mocha
    jsx: ts.JsxEmit.ReactJSX,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    allowJs: true,
    checkJs: true,
    // What Vite's React and Vue templates add: the "unused import" of issue 30 is an error there.
    noUnusedLocals: true,
    noUnusedParameters: true,
    noEmit: true,
  };
}

/** What a Vite + Vue app declares for `import App from './App.vue'` (vite/client and create-vue's env.d.ts). */
const vueShim = `${root}/docs-code/shims-vue.d.ts`;
const vueShimText =
  "declare module '*.vue' { const component: import('vue').DefineComponent; export default component; }\n";

function typeCheck(sources: readonly Source[]) {
  const options = compilerOptions();
  const virtual = new Map<string, string>([
    [vueShim, vueShimText],
    ...sources.map((s) => [s.fileName, s.text] as const),
  ]);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = virtual.get(fileName);
    return text === undefined
      ? getSourceFile.call(host, fileName, language, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, language, true);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile.call(host, fileName);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems = new Map<string, string[]>();
  for (const source of sources) {
    const file = program.getSourceFile(source.fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].filter(
      (d) => !(source.template !== undefined && d.code === 6133 && usedInTemplate(d, source.template)),
    );
    problems.set(
      source.fileName,
      diagnostics.map((d) => {
        const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0 };
        return `${source.block.file}:${source.firstLine + line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  const kefuFiles = program
    .getSourceFiles()
    .map((file) => file.fileName)
    .filter((name) => name.startsWith(`${root}/packages/`));
  return { problems, kefuFiles };
}

/** "'x' is declared but its value is never read" for a name the SFC's template uses (vue-tsc would see it). */
function usedInTemplate(diagnostic: ts.Diagnostic, template: string): boolean {
  const name = /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))?.[1];
  return name !== undefined && new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(template);
}

/** Bare package names a block imports (type-only imports too: pnpm will not resolve those either). */
function importsOf(source: Source): string[] {
  return ts
    .preProcessFile(source.text, true, true)
    .importedFiles.map(({ fileName }) => fileName)
    .filter((specifier) => !/^(\.|\/|[a-z]+:)/.test(specifier))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
}

/** npm pack's file name for a package: @kefu/core 0.1.0 → kefu-core-0.1.0.tgz. */
const tarballs = new Map(
  published.map((dir) => {
    const { name } = JSON.parse(readFileSync(resolve(root, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
    };
    return [name.replace(/^@/, '').replace('/', '-'), name] as const;
  }),
);

/** The packages an `npm install` line of a shell block names. */
function installedBy(block: Block): string[] {
  return block.code
    .split('\n')
    .filter((line) => /^\s*npm\s+(install|i|add)\s/.test(line))
    .flatMap((line) => line.replace(/#.*$/, '').trim().split(/\s+/).slice(2))
    .filter((word) => !word.startsWith('-'))
    .map((word) => {
      const tarball = /^(.+)-\d+\.\d+\.\d+[^/]*\.tgz$/.exec(basename(word));
      if (tarball) return tarballs.get(tarball[1]!) ?? word;
      return word.replace(/^(@?[^@]+)@.*$/, '$1');
    });
}

/**
 * The install lines of a page, in order: shell blocks, and `npm install …` code spans in its prose
 * ("once published, `npm install @kefu/react @kefu/core`"), which a reader runs as well.
 */
function installLinesOf(file: string): Block[] {
  const shell = blocksOf(file).filter((b) => ['sh', 'bash', 'shell', 'console'].includes(b.lang));
  const inBlock = (line: number) =>
    blocksOf(file).some((b) => line >= b.line && line <= b.line + b.code.split('\n').length + 1);
  const prose = readFileSync(resolve(root, file), 'utf8')
    .split('\n')
    .flatMap((text, i) =>
      inBlock(i + 1)
        ? []
        : [...text.matchAll(/`(npm (?:install|i|add) [^`]+)`/g)].map((m) => ({
            file,
            line: i + 1,
            lang: '',
            fragment: false,
            code: m[1]!,
          })),
    );
  return [...shell, ...prose].sort((a, b) => a.line - b.line);
}

interface ManifestElement {
  readonly tagName: string;
  readonly attributes?: readonly { readonly name: string }[];
  readonly members?: readonly { readonly name: string; readonly attribute?: string }[];
  readonly events?: readonly { readonly name: string }[];
}

const htmlAttributes = /^(id|class|style|slot|part|hidden|lang|dir|title|tabindex|aria-.*|data-.*)$/;

/** `<kefu-…>` tags, attributes and `@event`s a template uses that custom-elements.json does not list. */
function unknownElementApi(block: Block, elements: ReadonlyMap<string, ManifestElement>): string[] {
  const problems: string[] = [];
  const markup = block.code.replace(/<script[\s\S]*?<\/script>/g, (script) => script.replace(/[^\n]/g, ' '));
  for (const match of markup.matchAll(/<(kefu-[a-z-]+)((?:\s+[^\s=>/]+(?:="[^"]*"|='[^']*'|=[^\s>]+)?)*)\s*\/?>/g)) {
    const line = block.line + 1 + markup.slice(0, match.index).split('\n').length - 1;
    const tag = match[1]!;
    const element = elements.get(tag);
    if (!element) {
      problems.push(`${block.file}:${line}: <${tag}> is not a Kefu element`);
      continue;
    }
    const attributes = new Set([
      ...(element.attributes ?? []).map((a) => a.name),
      ...(element.members ?? []).flatMap((m) => (m.attribute ? [m.attribute] : [])),
    ]);
    const events = new Set((element.events ?? []).map((e) => e.name));
    for (const [, name] of match[2]!.matchAll(/\s+([^\s=>/]+)/g)) {
      if (name!.startsWith('@') || name!.startsWith('v-on:')) {
        const event = name!.replace(/^(@|v-on:)/, '').split('.')[0]!;
        if (!events.has(event)) problems.push(`${block.file}:${line}: <${tag}> sends no ${event} event`);
      } else if (block.lang === 'vue' && /^(:|v-|ref$|key$)/.test(name!)) {
        continue; // a Vue binding to a property: only vue-tsc could check it
      } else if (!attributes.has(name!) && !htmlAttributes.test(name!)) {
        problems.push(`${block.file}:${line}: <${tag}> has no ${name} attribute`);
      }
    }
  }
  return problems;
}

const files = markdownFiles();
const blocks = files.flatMap(blocksOf);
const sources = blocks.flatMap(sourcesOf);
const fragments = blocks.filter((block) => block.fragment);
const manifest = JSON.parse(readFileSync(resolve(root, 'packages/elements/custom-elements.json'), 'utf8'));
const elements = new Map((customElements(manifest) as ManifestElement[]).map((e) => [e.tagName, e]));
const templates = blocks.filter((block) => block.lang === 'html' || block.lang === 'vue');
const name = (block: Block) => `${block.file}:${block.line} ${block.lang}`;

let checked: ReturnType<typeof typeCheck> | undefined;
/** One program for every block (each its own module), built on first use: it needs the build. */
function results() {
  const unbuilt = published.filter((dir) => !existsSync(resolve(root, 'packages', dir, 'dist/index.d.ts')));
  assert.deepEqual(
    unbuilt,
    [],
    'run the build first (npm run build; npm test builds before the node suite): the docs compile against dist/*.d.ts',
  );
  checked ??= typeCheck(sources);
  return checked;
}

describe('every code block in the docs that is meant to run compiles', () => {
  it('reads the blocks of the docs and the READMEs, and @kefu/* from dist/*.d.ts as a user sees them', (t) => {
    assert.ok(files.includes('docs/getting-started.md') && files.includes('packages/core/README.md'), files.join(', '));
    assert.ok(sources.length >= 10, `only ${sources.length} blocks to compile`);
    const { kefuFiles } = results();
    for (const dir of published.filter((d) => d !== 'vue' || sources.some((s) => s.text.includes('@kefu/vue')))) {
      assert.ok(
        kefuFiles.some((file) => file.startsWith(`${root}/packages/${dir}/dist/`)),
        `@kefu/${dir} was not read from dist/`,
      );
    }
    const fromSource = kefuFiles.filter((file) => !/\/dist\/[^/].*\.d\.ts$/.test(file));
    assert.deepEqual(fromSource, [], 'the docs must compile against the published types, not the sources');
    const unchecked = blocks.filter((block) => !sources.some((s) => s.block === block) && !block.fragment);
    t.diagnostic(`compiled: ${sources.length} scripts; fragments: ${fragments.map(name).join(', ') || 'none'}`);
    t.diagnostic(
      `not compiled (shell, data, styles, markup without a module script): ${[...new Set(unchecked.map((b) => b.lang || 'plain'))].join(', ')}`,
    );
  });

  for (const source of sources.filter((s) => !s.block.fragment)) {
    const part = source.firstLine === source.block.line + 1 ? '' : ` (its script at line ${source.firstLine})`;
    it(`${name(source.block)}${part}`, () => {
      const problems = results().problems.get(source.fileName) ?? [];
      assert.deepEqual(problems, [], `the sample does not compile:\n${problems.join('\n')}`);
    });
  }

  for (const block of fragments) {
    it(`${name(block)} is marked a fragment, and is one (it does not compile)`, () => {
      const own = sources.filter((s) => s.block === block);
      assert.ok(own.length > 0, `a fragment mark on a ${block.lang || 'plain'} block, which is never compiled anyway`);
      const problems = own.flatMap((s) => results().problems.get(s.fileName) ?? []);
      assert.ok(problems.length > 0, 'this block compiles: remove its "fragment" mark so it is checked');
    });
  }
});

describe('the Kefu tags in the docs’ markup are elements with those attributes and events', () => {
  it('knows the seven elements', () => assert.equal(elements.size, 7));
  it('finds an unknown tag, attribute and event', () => {
    const code =
      '<template>\n<kefu-faq query="a" colour="red" @kefu-nope="x" :foo="y" />\n<kefu-nothing></kefu-nothing>\n</template>';
    assert.deepEqual(unknownElementApi({ file: 'x.md', line: 1, lang: 'vue', fragment: false, code }, elements), [
      'x.md:3: <kefu-faq> has no colour attribute',
      'x.md:3: <kefu-faq> sends no kefu-nope event',
      'x.md:4: <kefu-nothing> is not a Kefu element',
    ]);
  });
  for (const block of templates.filter((b) => /<kefu-/.test(b.code) && !b.fragment)) {
    it(name(block), () => {
      const problems = unknownElementApi(block, elements);
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
});

describe('every package a doc block imports is installed before it on the page', () => {
  it('reads npm install lines, tarballs as their packages', () => {
    const block: Block = {
      file: 'x.md',
      line: 1,
      lang: 'sh',
      fragment: false,
      code: 'npm install react ../kefu-packages/kefu-elements-0.1.0.tgz @scope/x@^2 -D vue@3 # a comment',
    };
    assert.deepEqual(installedBy(block), ['react', '@kefu/elements', '@scope/x', 'vue']);
  });
  it('counts an `npm install …` in the prose (“once published, `npm install @kefu/react`”) as one', () => {
    const lines = installLinesOf('docs/react.md');
    assert.ok(lines.some((b) => b.lang === 'sh' && installedBy(b).includes('@kefu/react')));
    assert.ok(lines.some((b) => b.lang === '' && installedBy(b).includes('@kefu/react')));
  });
  for (const file of files) {
    const imports = sources.filter((s) => s.block.file === file && !s.block.fragment);
    if (!imports.some((s) => importsOf(s).length > 0)) continue;
    it(file, () => {
      const missing: string[] = [];
      const installs = installLinesOf(file);
      for (const source of imports) {
        // The nearest install line before the block: what a reader of that section runs.
        const install = installs.filter((b) => b.line < source.block.line && installedBy(b).length > 0).at(-1);
        const installed = new Set(install ? installedBy(install) : []);
        for (const pkg of importsOf(source)) {
          if (!installed.has(pkg) && !appTooling.test(pkg)) {
            const where = install
              ? `the npm install line at ${file}:${install.line} does not name it`
              : 'no npm install line before it';
            missing.push(`${file}:${source.firstLine}: imports ${pkg}; ${where}`);
          }
        }
      }
      assert.deepEqual(missing, [], missing.join('\n'));
    });
  }
});
