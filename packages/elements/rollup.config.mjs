import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { libraryConfig } from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;
// Every registration module is an entry of its own, so `import '@kefu/elements/define/kefu-widget.js'`
// loads one element and what it needs.
const defines = readdirSync(resolve(dir, 'src/define'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => resolve(dir, 'src/define', file));
export default libraryConfig(dir, { input: [resolve(dir, 'src/index.ts'), ...defines] });
