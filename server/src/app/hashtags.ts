// Hashtag extraction as Mattermost does it on create and edit: clients search
// and highlight by the space-separated `post.hashtags` string.

const LEADING_PUNCTUATION = /^[^\p{L}\p{Nd}\s#]+/u;
const TRAILING_PUNCTUATION = /[^\p{L}\p{Nd}\s]+$/u;
const REPEATED_HASH = /^#{2,}/;
const HASHTAG = /^#\p{L}[\p{L}\p{Nd}\-_.]*[\p{L}\p{Nd}]$/u;
const MAX_HASHTAGS_LENGTH = 1000;

export function parseHashtags(message: string): string {
  const kept: string[] = [];
  let length = 0;
  for (const raw of message.split(/\s+/u)) {
    const word = raw.replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '').replace(REPEATED_HASH, '#');
    if (!HASHTAG.test(word)) continue;
    const next = length + (kept.length > 0 ? 1 : 0) + word.length;
    // Cut at a word boundary: a hashtag that would cross the limit ends the list.
    if (next > MAX_HASHTAGS_LENGTH) break;
    kept.push(word);
    length = next;
  }
  return kept.join(' ');
}
