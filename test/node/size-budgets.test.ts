import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

function checkSizes(entries: unknown[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'kefu-size-')), 'budgets.json');
  writeFileSync(file, JSON.stringify({ entries }));
  return spawnSync(process.execPath, ['scripts/size.mjs', '--budgets', file], { cwd: repo, encoding: 'utf8' });
}

describe('size budgets', () => {
  it('prints every entry against its budget and passes when all fit', () => {
    const result = checkSizes([{ name: 'size script', files: ['scripts/size.mjs'], brotli: 100_000 }]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /size script\s+[\d.]+ KB\s+[\d.]+ KB\s+97\.66 KB\s+ok/);
  });

  it('fails when an entry is over its budget', () => {
    const result = checkSizes([{ name: 'size script', files: ['scripts/size.mjs'], brotli: 10 }]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /OVER BUDGET/);
    assert.match(result.stderr, /1 entry over budget/);
  });

  it('fails when an entry matches no file, rather than passing on an empty build', () => {
    const result = checkSizes([{ name: 'nothing', files: ['packages/loader/dist/missing/*.js'], brotli: 2048 }]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /MISSING/);
  });

  it('counts files at any depth under ** (a file moved between folders must not change the figure)', () => {
    // Until this test, "**/" matched one folder at most: files deeper down were silently left out
    // (all of @kefu/elements' components/*/ folders, for one).
    const direct = checkSizes([
      { name: 'worker', files: ['test/support/public/mockServiceWorker.js'], brotli: 100_000 },
    ]);
    const deep = checkSizes([{ name: 'worker', files: ['test/**/mockServiceWorker.js'], brotli: 100_000 }]);
    assert.equal(deep.status, 0, deep.stdout);
    const figures = (output: string) => /worker\s+([\d.]+ KB\s+[\d.]+ KB)/.exec(output)?.[1];
    assert.ok(figures(direct.stdout));
    assert.equal(figures(deep.stdout), figures(direct.stdout));
  });
});
