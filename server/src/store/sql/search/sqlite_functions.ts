import type SQLite from 'better-sqlite3';
import { searchText } from '../../search/search_text.js';

/**
 * The SQL function the post search triggers call (migration 0012); every connection that may write posts registers
 * it, or the write fails with "no such function".
 */
export function registerSearchFunctions(file: SQLite.Database): void {
  file.function('parley_search_text', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? searchText(text) : ''));
}
