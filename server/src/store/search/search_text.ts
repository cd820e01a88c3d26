// What the full-text index sees of a text. Chinese, Japanese and Korean are
// written without spaces between words, so a tokenizer would take a whole run
// as one token and a search for a word inside it would find nothing. Each run
// of these scripts becomes its overlapping two-character pieces ("東京都" ->
// "東京 京都"); a query term is transformed the same way and searched as the
// phrase of its pieces. PostgreSQL's index uses the same transformation, written
// in SQL by the search migration from the same character ranges.

/** Hiragana, Katakana, CJK ideographs (with extension A and compatibility), Hangul jamo and syllables. */
export const CJK_RANGES = '\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff';

const CJK_RUN = new RegExp(`[${CJK_RANGES}]+`, 'gu');
const HAS_CJK = new RegExp(`[${CJK_RANGES}]`, 'u');

function bigrams(run: string): string {
  const chars = [...run];
  if (chars.length < 2) return run;
  const pieces: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pieces.push(chars[i] + chars[i + 1]);
  return pieces.join(' ');
}

/** The text as indexed: unchanged unless it holds CJK runs, which become their overlapping bigrams. */
export function searchText(text: string): string {
  if (!HAS_CJK.test(text)) return text;
  return text.replace(CJK_RUN, (run) => ` ${bigrams(run)} `);
}

/** The tokens a search term stands for, lower case: letters, digits and marks, CJK runs as bigrams. */
export function searchTokens(term: string): string[] {
  // A token of marks alone (a lone combining accent) is nothing to either index, and PostgreSQL refuses it in a query.
  return searchText(term.toLowerCase()).split(/[^\p{L}\p{N}\p{M}]+/u).filter((token) => /[\p{L}\p{N}]/u.test(token));
}
