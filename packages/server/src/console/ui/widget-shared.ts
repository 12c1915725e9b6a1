/**
 * What the console draws exactly as the shopper's widget does, taken from the widget's own
 * sources rather than copied: a help article's HTML sanitized with the widget's allowlist and
 * link rules, and the writing direction of a language. esbuild bundles these files into the
 * console (scripts/bundle-console.mjs), from the repository's sources at build time or at start;
 * the server's declaration build (tsconfig.build.json) leaves src/console/ui out.
 */
export { renderArticleBody } from '../../../../elements/src/components/faq/article-body.js';
export { directionOf } from '../../../../elements/src/i18n/localize.js';
