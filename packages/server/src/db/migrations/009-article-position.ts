import type { Migration } from '../migrate.js';

/**
 * The help centre's order (seeded articles first, each new one last) as a column, `position`,
 * where it was SQLite's rowid, which PostgreSQL does not have (decision 0016, §3). Every insert
 * takes the next value from the `article_position` counter (services/faq.ts `insertArticle`);
 * an edit keeps its article's place, as an upsert kept its rowid.
 *
 * NOT NULL with no default, on both engines: an insert that forgets the position fails there and
 * then, where a NULL would sort first on SQLite and last on PostgreSQL. SQLite cannot add such a
 * column with ALTER TABLE, so its table is rebuilt (nothing refers to `articles`), the rows
 * keeping their rowid as their position. A PostgreSQL table has no insertion order to keep; this
 * one can hold no article before this migration (the server reaches PostgreSQL from step 6 of
 * decision 0016), and would number its rows in their physical order, the nearest there is.
 * The index now serves `WHERE locale = ? ORDER BY position`.
 */
export const articlePositionMigration: Migration = {
  id: 9,
  name: 'article-position',
  sqlite: `
      CREATE TABLE articles_with_position (
        id TEXT PRIMARY KEY,
        locale TEXT NOT NULL,
        position INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      INSERT INTO articles_with_position (id, locale, position, json)
        SELECT id, locale, rowid, json FROM articles ORDER BY rowid;
      DROP TABLE articles;
      ALTER TABLE articles_with_position RENAME TO articles;
      CREATE INDEX articles_by_locale ON articles (locale, position);
      INSERT INTO counters (name, value) SELECT 'article_position', coalesce(max(position), 0) FROM articles;
    `,
  postgres: `
      alter table articles add column position bigint;
      update articles set position = numbered.position
        from (select id, row_number() over (order by ctid) as position from articles) numbered
        where articles.id = numbered.id;
      alter table articles alter column position set not null;
      drop index articles_by_locale;
      create index articles_by_locale on articles (locale, position);
      insert into counters (name, value) select 'article_position', coalesce(max(position), 0) from articles;
    `,
};
