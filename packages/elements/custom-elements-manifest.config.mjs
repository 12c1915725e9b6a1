// custom-elements.json is generated from the elements' JSDoc: it is the public API, and feeds the
// React wrappers (packages/react) and the docs' element tables.
export default {
  globs: ['src/components/**/*.ts', 'src/define/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  litelement: true,
  // The analyzer would write its (temporary) output path into package.json; the field is set by hand.
  packagejson: false,
};
