import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.js';

type Db = Kysely<unknown>;

// SQLite: the dictionary of words the post search index holds (before
// stemming, store/search/search_words.ts), kept by the same triggers as the
// index. FTS5 answers a prefix query by merging the match lists of every term
// with that prefix before returning its first row, so a search for the prefix
// of a common word could not stop at its page (1.2 s at 10M posts); the same
// words spelled out as an OR are walked lazily. The search completes a prefix
// from this table (store/sql/search/search_words.ts).
//
// Words are never removed: an edit or deletion would have to know whether
// another post still holds the word, and a stale word only expands to a term
// that matches nothing. `parley reindex` adds the words of every post.
//
// PostgreSQL's GIN index walks a prefix without this.

const INDEXED = `substr(new.type, 1, 7) <> 'system_' AND new.delete_at = 0`;
const INDEX_POST = `INSERT INTO post_search_fts (rowid, message, hashtags)
      SELECT -new.rowid, parley_search_text(new.message), parley_search_text(new.hashtags) WHERE ${INDEXED};`;
// Only the message: a prefix term never searches the hashtags (`#tag*` is a hashtag, not a prefix).
const ADD_WORDS = `INSERT OR IGNORE INTO post_search_words (word)
      SELECT value FROM json_each(parley_search_words(new.message)) WHERE ${INDEXED};`;

/** Migration 0012's insert and update triggers, with `body` as what they do for the new row. */
async function replaceTriggers(db: Db, body: string): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS posts_search_insert`.execute(db);
  await sql`DROP TRIGGER IF EXISTS posts_search_update`.execute(db);
  await sql.raw(`CREATE TRIGGER posts_search_insert AFTER INSERT ON posts BEGIN ${body} END`).execute(db);
  await sql.raw(`CREATE TRIGGER posts_search_update AFTER UPDATE OF message, hashtags, delete_at, type ON posts BEGIN
      DELETE FROM post_search_fts WHERE rowid = -old.rowid; ${body} END`).execute(db);
}

export async function up(db: Db): Promise<void> {
  if (migrationDialect(db) === 'postgres') return;
  await sql`CREATE TABLE IF NOT EXISTS post_search_words (word TEXT PRIMARY KEY) WITHOUT ROWID`.execute(db);
  await replaceTriggers(db, `${INDEX_POST} ${ADD_WORDS}`);
  await sql`INSERT OR IGNORE INTO post_search_words (word)
      SELECT w.value FROM posts p, json_each(parley_search_words(p.message)) w
      WHERE substr(p.type, 1, 7) <> 'system_' AND p.delete_at = 0`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (migrationDialect(db) === 'postgres') return;
  await replaceTriggers(db, INDEX_POST);
  await sql`DROP TABLE IF EXISTS post_search_words`.execute(db);
}
