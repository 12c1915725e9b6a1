// `npm run analyze`: regenerates packages/elements/custom-elements.json from the elements' JSDoc,
// then the React wrappers and the Vue component declarations from that manifest. `--check` regenerates into memory and fails when the
// committed files are out of date (npm test runs it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { generateReactWrappers } from './generate-react.mjs';
import { generateVueDeclarations, generateVueElementModules } from './generate-vue.mjs';

const root = resolve(import.meta.dirname, '..');
const elementsDir = join(root, 'packages/elements');
const manifestPath = join(elementsDir, 'custom-elements.json');
const wrappersPath = join(root, 'packages/react/src/generated/components.ts');
const vuePath = join(root, 'packages/vue/src/generated/components.ts');
const vueModulesPath = join(root, 'packages/vue/src/generated/element-modules.ts');

export function analyzeElements() {
  const outdir = mkdtempSync(join(tmpdir(), 'kefu-cem-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        // The analyzer joins --outdir to the working directory, even when it is absolute.
        '--outdir',
        relative(elementsDir, outdir),
        '--quiet',
      ],
      { cwd: elementsDir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const manifest = JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8'));
    // The analyzer lists modules in the order its file search returns them, which is not always
    // the same (a cold file cache on a fresh clone gave another order): sorted, the check is stable.
    manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return `${JSON.stringify(manifest, null, 2)}\n`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export async function generatedFiles() {
  const manifest = analyzeElements();
  return {
    [manifestPath]: manifest,
    [wrappersPath]: await generateReactWrappers(JSON.parse(manifest)),
    [vuePath]: await generateVueDeclarations(JSON.parse(manifest)),
    [vueModulesPath]: await generateVueElementModules(JSON.parse(manifest)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const files = await generatedFiles();
  const stale = Object.entries(files).filter(
    ([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content,
  );
  if (check) {
    for (const [path] of stale) console.error(`out of date: ${path.slice(root.length + 1)} — run npm run analyze`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  console.log(
    `wrote ${Object.keys(files)
      .map((path) => path.slice(root.length + 1))
      .join(', ')}`,
  );
}
