import type SQLite from 'better-sqlite3';
import { searchText } from '../../search/search_text.js';
import { searchWords } from '../../search/search_words.js';

/**
 * The SQL functions the post search triggers call (migrations 0012 and 0017); every connection that may write posts
 * registers them, or the write fails with "no such function". `parley_search_words` returns a JSON array, read with
 * json_each.
 */
export function registerSearchFunctions(file: SQLite.Database): void {
  file.function('parley_search_text', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchText(text) : ''));
  file.function('parley_search_words', { deterministic: true }, (text: unknown) => JSON.stringify(typeof text === 'string' ? searchWords(text) : []));
}
