import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { PrefixCompletions } from './search_match.js';

// Completing a prefix from SQLite's dictionary of indexed words (migration 0017): a range of its primary key.

/**
 * Past this many words a prefix keeps FTS5's own prefix query: an OR of a few hundred terms is still walked lazily,
 * but each row costs a step of every term.
 */
export const PREFIX_COMPLETIONS_CAP = 200;

/** The last character there is; no word holds it, so every word beginning with p sorts below p + it. */
const AFTER_ALL = '\u{10FFFF}';

/** The indexed words beginning with each prefix, or undefined for a prefix with more than the cap. */
export async function prefixCompletions(db: Kysely<Database>, prefixes: readonly string[]): Promise<PrefixCompletions> {
  const completions = new Map<string, readonly string[] | undefined>();
  for (const prefix of prefixes) {
    // Compared as UTF-8 bytes, which sort as the code points do.
    const { rows } = await sql<{ word: string }>`SELECT word FROM post_search_words
      WHERE word >= ${prefix} AND word < ${prefix + AFTER_ALL} ORDER BY word LIMIT ${PREFIX_COMPLETIONS_CAP + 1}`.execute(db);
    completions.set(prefix, rows.length > PREFIX_COMPLETIONS_CAP ? undefined : rows.map((row) => row.word));
  }
  return completions;
}

/** Adds the words of the live posts in a rowid range, for `parley reindex`. */
export async function addPostWords(db: Kysely<Database>, after: number, last: number): Promise<void> {
  await sql`INSERT OR IGNORE INTO post_search_words (word)
    SELECT w.value FROM posts p, json_each(parley_search_words(p.message)) w
    WHERE p.rowid > ${after} AND p.rowid <= ${last} AND substr(p.type, 1, 7) <> 'system_' AND p.delete_at = 0`.execute(db);
}
