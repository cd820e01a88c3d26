import { sql, type Kysely } from 'kysely';
import { CJK_RANGES } from '../search/search_text.js';
import { migrationDialect } from './dialect.js';

type Db = Kysely<unknown>;

// Post search. Triggers on `posts` keep the index in step with every insert,
// edit, delete and permanent deletion, inside the writing transaction, so no
// code path can forget it. Deleted posts and system messages are not indexed.
// The message and the hashtags are indexed apart: a `#tag` term matches only
// `posts.hashtags`. CJK runs are indexed as bigrams (store/search/search_text.ts).
//
// SQLite: a contentless FTS5 table keyed by the posts rowid negated. The posts
// rowid grows with insertion and so follows create_at; negated, the newest
// post comes first in the index's own ascending order, the direction FTS5
// walks fastest, so a search stops as soon as its page is full.
// `parley_search_text` is the JS function every connection registers
// (store/sql/connect.ts).
//
// PostgreSQL: `post_search` holds each post's tsvector (english, unaccented when
// the unaccent extension can be had; message weight A, hashtags weight B) with
// the columns a search filters on, so the search reads one table; GIN on the
// vector, and (create_at) for walking a common word's matches newest first.

const SQLITE_TEXT = 'parley_search_text';

async function upSqlite(db: Db): Promise<void> {
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS post_search_fts USING fts5(message, hashtags, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  const indexed = `substr(new.type, 1, 7) <> 'system_' AND new.delete_at = 0`;
  const insert = `INSERT INTO post_search_fts (rowid, message, hashtags)
      SELECT -new.rowid, ${SQLITE_TEXT}(new.message), ${SQLITE_TEXT}(new.hashtags) WHERE ${indexed};`;
  await sql.raw(`CREATE TRIGGER IF NOT EXISTS posts_search_insert AFTER INSERT ON posts BEGIN ${insert} END`).execute(db);
  await sql.raw(`CREATE TRIGGER IF NOT EXISTS posts_search_update AFTER UPDATE OF message, hashtags, delete_at, type ON posts BEGIN
      DELETE FROM post_search_fts WHERE rowid = -old.rowid; ${insert} END`).execute(db);
  await sql.raw(`CREATE TRIGGER IF NOT EXISTS posts_search_delete AFTER DELETE ON posts BEGIN
      DELETE FROM post_search_fts WHERE rowid = -old.rowid; END`).execute(db);
  await sql.raw(`INSERT INTO post_search_fts (rowid, message, hashtags)
      SELECT -rowid, ${SQLITE_TEXT}(message), ${SQLITE_TEXT}(hashtags) FROM posts
      WHERE substr(type, 1, 7) <> 'system_' AND delete_at = 0`).execute(db);
}

async function unaccentSchema(db: Db): Promise<string | undefined> {
  // Creating the extension needs a privilege the database user may lack; a failure must not abort the migration.
  await sql`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS unaccent; EXCEPTION WHEN others THEN NULL; END $$`.execute(db);
  const { rows } = await sql<{ schema: string }>`SELECT n.nspname AS schema FROM pg_extension e
      JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`.execute(db);
  return rows[0]?.schema;
}

async function upPostgres(db: Db): Promise<void> {
  const schema = await unaccentSchema(db);
  // unaccent() is only STABLE (its dictionary could change); naming the dictionary makes it safe to call immutable.
  const unaccent = schema === undefined
    ? 'SELECT input'
    : `SELECT ${quoteIdent(schema)}.unaccent(${quoteLiteral(`${quoteIdent(schema)}.unaccent`)}::regdictionary, input)`;
  await sql.raw(`CREATE OR REPLACE FUNCTION parley_unaccent(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS ${quoteLiteral(unaccent)}`).execute(db);
  await sql.raw(`CREATE OR REPLACE FUNCTION parley_search_text(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT CASE WHEN input !~ '[${CJK_RANGES}]' THEN input ELSE (
      SELECT string_agg(CASE
          WHEN m[1] IS NULL THEN m[2]
          WHEN char_length(m[1]) = 1 THEN ' ' || m[1] || ' '
          ELSE ' ' || (SELECT string_agg(substr(m[1], i, 2), ' ' ORDER BY i) FROM generate_series(1, char_length(m[1]) - 1) AS i) || ' '
        END, '' ORDER BY n)
      FROM regexp_matches(input, '([${CJK_RANGES}]+)|([^${CJK_RANGES}]+)', 'g') WITH ORDINALITY AS t(m, n)) END
  $fn$`).execute(db);
  await sql.raw(`CREATE OR REPLACE FUNCTION parley_search_vector(message text, hashtags text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT setweight(to_tsvector('english'::regconfig, parley_unaccent(parley_search_text(message))), 'A')
        || setweight(to_tsvector('english'::regconfig, parley_unaccent(parley_search_text(hashtags))), 'B')
  $fn$`).execute(db);
  await sql`CREATE TABLE IF NOT EXISTS post_search (
      post_id varchar(26) PRIMARY KEY, channel_id varchar(26) NOT NULL, user_id varchar(26) NOT NULL,
      create_at bigint NOT NULL, vector tsvector NOT NULL)`.execute(db);
  await sql.raw(`CREATE OR REPLACE FUNCTION parley_post_search_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM post_search WHERE post_id = OLD.id;
      ELSIF NEW.delete_at <> 0 OR substr(NEW.type, 1, 7) = 'system_' THEN
        IF TG_OP = 'UPDATE' THEN DELETE FROM post_search WHERE post_id = OLD.id; END IF;
      ELSE
        INSERT INTO post_search (post_id, channel_id, user_id, create_at, vector)
        VALUES (NEW.id, NEW.channel_id, NEW.user_id, NEW.create_at, parley_search_vector(NEW.message, NEW.hashtags))
        ON CONFLICT (post_id) DO UPDATE SET channel_id = EXCLUDED.channel_id, user_id = EXCLUDED.user_id,
          create_at = EXCLUDED.create_at, vector = EXCLUDED.vector;
      END IF;
      RETURN NULL;
    END
  $fn$`).execute(db);
  await sql`DROP TRIGGER IF EXISTS posts_search_sync ON posts`.execute(db);
  await sql`CREATE TRIGGER posts_search_sync AFTER INSERT OR DELETE OR UPDATE OF message, hashtags, delete_at, type, channel_id, user_id, create_at
      ON posts FOR EACH ROW EXECUTE FUNCTION parley_post_search_sync()`.execute(db);
  await sql`INSERT INTO post_search (post_id, channel_id, user_id, create_at, vector)
      SELECT id, channel_id, user_id, create_at, parley_search_vector(message, hashtags) FROM posts
      WHERE delete_at = 0 AND substr(type, 1, 7) <> 'system_'
      ON CONFLICT (post_id) DO NOTHING`.execute(db);
  // New entries wait in the index's pending list, which every search reads through: a 4 MiB list (the default) cost
  // searches up to 25 ms at 200,000 posts. A smaller list is merged more often, in smaller steps.
  await sql`CREATE INDEX IF NOT EXISTS idx_post_search_vector ON post_search USING gin (vector) WITH (gin_pending_list_limit = 512)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS idx_post_search_create ON post_search (create_at)`.execute(db);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export async function up(db: Db): Promise<void> {
  if (migrationDialect(db) === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Db): Promise<void> {
  if (migrationDialect(db) === 'postgres') {
    await sql`DROP TRIGGER IF EXISTS posts_search_sync ON posts`.execute(db);
    await sql`DROP TABLE IF EXISTS post_search`.execute(db);
    for (const fn of ['parley_post_search_sync()', 'parley_search_vector(text, text)', 'parley_search_text(text)', 'parley_unaccent(text)']) {
      await sql.raw(`DROP FUNCTION IF EXISTS ${fn}`).execute(db);
    }
    return;
  }
  for (const trigger of ['posts_search_insert', 'posts_search_update', 'posts_search_delete']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
  }
  await sql`DROP TABLE IF EXISTS post_search_fts`.execute(db);
}
