// `npm run docs`: the documentation site. Analyzes the elements (custom-elements.json, in memory),
// writes their API pages (docs/elements/), then builds the VitePress site into docs/.vitepress/dist.
//   npm run docs -- dev    serves it with live reload instead
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { analyzeElements } from './analyze.mjs';
import { writeElementDocs } from './docs-elements.mjs';

const root = resolve(import.meta.dirname, '..');
const pages = writeElementDocs(JSON.parse(analyzeElements()));
console.log(`wrote docs/elements/ (${pages.length} pages)`);
const command = process.argv[2] === 'dev' ? 'dev' : 'build';
const result = spawnSync('npx', ['vitepress', command, 'docs'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
