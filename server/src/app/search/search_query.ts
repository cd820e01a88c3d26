import { searchTokens } from '../../store/search/search_text.js';
import type { SearchTextTerm } from '../../store/search/post_search.js';
import { parseSearchDate, type SearchTerms } from './search_terms.js';

// From the parsed search box to what the store matches: each term as its
// tokens (a word with punctuation inside, such as `foo-bar`, and a CJK word
// become phrases), and the date flags as a create_at range in the searcher's
// time zone.

const DAY_MS = 86_400_000;

function term(text: string, prefix: boolean, field: SearchTextTerm['field']): SearchTextTerm | undefined {
  const tokens = searchTokens(text);
  return tokens.length === 0 ? undefined : { tokens, prefix, field };
}

const defined = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

/** The terms a post must match; a term with nothing searchable in it (`!!!`) is left out. */
export function positiveTerms(terms: SearchTerms): SearchTextTerm[] {
  return defined([
    ...terms.words.map((w) => term(w, false, 'message')),
    ...terms.phrases.map((p) => term(p, false, 'message')),
    ...terms.prefixes.map((p) => term(p, true, 'message')),
    ...terms.hashtags.map((h) => term(h, false, 'hashtags')),
  ]);
}

export function excludedTerms(terms: SearchTerms): SearchTextTerm[] {
  return defined([
    ...terms.excludedWords.map((w) => term(w, false, 'message')),
    ...terms.excludedPhrases.map((p) => term(p, false, 'message')),
    ...terms.excludedPrefixes.map((p) => term(p, true, 'message')),
    ...terms.excludedHashtags.map((h) => term(h, false, 'hashtags')),
  ]);
}

/** Start of a calendar day, in ms, for a zone `offsetSeconds` east of UTC. */
function startOfDay([year, month, day]: [number, number, number], offsetSeconds: number, shiftDays = 0): number {
  return Date.UTC(year, month - 1, day + shiftDays) - offsetSeconds * 1000;
}

/**
 * The create_at range of `on:`, `after:` and `before:` as Mattermost reads them: `on:` is that whole day (and wins
 * over the others), `after:` starts the day after, `before:` ends the day before. Undefined: a date is not one,
 * and the search matches nothing.
 */
export function dateRange(terms: SearchTerms, offsetSeconds: number): { since?: number; until?: number } | undefined {
  if (terms.on !== undefined) {
    const on = parseSearchDate(terms.on);
    if (!on) return undefined;
    const since = startOfDay(on, offsetSeconds);
    return { since, until: since + DAY_MS - 1 };
  }
  const range: { since?: number; until?: number } = {};
  if (terms.after !== undefined) {
    const after = parseSearchDate(terms.after);
    if (!after) return undefined;
    range.since = startOfDay(after, offsetSeconds, 1);
  }
  if (terms.before !== undefined) {
    const before = parseSearchDate(terms.before);
    if (!before) return undefined;
    range.until = startOfDay(before, offsetSeconds) - 1;
  }
  return range;
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The words a client should highlight in a post (`matches` of the search result): the terms as typed that occur in
 * the message, or, when the match came through stemming or CJK pieces, every term typed.
 */
export function highlights(terms: SearchTerms, message: string): string[] {
  const typed = [...terms.words, ...terms.phrases, ...terms.prefixes.map((p) => `${p}*`), ...terms.hashtags];
  const text = fold(message);
  const found = typed.filter((t) => text.includes(fold(t.replace(/\*$/u, ''))));
  return found.length > 0 ? found : typed;
}
