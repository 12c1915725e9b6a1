import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator } from 'playwright-core';

/*
 * Visual regression: a screenshot is compared with a reference PNG committed beside the tests, and
 * differs when more than a small share of its pixels do. References change only on purpose:
 *
 *   KEFU_UPDATE_SCREENSHOTS=1 node --conditions=source --import tsx --test test/e2e/widget-views.test.ts
 *
 * writes every reference that is missing or differs (and leaves the others as they are); look at
 * them before committing. Without it, a missing reference fails like a different one.
 */
const repo = resolve(import.meta.dirname, '../..');
const results = resolve(repo, 'test-results/visual');

/** Whether this run writes references instead of failing on them (KEFU_UPDATE_SCREENSHOTS=1). */
export const updatingReferences = process.env['KEFU_UPDATE_SCREENSHOTS'] === '1';

export interface CompareOptions {
  /** Where the references live, e.g. test/e2e/screenshots. */
  readonly referenceDir: string;
  /**
   * The share of pixels that may differ, 0–1; 0.01% by default, some 25 pixels of a 380×640 panel.
   * Chromium draws the same page the same way on one machine (two runs differ by no pixel): the
   * margin is for an anti-aliasing change nobody would see. Two words gone from a row of the home
   * view ("Closed now": 130 pixels) must not fit in it, which 0.1% let through.
   */
  readonly maxDiffRatio?: number;
  /** pixelmatch's per-pixel colour distance, 0–1, under which two pixels count as the same. */
  readonly threshold?: number;
}

/**
 * Compares a PNG with the reference of the same name. Returns nothing when they match (or when the
 * reference was just written on purpose), else what differs; on a mismatch the actual picture and
 * a diff image (differing pixels in red) are written to test-results/visual/.
 */
export function compareWithReference(name: string, actualPng: Buffer, options: CompareOptions): string | undefined {
  const { referenceDir, maxDiffRatio = 0.0001, threshold = 0.1 } = options;
  const referencePath = resolve(referenceDir, name);
  const base = name.replace(/\.png$/, '');
  const actualPath = resolve(results, `${base}.actual.png`);
  const diffPath = resolve(results, `${base}.diff.png`);
  // A previous run's pictures of a now-matching view would only mislead.
  rmSync(actualPath, { force: true });
  rmSync(diffPath, { force: true });

  const actual = PNG.sync.read(actualPng);
  const writeReference = (): undefined => {
    mkdirSync(referenceDir, { recursive: true });
    writeFileSync(referencePath, encode(actual));
    console.log(`updated reference ${relative(repo, referencePath)}`);
    return undefined;
  };
  if (!existsSync(referencePath)) {
    if (updatingReferences) return writeReference();
    saveActual(actualPath, actual);
    return `${name}: no reference at ${relative(repo, referencePath)} (KEFU_UPDATE_SCREENSHOTS=1 writes it; this run's picture is in ${relative(repo, actualPath)})`;
  }

  const expected = PNG.sync.read(readFileSync(referencePath));
  if (expected.width !== actual.width || expected.height !== actual.height) {
    if (updatingReferences) return writeReference();
    saveActual(actualPath, actual);
    return `${name}: ${actual.width}×${actual.height} px, the reference is ${expected.width}×${expected.height} px (actual in ${relative(repo, actualPath)})`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold });
  const ratio = differing / (actual.width * actual.height);
  if (ratio <= maxDiffRatio) return undefined;
  if (updatingReferences) return writeReference();
  saveActual(actualPath, actual);
  writeFileSync(diffPath, encode(diff));
  return (
    `${name}: ${percent(ratio)} of pixels differ (${differing}; at most ${percent(maxDiffRatio)} allowed): ` +
    `see ${relative(repo, actualPath)} and ${relative(repo, diffPath)}`
  );
}

/**
 * A screenshot of the element once it has stopped changing: taken again until two in a row are the
 * same, so a list still arriving or a font still loading is not what gets compared. Animations are
 * stopped and the text caret hidden. Fails after `timeoutMs` if the element never settles.
 */
export async function settledScreenshot(locator: Locator, timeoutMs = 10_000): Promise<Buffer> {
  const deadline = Date.now() + timeoutMs;
  let previous = await locator.screenshot({ animations: 'disabled', caret: 'hide' });
  for (;;) {
    const current = await locator.screenshot({ animations: 'disabled', caret: 'hide' });
    if (current.equals(previous)) return current;
    if (Date.now() > deadline) throw new Error(`${String(locator)} kept changing for ${timeoutMs} ms`);
    previous = current;
  }
}

function saveActual(path: string, png: PNG): void {
  mkdirSync(results, { recursive: true });
  writeFileSync(path, encode(png));
}

/**
 * RGB without alpha (a screenshot is opaque) at maximum deflate: the references are committed, and
 * Playwright's own PNGs are a fifth larger.
 */
function encode(png: PNG): Buffer {
  return PNG.sync.write(png, { deflateLevel: 9, colorType: 2 });
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.01 ? 3 : 2)}%`;
}
