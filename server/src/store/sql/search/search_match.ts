import type { SearchTextTerm } from '../../search/post_search.js';

// Search terms in each database's query language. Tokens are letters, digits
// and marks only (store/search/search_text.ts), so quoting them is enough.
//
// Both indexes hold word stems, and both databases stem a prefix as if it were
// a word: `deploy*` looks for stems beginning "deploi" (SQLite's porter) while
// "deployment" is stored as "deploy", and `runn*` misses "running" (stored as
// "run"). So a prefix of four or more characters also matches one character
// shorter, which finds those at the cost of a few more results.

/** The term and, for a prefix, the same term with its last token one character shorter. */
function variants(term: SearchTextTerm): SearchTextTerm[] {
  const last = term.tokens.at(-1) ?? '';
  const chars = [...last];
  if (!term.prefix || chars.length < 4) return [term];
  return [term, { ...term, tokens: [...term.tokens.slice(0, -1), chars.slice(0, -1).join('')] }];
}

function fts5Single(term: SearchTextTerm): string {
  return `${term.field} : "${term.tokens.join(' ')}"${term.prefix ? ' *' : ''}`;
}

function fts5Term(term: SearchTextTerm): string {
  return variants(term).map(fts5Single).join(' OR ');
}

/** An FTS5 MATCH expression: the terms joined by AND (OR with `any`). */
export function fts5Match(terms: readonly SearchTextTerm[], any: boolean): string {
  return terms.map((term) => `(${fts5Term(term)})`).join(any ? ' OR ' : ' AND ');
}

/** An FTS5 MATCH expression for `terms`, less posts matching any of `excluded`. */
export function fts5MatchExcluding(terms: readonly SearchTextTerm[], any: boolean, excluded: readonly SearchTextTerm[]): string {
  const matched = fts5Match(terms, any);
  return excluded.length === 0 ? matched : `(${matched}) NOT (${fts5Match(excluded, true)})`;
}

function tsqueryTerm(term: SearchTextTerm): string {
  const all = variants(term).map(tsquerySingle);
  return all.length === 1 ? all[0] as string : `(${all.join(' | ')})`;
}

function tsquerySingle(term: SearchTextTerm): string {
  const weight = term.field === 'message' ? 'A' : 'B';
  const last = term.tokens.length - 1;
  const lexemes = term.tokens.map((token, i) => `'${token}':${term.prefix && i === last ? '*' : ''}${weight}`);
  return lexemes.length === 1 ? lexemes[0] as string : `(${lexemes.join(' <-> ')})`;
}

/**
 * For each term, tsquery texts each matching at least every post the term matches: the term itself, or for a phrase
 * each of its words (a post with the phrase has every word of it, while the words of a phrase occur together far more
 * often than chance, which the planner's estimate of the phrase assumes).
 */
export function tsqueryBounds(terms: readonly SearchTextTerm[]): string[][] {
  return terms.map((term) => {
    const last = term.tokens.length - 1;
    if (last < 1) return [tsqueryTerm(term)];
    return term.tokens.map((token, i) => tsqueryTerm({ ...term, tokens: [token], prefix: term.prefix && i === last }));
  });
}

/** tsquery text (for to_tsquery with the english configuration): the message has weight A, hashtags weight B. */
export function tsqueryText(terms: readonly SearchTextTerm[], any: boolean): string {
  return terms.map(tsqueryTerm).join(any ? ' | ' : ' & ');
}

/** tsquery text for `terms` less posts matching any of `excluded`. */
export function tsqueryTextExcluding(terms: readonly SearchTextTerm[], any: boolean, excluded: readonly SearchTextTerm[]): string {
  const matched = tsqueryText(terms, any);
  return excluded.length === 0 ? matched : `(${matched}) & !(${tsqueryText(excluded, true)})`;
}
