import MagicString from 'magic-string';
import { libraryConfig } from '../../scripts/rollup/library.mjs';

const config = libraryConfig(import.meta.dirname);

export default {
  ...config,
  plugins: [...config.plugins, preserveUseClient()],
  onwarn(warning, warn) {
    // The directive rollup warns it drops is the one preserveUseClient() puts back.
    if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
    config.onwarn(warning, warn);
  },
};

/**
 * Keeps 'use client' at the top of each output file whose module started with it. Rollup drops
 * module-level directives (they would be wrong in a bundle of several modules); with one output
 * file per module (preserveModules) the directive is that file's, and React Server Components
 * frameworks need it there to run the components in the browser.
 */
function preserveUseClient() {
  const clientModules = new Set();
  return {
    name: 'kefu-preserve-use-client',
    moduleParsed(info) {
      // The prologue: esbuild puts "use strict" (tsconfig's alwaysStrict) before the module's own.
      for (const statement of info.ast?.body ?? []) {
        if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
        if (statement.directive === 'use client') clientModules.add(info.id);
      }
    },
    renderChunk(code, chunk) {
      if (!chunk.facadeModuleId || !clientModules.has(chunk.facadeModuleId)) return null;
      const output = new MagicString(code).prepend("'use client';\n");
      return { code: output.toString(), map: output.generateMap({ hires: true }) };
    },
  };
}
