import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { libraryConfig } from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;
// Every registration module is an entry of its own, so `import '@kefu/elements/define/kefu-widget.js'`
// loads one element and what it needs.
const defines = readdirSync(resolve(dir, 'src/define'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => resolve(dir, 'src/define', file));
// The light launcher and the widget-on-intent helper are entries too (@kefu/elements/launcher.js,
// /widget-on-intent.js): the script-tag loader and the React and Vue wrappers import them alone.
const launcher = ['launcher', 'widget-on-intent'].map((name) => resolve(dir, `src/launcher/${name}.ts`));
// So is the shared client without its signals (@kefu/elements/shared-client-on-demand.js), which
// no module of the package imports.
const sharedClientOnDemand = resolve(dir, 'src/base/shared-client-on-demand.ts');
export default libraryConfig(dir, {
  input: [resolve(dir, 'src/index.ts'), ...defines, ...launcher, sharedClientOnDemand],
});
