// React Server Components frameworks (Next.js's app router) run a module on the server unless it
// starts with 'use client'; @kefu/react's components use hooks and refs, so each module that
// imports React must say so (issue 30). Rollup drops module-level directives unless told to keep
// them, so this reads the built files, as an app gets them: run `npm run build` first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const packageDir = resolve(import.meta.dirname, '..');

function modules(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !/\.test(-data)?\./.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Whether a module imports React (or @lit/react), so runs hooks: a client component's module. */
const importsReact = (code: string) => /\bfrom\s*['"](react|@lit\/react)['"]/.test(code);

describe("@kefu/react's source modules", () => {
  it("start with 'use client' where they import React", () => {
    const clientModules = modules(join(packageDir, 'src'), /\.tsx?$/).filter((file) =>
      importsReact(readFileSync(file, 'utf8')),
    );
    assert.ok(clientModules.length >= 2, 'the provider and the components import React');
    const missing = clientModules
      .filter((file) => {
        // A directive may follow comments (the generated file's header), but nothing else.
        const code = readFileSync(file, 'utf8').replace(/^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*/, '');
        return !/^['"]use client['"];?/.test(code);
      })
      .map((file) => relative(packageDir, file));
    assert.deepEqual(missing, []);
  });
});

describe("@kefu/react's built client modules", () => {
  it("have 'use client' on their first line, where every framework looks for it", () => {
    const dist = join(packageDir, 'dist');
    assert.ok(existsSync(dist), 'packages/react/dist is missing: run npm run build');
    const built = modules(dist, /\.js$/);
    assert.ok(built.length >= 3, 'the index, the provider and the components');
    const firstLines = built
      .filter((file) => importsReact(readFileSync(file, 'utf8')))
      .map((file) => [relative(packageDir, file), readFileSync(file, 'utf8').split('\n')[0]]);
    assert.deepEqual(
      firstLines,
      firstLines.map(([file]) => [file, "'use client';"]),
    );
  });
});
