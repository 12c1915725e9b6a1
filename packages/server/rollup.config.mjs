import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { libraryConfig } from '../../scripts/rollup/library.mjs';
import { bundleConsole } from './scripts/bundle-console.mjs';

const dir = import.meta.dirname;
const library = libraryConfig(dir, { input: [resolve(dir, 'src/index.ts'), resolve(dir, 'src/cli.ts')] });

export default {
  ...library,
  output: {
    ...library.output,
    // dist/cli.js is the package's bin: without a shebang the shell, not Node, runs it.
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  plugins: [...library.plugins, agentConsole(), executableBin()],
};

/**
 * The agent console's browser script, bundled now into dist/console/console.js: the packed
 * package has neither the console's sources nor a bundler (src/console/assets.ts serves the file).
 */
function agentConsole() {
  return {
    name: 'kefu-agent-console',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'console/console.js', source: await bundleConsole() });
    },
  };
}

/** npm makes a bin executable when it installs it; `node_modules/.bin` aside, so does this. */
function executableBin() {
  return {
    name: 'kefu-executable-bin',
    writeBundle() {
      chmodSync(resolve(dir, 'dist/cli.js'), 0o755);
    },
  };
}
