import { resolve } from 'node:path';
import { libraryConfig } from '../../scripts/rollup/library.mjs';

const dir = import.meta.dirname;
export default libraryConfig(dir, {
  input: [resolve(dir, 'src/index.ts'), resolve(dir, 'src/seed/index.ts'), resolve(dir, 'src/domain/index.ts')],
});
