// A node:test reporter for scripts/test.mjs: one JSON line per finished test or suite, with its
// file and whether it was skipped or todo, so scripts/test-checks.mjs can count tests per file.
// Used as `--test-reporter=./scripts/node-test-results.mjs --test-reporter-destination=<file>`.
export default async function* nodeTestResults(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, nesting, file, skip, todo, details } = event.data;
    yield `${JSON.stringify({
      type: event.type,
      name,
      nesting,
      file,
      skip: Boolean(skip),
      todo: Boolean(todo),
      suite: details?.type === 'suite',
    })}\n`;
  }
}
