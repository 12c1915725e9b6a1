import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { StoreConfig } from '@kefu/core';
import type { Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { ImportArticlesCommand } from '../command-line.js';
import { openMigratedEngine } from '../db/database.js';
import type { KefuDatabase } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { readSettingsFile } from '../settings/file.js';
import { checkSettings } from '../settings/schema.js';
import { starterSettings } from '../settings/starter.js';
import { ArticleInputSchema, createAdminArticles, type AdminArticles } from './articles.js';

/**
 * `kefu-server import articles PATH` (issue 22, decision 0021): a folder of Markdown files with
 * YAML front matter, or a JSON export of a Zendesk Help Center (`{ "articles": [...] }`). Each
 * article goes through the same write as `PUT /admin/v1/articles/{id}`: one at a time, the good
 * ones kept when others are rejected; an article already as the file says is `unchanged`. An
 * import never deletes.
 */

export interface ArticleImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Each rejected article: where it came from (a file, or `articles[3]` of the JSON) and why. */
  readonly rejected: readonly { readonly source: string; readonly reason: string }[];
}

/** One article read from the source, before the write judges it. */
interface Candidate {
  readonly source: string;
  readonly id?: string;
  readonly input?: unknown;
  /** Why it could not even be read as an article. */
  readonly problem?: string;
}

