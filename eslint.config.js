// ESLint for the whole repository: typescript-eslint everywhere; Lit, lit-a11y and web-component
// rules for the elements. Prettier owns formatting, so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

// Our style: no enums, no namespaces (see ../shared/STYLE.md).
const styleSyntax = [
  { selector: 'TSEnumDeclaration', message: 'Use a union of string literals instead of an enum.' },
  { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'Use ES modules instead of namespaces.' },
];

// A test that does not run passes silently: no .only, .skip or .todo (mocha's and node:test's), no
// { skip } / { todo } / { only } option, no this.skip(). scripts/test.mjs fails on skips at run time too.
const testFunctions = ['it', 'describe', 'test', 'context', 'suite', 'specify'];
const notRunMessage = 'Every test runs in npm test: remove .only/.skip/.todo (fix or delete the test instead).';
const notRunProperties = testFunctions.flatMap((object) =>
  ['only', 'skip', 'todo'].map((property) => ({ object, property, message: notRunMessage })),
);
const notRunSyntax = [
  {
    selector: `CallExpression[callee.name=/^(${testFunctions.join('|')})$/] > ObjectExpression > Property[key.name=/^(skip|todo|only)$/]`,
    message: notRunMessage,
  },
  {
    selector: 'CallExpression[callee.object.type="ThisExpression"][callee.property.name="skip"]',
    message: notRunMessage,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test/support/public/mockServiceWorker.js',
      'test-results/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', ...styleSyntax],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts', 'packages/loader/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/src/**/*.ts', 'packages/loader/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.suite.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      // Tests assert on values they know exist.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // chai's property assertions: expect(x).to.exist
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-properties': ['error', ...notRunProperties],
      'no-restricted-syntax': ['error', ...styleSyntax, ...notRunSyntax],
    },
  },
);
