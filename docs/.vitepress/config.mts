// The documentation site (VitePress): `npm run docs` builds it into docs/.vitepress/dist after
// writing the elements' API pages (docs/elements/, generated from custom-elements.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docs = resolve(import.meta.dirname, '..');

/** A folder's pages, titled by their first heading, so new pages appear without editing this file. */
function pagesIn(folder: string, order: readonly string[] = []): DefaultTheme.SidebarItem[] {
  const dir = resolve(docs, folder);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'index.md')
    .map((name) => name.slice(0, -3));
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => ({ text: titleOf(resolve(dir, `${name}.md`)) ?? name, link: `/${folder}/${name}` }));
}

function titleOf(path: string): string | undefined {
  const heading = /^#\s+(.+)$/m.exec(readFileSync(path, 'utf8'))?.[1];
  // Sidebar text is HTML: `<kefu-faq>` in a heading must show, not become an (empty) element.
  return heading?.replace(/`/g, '').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();
}

/** A page that may not be written yet (performance.md comes with the benchmarks). */
const ifExists = (page: string, item: DefaultTheme.SidebarItem): DefaultTheme.SidebarItem[] =>
  existsSync(resolve(docs, `${page}.md`)) ? [item] : [];

export default defineConfig({
  title: 'Kefu',
  description: 'Customer self-service for online stores: FAQ, order tracking, returns, chat, callbacks, surveys.',
  lang: 'en',
  cleanUrls: true,
  // Build-time notes of the packages, not pages.
  srcExclude: ['**/README.md'],
  // Pages linked before they exist — the benchmarks' page, and each feature's page, written with
  // its feature (the sidebar lists those present) — do not fail the build; any other dead link does.
  ignoreDeadLinks: [/\/performance(\.md)?$/, /\/features\/[a-z-]+(\.md)?$/],
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kefu-') } } },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Elements', link: '/elements/' },
      { text: 'JS API', link: '/loader' },
      { text: 'Backend', link: '/api/http-contract' },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Getting started', link: '/getting-started' },
          { text: 'The script tag and its JS API', link: '/loader' },
          { text: 'React', link: '/react' },
          { text: 'Vue', link: '/vue' },
          { text: 'A page without a bundler', link: '/no-bundler' },
          { text: 'The demo storefront', link: '/demo' },
        ],
      },
      {
        text: 'Features',
        collapsed: false,
        items: pagesIn('features', ['faq', 'orders', 'returns', 'chat', 'callback', 'surveys']),
      },
      { text: 'Elements', link: '/elements/', collapsed: false, items: pagesIn('elements', ['kefu-widget']) },
      {
        text: 'Guides',
        items: [
          { text: 'Theming', link: '/theming' },
          { text: 'Localization', link: '/localization' },
          { text: 'Offline, and what is stored', link: '/offline' },
          { text: 'Security', link: '/security' },
          ...ifExists('performance', { text: 'Performance', link: '/performance' }),
        ],
      },
      {
        text: 'Backend',
        items: [
          { text: 'The HTTP contract', link: '/api/http-contract' },
          { text: 'Writing an adapter', link: '/adapters' },
          { text: 'The reference server', link: '/server' },
          { text: 'Running it for a store', link: '/deploy' },
          { text: 'The SDK core (@kefu/core)', link: '/core' },
        ],
      },
      {
        text: 'Contributing',
        collapsed: true,
        items: [{ text: 'Development', link: '/development' }, ...pagesIn('decisions')],
      },
    ],
    search: { provider: 'local' },
    outline: [2, 3],
  },
});