/** Imports `path` (a folder or file of Markdown, or a .json export) through `articles`. */
export async function importArticles(
  path: string,
  articles: AdminArticles,
  locales: readonly string[],
): Promise<ArticleImportSummary> {
  const candidates = (await stat(path)).isDirectory()
    ? await markdownFolder(path, locales)
    : extname(path).toLowerCase() === '.json'
      ? zendeskExport(JSON.parse(await readFile(path, 'utf8')) as unknown, locales)
      : [await markdownFile(path, basename(path), locales)];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const rejected: { source: string; reason: string }[] = [];
  for (const candidate of candidates) {
    if (candidate.problem !== undefined || candidate.id === undefined) {
      rejected.push({ source: candidate.source, reason: candidate.problem ?? 'no id' });
      continue;
    }
    const parsed = ArticleInputSchema.safeParse(candidate.input);
    if (!parsed.success) {
      rejected.push({
        source: candidate.source,
        reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'article'}: ${issue.message}`).join('; '),
      });
      continue;
    }
    try {
      const { result } = await articles.put(candidate.id, parsed.data);
      counts[result] += 1;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      const fields = Object.entries(error.fields ?? {}).map(([field, message]) => `${field}: ${message}`);
      rejected.push({ source: candidate.source, reason: fields.length > 0 ? fields.join('; ') : error.message });
    }
  }
  return { ...counts, rejected };
}

// ── Markdown with front matter ─────────────────────────────────────────────────────────────────

const MARKDOWN = new Set(['.md', '.markdown']);

async function markdownFolder(root: string, locales: readonly string[]): Promise<Candidate[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && MARKDOWN.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  await walk(root);
  return await Promise.all(files.map((file) => markdownFile(file, relative(root, file).split(sep).join('/'), locales)));
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * One Markdown file as an article. The front matter's `title` is required; `locale` is the front
 * matter's, else a folder or file-name part that is one of the store's locales (`en/returns.md`,
 * `returns.zh-CN.md`), else the store's first; `category` is the front matter's, else the first
 * folder that is not a locale, else `general`; `id` is the front matter's, else the file's path.
 */
async function markdownFile(file: string, source: string, locales: readonly string[]): Promise<Candidate> {
  const text = await readFile(file, 'utf8');
  const match = FRONT_MATTER.exec(text);
  let meta: Record<string, unknown> = {};
  if (match) {
    let value: unknown;
    try {
      value = parseYaml(match[1] ?? '');
    } catch (error) {
      return { source, problem: `its front matter is not YAML: ${(error as Error).message.split('\n')[0]}` };
    }
    if (value !== null && (typeof value !== 'object' || Array.isArray(value)))
      return { source, problem: 'its front matter is not a set of `key: value` lines' };
    meta = (value ?? {}) as Record<string, unknown>;
  }
  if (typeof meta['title'] !== 'string' || meta['title'].trim() === '')
    return { source, problem: 'no title: give it one in the front matter (title: …)' };

  const extension = extname(source);
  const withoutExtension = extension === '' ? source : source.slice(0, -extension.length);
  const parts = withoutExtension.split('/');
  const isLocale = (part: string) => locales.find((locale) => locale.toLowerCase() === part.toLowerCase());
  const nameParts = (parts[parts.length - 1] ?? '').split('.');
  const suffixLocale = nameParts.length > 1 ? isLocale(nameParts[nameParts.length - 1] ?? '') : undefined;
  const folders = parts.slice(0, -1);
  const folderLocale = folders.map(isLocale).find((locale) => locale !== undefined);
  const locale = typeof meta['locale'] === 'string' ? meta['locale'] : (suffixLocale ?? folderLocale ?? locales[0]);
  const category = folders.find((folder) => isLocale(folder) === undefined) ?? 'general';
  const id =
    typeof meta['id'] === 'string'
      ? meta['id']
      : withoutExtension
          .toLowerCase()
          .replace(/[^a-z0-9._-]+/g, '-')
          .replace(/^[^a-z0-9]+|[-.]+$/g, '');
  const list = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value;
  const input: Record<string, unknown> = {
    locale,
    title: meta['title'],
    body: text.slice(match?.[0].length ?? 0),
    format: 'markdown',
    category: meta['category'] ?? category,
    tags: list(meta['tags'] ?? []),
  };
  const suggestOn = meta['suggestOn'] ?? meta['suggest_on'];
  if (suggestOn !== undefined) input['suggestOn'] = list(suggestOn);
  if (meta['published'] !== undefined) input['published'] = meta['published'];
  if (meta['translationKey'] !== undefined) input['translationKey'] = meta['translationKey'];
  const unknown = Object.keys(meta).filter(
    (key) =>
      !['id', 'title', 'locale', 'category', 'tags', 'suggestOn', 'suggest_on', 'published', 'translationKey'].includes(
        key,
      ),
  );
  if (unknown.length > 0) return { source, problem: `unknown front matter key ${unknown.join(', ')}` };
  return { source, id, input };
}

// ── Zendesk Help Center export ─────────────────────────────────────────────────────────────────

/**
 * A Zendesk Help Center export: `{ "articles": [...] }` as its Articles API lists them (one entry
 * per article and locale), with `sections` (`?include=sections`) when it was asked for. Mapping:
 * id → `zendesk-{id}-{locale}`, translationKey → `zendesk-{id}` (Zendesk's translations share an id),
 * locale → the store's locale of that tag (or of its language: `en-us` → `en`), title, body (HTML),
 * section → category (the section's name as a slug, else `section-{section_id}`), label_names →
 * tags, draft → not published. Other fields are not used.
 */
function zendeskExport(value: unknown, locales: readonly string[]): Candidate[] {
  const data = value as { articles?: unknown; sections?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(data.articles))
    return [{ source: 'the file', problem: 'not a Zendesk Help Center export: no "articles" list' }];
  const sections = new Map<string, string>();
  if (Array.isArray(data.sections))
    for (const section of data.sections as { id?: unknown; name?: unknown }[])
      if (typeof section?.name === 'string') sections.set(String(section.id), slug(section.name));
  return (data.articles as unknown[]).map((entry, index): Candidate => {
    const article = (entry ?? {}) as Record<string, unknown>;
    const zendeskId = article['id'];
    const source = `articles[${index}]${typeof article['title'] === 'string' ? ` "${article['title']}"` : ''}`;
    if (typeof zendeskId !== 'number' && typeof zendeskId !== 'string') return { source, problem: 'no id' };
    if (typeof article['locale'] !== 'string') return { source, problem: 'no locale' };
    if (typeof article['title'] !== 'string' || article['title'].trim() === '') return { source, problem: 'no title' };
    const locale = storeLocaleOf(article['locale'], locales);
    if (locale === undefined)
      return { source, problem: `locale ${article['locale']} is none of the store’s (${locales.join(', ')})` };
    const sectionId = article['section_id'];
    const category =
      sectionId === undefined || sectionId === null
        ? 'general'
        : (sections.get(String(sectionId)) ?? `section-${slug(String(sectionId))}`);
    const input: Record<string, unknown> = {
      locale,
      title: article['title'],
      body: article['body'] ?? '',
      format: 'html',
      category,
      tags: article['label_names'] ?? [],
      published: article['draft'] !== true,
      translationKey: `zendesk-${slug(String(zendeskId))}`,
    };
    return { source, id: `zendesk-${slug(String(zendeskId))}-${locale.toLowerCase()}`, input };
  });
}

/** The store's locale a help centre's tag stands for: the same tag in any case, else the only one of its language. */
function storeLocaleOf(tag: string, locales: readonly string[]): string | undefined {
  const exact = locales.find((locale) => locale.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = tag.toLowerCase().split('-')[0];
  const same = locales.filter((locale) => locale.toLowerCase().split('-')[0] === language);
  return same.length === 1 ? same[0] : undefined;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'general'
  );
}

// ── The command ────────────────────────────────────────────────────────────────────────────────

/** The store's settings: the database's (as the server saved them), else the file's, else the starter's. */
async function storeConfigFor(db: Kysely<KefuDatabase>, settingsFile: string | undefined): Promise<StoreConfig> {
  const row = await db.selectFrom('store_settings').select('json').where('id', '=', 1).executeTakeFirst();
  if (row) return checkSettings(JSON.parse(row.json) as unknown, 'the settings saved in the database').store;
  return (settingsFile === undefined ? starterSettings() : readSettingsFile(settingsFile)).store;
}

/**
 * `kefu-server import articles PATH` on the store's database (`target`): prints the summary line
 * and each rejected article with its reason. Exit code 0, or 1 when any article was rejected, 2
 * when the path cannot be read at all.
 */
export async function runImportArticlesCommand(
  command: ImportArticlesCommand,
  target: string,
  settingsFile: string | undefined,
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  const engine = await openMigratedEngine(target);
  try {
    const config = await storeConfigFor(engine.db, settingsFile);
    const articles = createAdminArticles(engine.db, Date.now, () => config.locales);
    let summary: ArticleImportSummary;
    try {
      summary = await importArticles(command.path, articles, config.locales);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || error instanceof SyntaxError) {
        printError(
          `kefu-server: import articles: cannot read ${command.path}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : code}`,
        );
        return 2;
      }
      throw error;
    }
    print(
      `Imported articles from ${command.path}: ${summary.created} created, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged, ${summary.rejected.length} rejected.`,
    );
    if (summary.rejected.length > 0) {
      print('Rejected (nothing of them was imported):');
      for (const { source, reason } of summary.rejected) print(`  ${source}: ${reason}`);
    }
    return summary.rejected.length > 0 ? 1 : 0;
  } finally {
    await engine.close();
  }
}
