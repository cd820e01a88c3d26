import type { UserProfile } from '@mattermost/types/users';

export type SearchTriggerKind = 'from' | 'in';

export interface SearchTrigger {
  kind: SearchTriggerKind;
  /** what is typed after `from:` / `in:` (lowercased, without a leading `@` or `~`) */
  query: string;
  /** index in the text where the value starts (just after the colon) */
  start: number;
}

/**
 * The `from:` / `in:` value being typed at the caret, if any (also `-from:`, `-in:`).
 * Only the text before the caret counts, like the composer's triggers.
 */
export function findSearchTrigger(text: string, caret: number): SearchTrigger | null {
  const before = text.slice(0, caret);
  const m = /(?:^|\s)-?(from|in):([^\s"]*)$/i.exec(before);
  if (!m) return null;
  const value = m[2];
  return { kind: m[1].toLowerCase() as SearchTriggerKind, query: value.replace(/^[@~]/, '').toLowerCase(), start: before.length - value.length };
}

/** Puts the chosen value in place of what was typed after the colon, followed by a space. */
export function applySearchCompletion(text: string, caret: number, trigger: SearchTrigger, value: string): { text: string; caret: number } {
  // The rest of the word after the caret belongs to the value being replaced.
  const restOfWord = /^\S*/.exec(text.slice(caret))?.[0].length ?? 0;
  const after = text.slice(caret + restOfWord).replace(/^\s+/, '');
  const next = `${text.slice(0, trigger.start)}${value} ${after}`;
  return { text: next, caret: trigger.start + value.length + 1 };
}

/** The browser's offset from UTC in seconds, east positive (what Mattermost's web app sends as time_zone_offset). */
export function timeZoneOffsetSeconds(date: Date = new Date()): number {
  return -date.getTimezoneOffset() * 60;
}

const quoted = (key: string): string => (/\s/.test(key) ? `"${key.replace(/"/g, '')}"` : key);

/**
 * Recent mentions are a search for the words that mention me, as Mattermost's web app builds it:
 * my custom mention keys, my first name when that setting is on, and always `@username`
 * (channel-wide mentions are left out: they would find every @channel post).
 */
export function mentionSearchTerms(user: Pick<UserProfile, 'username' | 'first_name' | 'notify_props'>): string {
  const keys: string[] = [];
  const props = user.notify_props as Partial<UserProfile['notify_props']> | undefined;
  for (const key of (props?.mention_keys ?? '').split(',')) {
    const k = key.trim();
    if (k) keys.push(k);
  }
  if (props?.first_name === 'true' && user.first_name) keys.push(user.first_name);
  keys.push(`@${user.username}`);
  const seen = new Set<string>();
  const unique = keys.filter((k) => {
    const lower = k.toLowerCase();
    if (['@channel', '@all', '@here'].includes(lower) || seen.has(lower)) return false;
    seen.add(lower);
    return true;
  });
  return unique.map(quoted).join(' ');
}

/**
 * Words worth highlighting in a result, read from the query itself: used when the server's
 * `matches` says nothing about a post. Search operators and excluded terms are not highlighted.
 */
export function highlightWordsFromTerms(terms: string): string[] {
  const words: string[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(terms); m; m = re.exec(terms)) {
    if (m[1] === '-') continue;
    if (m[2] !== undefined) {
      if (m[2].trim()) words.push(m[2].trim());
      continue;
    }
    const word = m[3];
    if (word.startsWith('-') || /^-?(from|in|on|before|after|ext):/i.test(word)) continue;
    const clean = word.replace(/^[^\p{L}\p{N}@#]+|[^\p{L}\p{N}_*]+$/gu, '');
    if (clean) words.push(clean);
  }
  return words;
}
