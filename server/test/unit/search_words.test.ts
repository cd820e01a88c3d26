import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { searchTokens } from '../../src/store/search/search_text.js';
import { searchWord, searchWords } from '../../src/store/search/search_words.js';
import { registerSearchFunctions } from '../../src/store/sql/search/sqlite_functions.js';

// The dictionary's words must be what FTS5's tokenizer sees, and given back to FTS5 must tokenize to what it
// indexed, or a completed prefix would miss the posts it names.

const file = new SQLite(':memory:');
registerSearchFunctions(file);
file.exec(`CREATE VIRTUAL TABLE t USING fts5(m, tokenize='unicode61 remove_diacritics 2');
  CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')`);
const insert = file.prepare('INSERT INTO t (rowid, m) VALUES (?, ?)');

/** What FTS5 indexes of each text, in order, joined by spaces; one pass over the vocabulary for them all. */
function fts5Tokens(texts: readonly string[]): string[] {
  file.exec('DELETE FROM t');
  file.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
  const tokens: string[][] = texts.map(() => []);
  for (const row of file.prepare<[], { doc: number; term: string }>('SELECT doc, term FROM v ORDER BY doc, offset').iterate()) {
    tokens[row.doc - 1]?.push(row.term);
  }
  return tokens.map((list) => list.join(' '));
}

afterAll(() => file.close());

describe('searchWord', () => {
  test('Latin diacritics go, composed or combining; other scripts keep theirs', () => {
    expect(['café', 'cafe\u0301', 'naïve', 'ångström', 'łódź', 'ệ', 'ǖ', 'straße', 'мой', 'ά', 'ǡ'].map(searchWord))
      .toEqual(['cafe', 'cafe', 'naive', 'angstrom', 'łodz', 'e', 'u', 'straße', 'мой', 'ά', 'ǡ']);
  });

  test('every letter and mark of the Basic Multilingual Plane: FTS5 reads the word as it indexed the token', () => {
    const texts: string[] = [];
    for (let c = 0x41; c < 0x10000; c++) if (c < 0xd800 || c >= 0xe000) texts.push(`a${String.fromCodePoint(c)}a`);
    for (let c = 0x300; c < 0x370; c++) for (const base of ['a', 'и', 'α']) texts.push(`x${base}${String.fromCodePoint(c)}y`);
    const tokens = texts.flatMap((text) => searchTokens(text));
    const indexed = fts5Tokens(tokens);
    const read = fts5Tokens(tokens.map(searchWord));
    expect(tokens.filter((_, i) => read[i] !== indexed[i])).toEqual([]);
  });

  test('where FTS5 folds a letter to plain ASCII, so does searchWord', () => {
    const words: string[] = [];
    for (let c = 0xc0; c < 0x2000; c++) words.push(`x${String.fromCodePoint(c).toLowerCase()}x`);
    const indexed = fts5Tokens(words);
    // ſ and ẛ (long s) fold to s in FTS5 only: a prefix typed with s does not complete to them.
    const differ = words.filter((w, i) => /^x[a-z]x$/u.test(indexed[i] ?? '') && searchWord(w) !== indexed[i]);
    expect(differ).toEqual(['xſx', 'xẛx']);
  });
});

describe('searchWords', () => {
  test('distinct lower-case words, CJK as bigrams', () => {
    expect(searchWords('Café CAFÉ cafe foo-bar 東京都')).toEqual(['cafe', 'foo', 'bar', '東京', '京都']);
  });

  test('parley_search_words gives them to SQL as JSON', () => {
    const row = file.prepare<[], { words: string }>("SELECT parley_search_words('Meet me at the Café') AS words").get();
    expect(JSON.parse(row?.words ?? '')).toEqual(['meet', 'me', 'at', 'the', 'cafe']);
    expect(file.prepare<[], { words: string }>('SELECT parley_search_words(NULL) AS words').get()?.words).toBe('[]');
  });
});
