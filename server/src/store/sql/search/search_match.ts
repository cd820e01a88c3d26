import type { SearchTextTerm } from '../../search/post_search.js';
import { searchWord } from '../../search/search_words.js';

// Search terms in each database's query language. Tokens are letters, digits
// and marks only (store/search/search_text.ts), so quoting them is enough.
//
// Both indexes hold word stems, and both databases stem a prefix as if it were
// a word: `deploy*` looks for stems beginning "deploi" (SQLite's porter) while
// "deployment" is stored as "deploy", and `runn*` misses "running" (stored as
// "run"). So a prefix of four or more characters also matches one character
// shorter, which finds those at the cost of a few more results.
//
// SQLite spells a prefix out as the indexed words that begin with it (the
// dictionary of migration 0017), each a quoted token like any other.

/** The term and, for a prefix, the same term with its last token one character shorter. */
function variants(term: SearchTextTerm): SearchTextTerm[] {
  const last = term.tokens.at(-1) ?? '';
  const chars = [...last];
  if (!term.prefix || chars.length < 4) return [term];
  return [term, { ...term, tokens: [...term.tokens.slice(0, -1), chars.slice(0, -1).join('')] }];
}

/**
 * Completions of prefixes (folded by `searchWord`) from the dictionary of indexed words (SQLite, migration 0017).
 * A prefix absent, or mapped to undefined (more words than are worth listing), keeps FTS5's own prefix query.
 */
export type PrefixCompletions = ReadonlyMap<string, readonly string[] | undefined>;

/** A prefix term's variants with the prefix folded like the dictionary's words, so `café*` and `cafe*` agree. */
function fts5Variants(term: SearchTextTerm): SearchTextTerm[] {
  if (!term.prefix) return [term];
  return variants({ ...term, tokens: [...term.tokens.slice(0, -1), searchWord(term.tokens.at(-1) ?? '')] });
}

/** The prefixes whose completions an FTS5 match of `terms` uses. */
export function fts5Prefixes(terms: readonly SearchTextTerm[]): string[] {
  return [...new Set(terms.flatMap(fts5Variants).filter((t) => t.prefix).map((t) => t.tokens.at(-1) ?? ''))];
}

// FTS5 answers `"w" *` by merging the match lists of every term beginning with w before its first row; the same
// terms spelled out as an OR are walked lazily, newest first, so a search stops at its page.
function fts5Alternatives(term: SearchTextTerm, completions: PrefixCompletions): string[] {
  const phrase = (tokens: readonly string[]): string => `${term.field} : "${tokens.join(' ')}"`;
  return fts5Variants(term).flatMap((variant) => {
    if (!variant.prefix) return [phrase(variant.tokens)];
    const words = completions.get(variant.tokens.at(-1) ?? '');
    if (words === undefined) return [`${phrase(variant.tokens)} *`];
    const head = variant.tokens.slice(0, -1);
    return words.map((word) => phrase([...head, word]));
  });
}

/** The term as an FTS5 expression; undefined when it can match nothing (a prefix no indexed word begins with). */
function fts5Term(term: SearchTextTerm, completions: PrefixCompletions): string | undefined {
  const alternatives = [...new Set(fts5Alternatives(term, completions))];
  return alternatives.length === 0 ? undefined : alternatives.join(' OR ');
}

/** An FTS5 MATCH expression: the terms joined by AND (OR with `any`); undefined when no post can match. */
export function fts5Match(terms: readonly SearchTextTerm[], any: boolean, completions: PrefixCompletions): string | undefined {
  const all = terms.map((term) => fts5Term(term, completions));
  const matchable = all.filter((expression): expression is string => expression !== undefined);
  if (any ? matchable.length === 0 : matchable.length < all.length) return undefined;
  return matchable.map((expression) => `(${expression})`).join(any ? ' OR ' : ' AND ');
}

/** An FTS5 MATCH expression for `terms`, less posts matching any of `excluded`; undefined when no post can match. */
export function fts5MatchExcluding(terms: readonly SearchTextTerm[], any: boolean, excluded: readonly SearchTextTerm[],
  completions: PrefixCompletions): string | undefined {
  const matched = fts5Match(terms, any, completions);
  const unwanted = fts5Match(excluded, true, completions);
  return matched === undefined || unwanted === undefined ? matched : `(${matched}) NOT (${unwanted})`;
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
