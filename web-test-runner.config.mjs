// Browser tests: every *.test.ts that touches the DOM or IndexedDB runs here, in Debian's Chromium.
import { readFile } from 'node:fs/promises';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';
import { freePort, startReferenceServer } from './scripts/reference-server.mjs';
import { startSuitePostgres } from './scripts/suite-postgres.mjs';
import { resultsReporter } from './scripts/wtr-results-reporter.mjs';
import { reactUnderTestPlugin } from './test/support/react-under-test.mjs';

// Property-based tests run 200 times in npm test and ten times more in npm run soak.
const propertyRuns = process.env.KEFU_SOAK ? 2000 : 200;

// The reference server runs beside the test page, so the contract suite can run against it over
// real HTTP and WebSocket; it allows the test page's origin through CORS.
const port = await freePort();
// The contract suite signs identity tokens as a store would, so it needs the server's secret: a
// test secret, for this throwaway server only.
const referenceIdentitySecret = 'kefu-contract-suite-identity-secret';
const referenceOptions = {
  allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
  // The rate-limit case waits out a real limit on this server: 2 s after the free tries, not 30.
  env: { KEFU_IDENTITY_SECRET: referenceIdentitySecret, KEFU_ORDER_LOOKUP_WAIT_MS: '2000' },
};
const referenceServer = await startReferenceServer(referenceOptions);
// The same server on PostgreSQL (issue 21: the contract suite on both engines), in a cluster of
// its own that stops with this process.
const postgres = await startSuitePostgres();
const referenceServerOnPostgres = await startReferenceServer({
  ...referenceOptions,
  env: { ...referenceOptions.env, KEFU_DATABASE_URL: postgres.url },
});

const mockServiceWorker = new URL('./test/support/public/mockServiceWorker.js', import.meta.url);

export default {
  // packages/server and packages/react hold Node tests (node:test, server-side rendering), which
  // scripts/test.mjs runs in its node stage; @kefu/react's browser tests are in test/browser/.
  files: ['packages/*/src/**/*.test.ts', 'test/browser/**/*.test.ts', '!packages/server/**', '!packages/react/**'],
  port,
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // One page at a time: in new headless Chromium a second page hides the first, and a hidden page
  // gets no requestAnimationFrame — the chat's windowed scrolling (and its test) then waits for
  // ever. The suite takes a little longer; it no longer depends on which page is in front.
  concurrency: 1,
  // A soak run's property tests take minutes; the default two-minute limit per file is for npm test.
  testsFinishTimeout: process.env.KEFU_SOAK ? 30 * 60_000 : 120_000,
  // Lit announces its development build in every test file; that is expected here, not news.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 5000 } },
  // The usual output, and (for scripts/test.mjs, when KEFU_WTR_RESULTS is set) each file's count of
  // tests and skipped tests, so npm test fails on a file with no test or a skipped one.
  reporters: [defaultReporter(), resultsReporter()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [
    // target es2022: with "auto" esbuild leaves decorators in and Chromium throws a SyntaxError.
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: new URL('./tsconfig.json', import.meta.url).pathname,
      define: {
        __KEFU_PROPERTY_RUNS__: String(propertyRuns),
        __KEFU_REFERENCE_API__: JSON.stringify(referenceServer.apiBase),
        __KEFU_REFERENCE_API_POSTGRES__: JSON.stringify(referenceServerOnPostgres.apiBase),
        __KEFU_REFERENCE_IDENTITY_SECRET__: JSON.stringify(referenceIdentitySecret),
      },
    }),
    // @kefu/react on React 18 and on React 19, and each one's server-rendered page (test/browser/react.test.ts).
    reactUnderTestPlugin(),
  ],
  middleware: [
    // A worker's URL is written as bundlers see it, `new URL('./x-worker.js', import.meta.url)`;
    // here the sources are TypeScript: serve x-worker.ts for it (esbuild then compiles it).
    function serveWorkerSources(context, next) {
      if (/^\/packages\/[^/]+\/src\/.+-worker\.js$/.test(context.path))
        context.url = context.url.replace(/\.js(?=$|\?)/, '.ts');
      return next();
    },
    // msw's worker must be served from the page root to control the test page.
    async function serveMockServiceWorker(context, next) {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.body = await readFile(mockServiceWorker, 'utf8');
        return;
      }
      return next();
    },
  ],
};
