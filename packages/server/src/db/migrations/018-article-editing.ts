import type { Migration } from '../migrate.js';

/**
 * The article editor (issue 22, decision 0021), two columns on `articles`:
 * - `published` (0 or 1, default 1): an unpublished article stays in the table, editable in the
 *   console and the admin API, but shoppers' routes leave it out and a delta sync lists it as
 *   deleted. Every article that exists before this migration is published, as it was.
 * - `translation_key`: articles that are one text in several languages share it (each article is
 *   in one locale); null when the writer gave none, and the key is then derived from the id.
 */
export const articleEditingMigration: Migration = {
  id: 18,
  name: 'article-editing',
  sqlite: `
      ALTER TABLE articles ADD COLUMN published INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE articles ADD COLUMN translation_key TEXT;
    `,
  postgres: `
      alter table articles add column published integer not null default 1;
      alter table articles add column translation_key text collate "C";
    `,
};
