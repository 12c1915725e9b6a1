import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const resultsDir = resolve(import.meta.dirname, '../results');

/** Writes a benchmark's result to bench/results/<name>.json (what `npm run bench` also reads back). */
export function writeBenchResult(name: string, result: unknown): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resolve(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
