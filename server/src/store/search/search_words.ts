import { searchTokens } from './search_text.js';

// The words SQLite's index holds, as its tokenizer (`unicode61
// remove_diacritics 2`) sees them before stemming: the tokens of
// `searchTokens`, with the diacritics of Latin letters removed as that
// tokenizer removes them. They fill the dictionary a prefix is completed
// from (migration 0017), and a typed prefix is folded the same way, so `cafe*`
// and `café*` complete to the same words. FTS5 leaves the accents of other
// scripts (й, ά) in place, and so does this: each word, given back to FTS5 in
// a query, must tokenize to what FTS5 indexed for it.

/** Combining marks FTS5 drops inside a token: those Latin letters with diacritics decompose into. */
const DROPPED_MARKS = '\\u0300-\\u0304\\u0306-\\u030c\\u030f\\u0311\\u031b\\u0323-\\u0328\\u032d\\u032e\\u0330\\u0331';
/** Latin letters that may carry diacritics; U+01E0/U+01E1 (ǡ, a with two marks) are ones FTS5 keeps. */
const ACCENTED_LATIN = /[\u00c0-\u01df\u01e2-\u024f\u1e00-\u1eff]/gu;
const BASE_AND_MARKS = new RegExp(`^[a-z][${DROPPED_MARKS}]+$`, 'u');
const MARK = new RegExp(`[${DROPPED_MARKS}]`, 'gu');

/** A lower-case token without the diacritics FTS5 removes (`é` -> `e`, also when typed as `e` + U+0301). */
export function searchWord(token: string): string {
  return token
    .replace(ACCENTED_LATIN, (letter) => {
      const decomposed = letter.normalize('NFD');
      return BASE_AND_MARKS.test(decomposed) ? decomposed.charAt(0) : letter;
    })
    .replace(MARK, '');
}

/** The distinct words of a text, for the dictionary of indexed words. */
export function searchWords(text: string): string[] {
  return [...new Set(searchTokens(text).map(searchWord))];
}
