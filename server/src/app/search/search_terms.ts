// The search box's syntax, as Mattermost's web app writes it: words, "phrases",
// `-excluded` words and phrases, `prefix*`, `#hashtags`, and the flags
// `from:`, `in:`/`channel:`, `before:`/`after:`/`on:` and `ext:` (each but the
// dates also negated with a leading `-`). Shared by post and file search.

/** A parsed query; every text is lower case. Dates are as written (validate with `parseSearchDate`). */
export interface SearchTerms {
  /** Plain words, `@username` included (the mention search sends those). */
  words: string[];
  /** Words written with a trailing `*`, without it. */
  prefixes: string[];
  /** Quoted phrases. A quoted `"word*"` is not a prefix. */
  phrases: string[];
  excludedWords: string[];
  excludedPrefixes: string[];
  excludedPhrases: string[];
  /** Hashtags with their `#`, as `posts.hashtags` holds them. */
  hashtags: string[];
  excludedHashtags: string[];
  /** Usernames without `@`. */
  fromUsers: string[];
  excludedFromUsers: string[];
  /** Channel names without `~`; a direct message is `@username`. */
  inChannels: string[];
  excludedInChannels: string[];
  /** File extensions without the dot. */
  extensions: string[];
  excludedExtensions: string[];
  /** `YYYY-MM-DD` as written; the last of each flag wins. */
  before?: string;
  after?: string;
  on?: string;
}

type ListFlag = 'fromUsers' | 'inChannels' | 'extensions';

const LIST_FLAGS: ReadonlyMap<string, ListFlag> = new Map([
  ['from', 'fromUsers'],
  ['in', 'inChannels'],
  ['channel', 'inChannels'],
  ['ext', 'extensions'],
]);
const EXCLUDED: Record<ListFlag, 'excludedFromUsers' | 'excludedInChannels' | 'excludedExtensions'> = {
  fromUsers: 'excludedFromUsers',
  inChannels: 'excludedInChannels',
  extensions: 'excludedExtensions',
};
const DATE_FLAGS = new Set(['before', 'after', 'on']);

/** Splits on white space, keeping `"quoted text"` (with an optional leading `-` or `flag:`) as one token. */
function tokenize(terms: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of terms) {
    if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (!quoted && /\s/u.test(char)) {
      if (current !== '') tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function unquote(text: string): { text: string; quoted: boolean } {
  if (text.startsWith('"')) {
    const end = text.endsWith('"') && text.length > 1 ? text.length - 1 : text.length;
    return { text: text.slice(1, end).trim(), quoted: true };
  }
  return { text, quoted: false };
}

function flagValue(flag: ListFlag, value: string): string {
  if (flag === 'fromUsers') return value.replace(/^@/u, '');
  if (flag === 'inChannels') return value.replace(/^~/u, '');
  return value.replace(/^\./u, '');
}

export function emptySearchTerms(): SearchTerms {
  return {
    words: [], prefixes: [], phrases: [], excludedWords: [], excludedPrefixes: [], excludedPhrases: [],
    hashtags: [], excludedHashtags: [], fromUsers: [], excludedFromUsers: [], inChannels: [], excludedInChannels: [],
    extensions: [], excludedExtensions: [],
  };
}

export function parseSearchTerms(terms: string): SearchTerms {
  const parsed = emptySearchTerms();
  for (const raw of tokenize(terms.toLowerCase())) {
    const excluded = raw.startsWith('-') && raw.length > 1;
    const token = excluded ? raw.slice(1) : raw;
    const colon = token.indexOf(':');
    if (colon > 0 && !token.startsWith('"')) {
      const name = token.slice(0, colon);
      const value = unquote(token.slice(colon + 1)).text;
      const list = LIST_FLAGS.get(name);
      if (list && value !== '') {
        const cleaned = flagValue(list, value);
        if (cleaned !== '') parsed[excluded ? EXCLUDED[list] : list].push(cleaned);
        continue;
      }
      if (DATE_FLAGS.has(name) && value !== '' && !excluded) {
        parsed[name as 'before' | 'after' | 'on'] = value;
        continue;
      }
    }
    const { text, quoted } = unquote(token);
    if (text === '') continue;
    if (quoted) {
      (excluded ? parsed.excludedPhrases : parsed.phrases).push(text);
    } else if (/^#[^#]/u.test(text)) {
      (excluded ? parsed.excludedHashtags : parsed.hashtags).push(text);
    } else if (text.endsWith('*')) {
      const stem = text.replace(/\*+$/u, '');
      if (stem !== '') (excluded ? parsed.excludedPrefixes : parsed.prefixes).push(stem);
    } else {
      (excluded ? parsed.excludedWords : parsed.words).push(text);
    }
  }
  return parsed;
}

/** Whether the query names anything to match by text (words, phrases, prefixes or hashtags). */
export function hasTextTerms(terms: SearchTerms): boolean {
  return terms.words.length + terms.prefixes.length + terms.phrases.length + terms.hashtags.length > 0;
}

/**
 * A `YYYY-MM-DD` date as [year, month, day], or undefined when it is not a real calendar date.
 * Callers turn it into a time range with the searcher's time zone offset.
 */
export function parseSearchDate(text: string): [number, number, number] | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return [year, month, day];
}
