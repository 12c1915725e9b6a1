// @kefu/react under React 18 or 19, for the tests. The package imports `react` like any library,
// so which React it runs on is decided by whoever resolves that import: here esbuild, aliasing
// `react` and `react-dom` to the `react-18` / `react-dom-18` packages (npm aliases in the root
// package.json) for React 18. The alias also pairs react-dom-18 with react-18: npm's own view of
// react-dom-18's peer is the root react (19), see "overrides" in package.json, which is why
// nothing may import react-dom-18 except through these bundles.
//
// - In the browser (test/browser/react.test.ts), web-test-runner serves the app bundle at
//   /__kefu-react/<version>/client.js through `reactUnderTestPlugin`. Only React and @kefu/react
//   are inside; @kefu/elements, @kefu/core, Lit and @lit/react stay imports that the test
//   runner resolves, so the page has one copy of each, shared with the test.
// - On the server, `loadServerReact(version)` builds a self-contained Node bundle and imports
//   it; `reactUnderTestPlugin` also serves the storefront it renders at
//   /__kefu-react/<version>/storefront.txt, the markup the browser test hydrates.
// Everything is built from files already installed: nothing is downloaded while tests run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** The React versions @kefu/react supports, each tested. */
export const reactVersions = [18, 19];

const aliases = {
  18: { react: 'react-18', 'react-dom': 'react-dom-18' },
  19: {},
};

const storefront = './test/support/react-storefront.tsx';

/** What stays inside a browser bundle: React itself and the package under test. */
const bundledInBrowser = /^(react|react-dom|scheduler)(-18)?(\/|$)|^@kefu\/react$/;

/** Leaves every other bare import to the test runner, which resolves it once for the whole page. */
const keepOtherPackagesExternal = {
  name: 'kefu-keep-other-packages-external',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      bundledInBrowser.test(path) ? undefined : { path, external: true },
    );
  },
};

function checkedVersion(version) {
  if (!reactVersions.includes(version)) throw new Error(`React ${version} is not one @kefu/react supports`);
  return version;
}

async function bundle(version, contents, options) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: `react-${version}-under-test.ts`, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    // es2022: with a later target esbuild leaves the elements' decorators in.
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    alias: aliases[checkedVersion(version)],
    logLevel: 'error',
    ...options,
  });
  return result.outputFiles[0].text;
}

/** The browser module: React, react-dom/client, @kefu/react and the test storefront on one React. */
export function browserBundle(version) {
  return bundle(
    version,
    `export * as React from 'react';
     export * as ReactDOM from 'react-dom';
     export * as ReactDOMClient from 'react-dom/client';
     export * as Kefu from '@kefu/react';
     export * from '${storefront}';`,
    {
      platform: 'browser',
      conditions: ['source', 'development'],
      // React's development build: its hydration warnings are what the tests listen for.
      define: { 'process.env.NODE_ENV': '"development"' },
      plugins: [keepOtherPackagesExternal],
    },
  );
}

const serverModules = new Map();

/**
 * React's server renderer, @kefu/react, @kefu/elements' shared client and the test storefront,
 * all on one React, loaded in this Node process.
 */
export function loadServerReact(version) {
  if (!serverModules.has(version))
    serverModules.set(
      version,
      withServerBundle(version, (url) => import(url)),
    );
  return serverModules.get(version);
}

/**
 * The storefront as a server renders it with React `version`: the page the browser hydrates.
 * Rendered in a Node process of its own, as a server would: not inside the test runner, whose
 * console React 19 cannot patch, and whose globals Lit's server-side DOM shim would change.
 */
export function renderStorefront(version) {
  return withServerBundle(version, async (url) => {
    const render = `const { React, renderToString, Storefront } = await import(${JSON.stringify(url)});
      process.stdout.write(renderToString(React.createElement(Storefront)));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', render]);
    return stdout;
  });
}

async function withServerBundle(version, use) {
  const code = await bundle(
    version,
    `export * as React from 'react';
     export { renderToString } from 'react-dom/server';
     export * as Kefu from '@kefu/react';
     export { sharedClient } from '@kefu/elements';
     export * from '${storefront}';`,
    {
      platform: 'node',
      conditions: ['source'],
      // React's CommonJS files require Node's built-ins; an ES module has no `require` of its own.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    },
  );
  const folder = await mkdtemp(join(tmpdir(), `kefu-react-${version}-`));
  const file = join(folder, 'server.mjs');
  await writeFile(file, code);
  try {
    return await use(pathToFileURL(file).href);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Serves the browser bundle and the server-rendered storefront of each React version. */
export function reactUnderTestPlugin() {
  const route = /^\/__kefu-react\/(\d+)\/(client\.js|storefront\.txt)$/;
  return {
    name: 'kefu-react-under-test',
    async serve(context) {
      const match = route.exec(context.path);
      if (!match) return undefined;
      const version = Number(match[1]);
      return match[2] === 'client.js'
        ? { body: await browserBundle(version), type: 'js' }
        : { body: await renderStorefront(version), type: 'txt' };
    },
  };
}
